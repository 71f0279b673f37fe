// Reading the report page's forms strictly: each value is exactly what the form offers or it is
// refused (400) with what was wrong and what to write instead, never coerced, and never echoed
// (a form field can hold embargoed text). The field edit is read into the patch of what changed.
import { UseCaseError } from '../../app/errors.ts';
import { canonicalJson } from '../../domain/audit.ts';
import type { FieldPatch } from '../../domain/fields.ts';
import { withProductVersions } from '../../domain/fixed-versions.ts';
import { githubLoginPattern } from '../../domain/identifiers.ts';
import type { CreditPreference, Report } from '../../domain/report.ts';
import { submittedVector } from '../cvss-picker.ts';
import { minuteText } from '../pages/report/edit.tsx';
import {
  parseAffected,
  parseFixes,
  parseReferences,
  parseVersions,
  referencesText,
  versionsText,
} from '../pages/report/field-text.ts';

export type Form = Record<string, string | File | (string | File)[]>;

const invalid = (message: string) => new UseCaseError('invalid', message);

/** A text field's value ('' when absent); a field sent twice or as a file is refused. */
export function text(form: Form, name: string): string {
  const value = form[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw invalid(`The form field "${name}" must be sent once, as text.`);
  return value;
}

export function required(form: Form, name: string, what: string): string {
  const value = text(form, name).trim();
  if (!value) throw invalid(`${what} is missing: fill it in and send the form again.`);
  return value;
}

export function oneOf<T extends string>(form: Form, name: string, what: string, choices: readonly T[]): T {
  const value = text(form, name);
  if (!(choices as readonly string[]).includes(value))
    throw invalid(`${what} must be one of ${choices.join(', ')}: choose one in the form.`);
  return value as T;
}

export function login(form: Form, name: string, what: string): string {
  const value = required(form, name, what);
  if (!githubLoginPattern.test(value))
    throw invalid(`${what} must be a GitHub login (letters, digits and hyphens, at most 39 characters).`);
  return value;
}

export function wholeNumber(form: Form, name: string, what: string, min: number, max: number): number {
  const value = text(form, name).trim();
  const n = /^[0-9]{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) throw invalid(`${what} must be a whole number from ${min} to ${max}.`);
  return n;
}

export const checked = (form: Form, name: string): boolean => text(form, name) !== '';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date (`2026-03-01`, midnight UTC) or a UTC time to the minute (`2026-03-01T09:30`, what a
 * datetime-local field sends), that exists; '' is null.
 */
export function utcTime(form: Form, name: string, what: string): Date | null {
  const value = text(form, name).trim();
  if (value === '') return null;
  const match = datePattern.exec(value);
  const parts = match ? match.slice(1).map((part) => Number(part ?? 0)) : [];
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = parts;
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    !match ||
    y < 1990 ||
    y > 2100 ||
    at.getUTCMonth() !== mo - 1 ||
    at.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    throw invalid(`${what} must be a date from 1990 to 2100, as 2026-03-01 or 2026-03-01T09:30 (UTC).`);
  return at;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** A text field as written, line ends and spacing at the ends of lines aside. */
const lineText = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');

/** Whether the form sends `name` with text other than `shown` (what the page showed): only then is it read. */
const rewritten = (form: Form, name: string, shown: string) =>
  form[name] !== undefined && lineText(text(form, name)) !== lineText(shown);

/**
 * The publication facts the form edits (the CVE record's affected version ranges, the
 * references), read only when their text was changed: a range the text does not show in full
 * (an imported record's) is never rewritten by saving other fields.
 */
function publicationPatch(form: Form, report: Report): FieldPatch['publication'] | null {
  const { products, references } = report.publication;
  const facts: NonNullable<FieldPatch['publication']> = {};
  if (rewritten(form, 'versions', versionsText(products[0]?.versions ?? [])))
    facts.products = withProductVersions(report, parseVersions(text(form, 'versions')));
  if (rewritten(form, 'references', referencesText(references)))
    facts.references = parseReferences(text(form, 'references'));
  return Object.keys(facts).length > 0 ? facts : null;
}
const sameMinute = (a: Date | null, b: Date | null) => minuteText(a) === minuteText(b);

function creditPreference(form: Form): CreditPreference | null {
  const choice = oneOf(form, 'credit', "The reporter's credit", ['unknown', 'none', 'credit'] as const);
  if (choice === 'unknown') return null;
  if (choice === 'none') return { credit: false, name: null };
  return { credit: true, name: text(form, 'creditName').trim() || null };
}

/**
 * What the edit form changes on `report`: only the fields whose value differs, so an untouched
 * field is never written back. Refused (409) when the report changed since the form was made.
 */
export function fieldPatch(form: Form, report: Report): FieldPatch {
  if (text(form, 'version') !== report.updatedAt.toISOString())
    throw new UseCaseError(
      'conflict',
      'The report changed since this form was made (someone else, or GitHub, changed it): nothing was saved. Reload the page and make your edit again.',
    );
  const patch: FieldPatch = {};
  const title = text(form, 'title').trim();
  if (title !== report.title) patch.title = title;
  const cveId = text(form, 'cveId').trim() || null;
  if (cveId !== report.cveId) patch.cveId = cveId;
  // The calculator's picks, or the vector typed over them (web/cvss-picker).
  const cvss =
    submittedVector(
      (field) => (typeof form[field] === 'string' ? (form[field] as string) : undefined),
      'cvss',
    ) || null;
  if (cvss !== report.cvssVector) patch.cvssVector = cvss;
  try {
    const affected = parseAffected(text(form, 'affected'));
    if (!same(affected, report.affected)) patch.affected = affected;
    const fixes = parseFixes(text(form, 'fixes'));
    if (!same(fixes, report.fixPullRequests)) patch.fixPullRequests = fixes;
    const publication = publicationPatch(form, report);
    if (publication) patch.publication = publication;
  } catch (error) {
    if (error instanceof UseCaseError) throw error;
    throw invalid((error as Error).message);
  }
  const credit = creditPreference(form);
  if (!same(credit, report.creditPreference)) patch.creditPreference = credit;
  const aware = utcTime(form, 'exploitationAwareAt', 'The time of awareness of exploitation');
  if (!sameMinute(aware, report.cra.exploitationAwareAt)) patch.exploitationAwareAt = aware;
  const fixed = utcTime(form, 'fixAvailableAt', 'The time a fix became available');
  if (!sameMinute(fixed, report.cra.fixAvailableAt)) patch.fixAvailableAt = fixed;
  return patch;
}
