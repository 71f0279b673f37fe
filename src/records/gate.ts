// The publication gate: what must hold before the advisory email, the CVE
// record and the OSV record go out, each failure named with what to do, and
// the three records checked against each other (same CVE ID, title, severity,
// versions and fix links). Nothing is sent unless every check passes.
import { validateCvssV4 } from '../domain/cvss.ts';
import { cveIdPattern } from '../domain/identifiers.ts';
import type { Report } from '../domain/report.ts';
import { type AdvisoryEmail, cveOrgUrl, severityWord } from './advisory-email.ts';
import type { OsvRecord } from './osv.ts';
import { validateCveRecord, validateOsvRecord } from './validation.ts';

export interface GateCheck {
  id: string;
  label: string;
  met: boolean;
  /** When unmet: what is wrong and what to do. Names fields, never quotes report text. */
  reason: string | null;
}

export interface GateResult {
  passed: boolean;
  checks: GateCheck[];
}

/** The three records of one publication, as rendered. */
export interface RenderedRecords {
  email: AdvisoryEmail;
  /** The whole CVE record (`cveMetadata` and `containers.cna`). */
  cve: CveRecordShape;
  /** None for a project the PSF advisory database does not hold. */
  osv: OsvRecord | null;
}

/** The parts of a CVE record the gate compares; the schema check covers the rest. */
export interface CveRecordShape {
  cveMetadata: { cveId: string };
  containers: {
    cna: {
      title?: string;
      descriptions: { value: string }[];
      metrics?: { [format: string]: unknown }[];
      affected: { versions?: { version: string; lessThan?: string; status: string }[] }[];
      references: { url: string; tags?: string[] }[];
    };
  };
}

// Markup the records would carry literally: HTML tags, Markdown links and images, backslash escapes of it.
const markup = /<\/?[a-z][^>]*>|!?\[[^\]]*\]\([^)]*\)/i;
// Control characters but tab and newline.
const control = /(?![\t\n])\p{Cc}/u;

function textProblem(field: string, text: string): string | null {
  if (!text.trim()) return `The ${field} is empty: write it.`;
  if (control.test(text)) return `The ${field} holds control characters: remove them.`;
  if (markup.test(text))
    return `The ${field} holds HTML or Markdown markup: records carry plain text; rewrite it without.`;
  return null;
}

const check = (id: string, label: string, reason: string | null): GateCheck => ({
  id,
  label,
  met: reason === null,
  reason,
});

const patchLinks = (records: RenderedRecords) =>
  records.cve.containers.cna.references.filter((ref) => ref.tags?.includes('patch')).map((ref) => ref.url);

function cveSeverity(record: CveRecordShape): string | null {
  for (const metric of record.containers.cna.metrics ?? []) {
    const cvss = (metric.cvssV4_0 ?? metric.cvssV3_1) as { baseSeverity?: string } | undefined;
    if (cvss?.baseSeverity) return cvss.baseSeverity;
  }
  return null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item));

/** The facts the records need, checked on the report. */
function factChecks(report: Report): GateCheck[] {
  const { publication } = report;
  const cvssError = report.cvssVector ? validateCvssV4(report.cvssVector) : 'No CVSS v4 vector is set';
  // CPython is fixed by commits (one per branch); a package by its patched versions.
  const fixes = report.affected.flatMap((range) =>
    'fixed' in range ? range.fixed : range.patchedVersions ? [range.patchedVersions] : [],
  );
  const versions = publication.products.flatMap((product) => product.versions);
  const preference = report.creditPreference;
  const pending = publication.credits.filter((credit) => credit.state === 'pending');
  const credited =
    preference?.credit === true &&
    publication.credits.some((credit) => credit.state === 'accepted' && credit.name === preference.name);
  return [
    check(
      'cve-id',
      'A CVE ID is set',
      report.cveId && cveIdPattern.test(report.cveId)
        ? null
        : 'No valid CVE ID is set: reserve one (accepting the report does).',
    ),
    check('title', 'The title is plain text', textProblem('title', report.title)),
    check('description', 'The description is plain text', textProblem('description', report.description)),
    check(
      'cvss-v4',
      'A valid CVSS v4 vector with a severity',
      cvssError
        ? `${cvssError}: score the report with the CVSS v4 calculator.`
        : severityWord(report.cvssVector) === null
          ? 'The CVSS v4 vector scores 0.0 (no severity): a vulnerability has one; rescore it.'
          : null,
    ),
    check(
      'cwe',
      'A CWE is given',
      publication.cweIds?.length
        ? publication.cweIds.every((id) => /^CWE-\d+$/.test(id))
          ? null
          : 'A CWE id is not of the form CWE-NNN: correct it.'
        : 'No CWE is given: choose the weakness (e.g. CWE-22 for path traversal).',
    ),
    check(
      'affected-versions',
      'Affected versions are consistent with the fix commits',
      fixes.length === 0
        ? 'No fix is recorded (fix commits, or patched versions of a package): psrt fills commits from the merged fix pull requests; link the fix.'
        : versions.length === 0
          ? 'No affected versions are recorded for the CVE record: psrt fills them from the releases containing the fix.'
          : versions.some(
                (version) =>
                  version.status === 'affected' && version.lessThan === null && version.version === '0',
              )
            ? 'An affected version range has no end (lessThan): give the first fixed version.'
            : null,
    ),
    check(
      'patch-reference',
      'At least one patch reference',
      publication.references.some((ref) => ref.type === 'FIX')
        ? null
        : 'No fix (patch) reference is recorded: add the fix pull request or commit.',
    ),
    check(
      'credits',
      "Credits follow the reporter's recorded preference",
      preference === null
        ? "The reporter's credit preference is not recorded: ask whether and how to credit them."
        : pending.length > 0
          ? `${pending.length} credit(s) still wait for acceptance on GitHub: wait, or drop them.`
          : preference.credit && !credited
            ? 'The reporter asked to be credited, and no accepted credit names them: add the credit.'
            : null,
    ),
  ];
}

/** The three records said the same things, and are valid against their official schemas. */
function recordChecks(report: Report, records: RenderedRecords): GateCheck[] {
  const { email, cve, osv } = records;
  const cna = cve.containers.cna;
  const cveId = report.cveId ?? '';
  const ids = [
    email.subject.slice(1, email.subject.indexOf(']')),
    cve.cveMetadata.cveId,
    ...(osv ? [osv.aliases?.[0] ?? ''] : []),
  ];
  const titles = [
    email.subject.slice(email.subject.indexOf(']') + 2),
    cna.title ?? '',
    ...(osv ? [osv.summary ?? ''] : []),
  ];
  const severity = severityWord(report.cvssVector);
  const emailLinks = email.text
    .split('\n')
    .filter((line) => line.startsWith('* '))
    .map((line) => line.slice(2));
  const osvFixes = osv
    ? (osv.references ?? []).filter((ref) => ref.type === 'FIX').map((ref) => ref.url)
    : patchLinks(records);
  const cveProblems = validateCveRecord(cve);
  const osvProblems = osv ? validateOsvRecord(osv) : [];
  const first = (problems: { path: string; message: string }[]) =>
    `${problems.length} problem(s), first: ${problems[0]?.path || '(record)'} ${problems[0]?.message}`;
  return [
    check(
      'same-cve-id',
      'The three records name the same CVE ID',
      ids.every((id) => id === cveId)
        ? null
        : 'The records name different CVE IDs: render them again from the report.',
    ),
    check(
      'same-title',
      'The three records carry the same title',
      titles.every((title) => title === report.title)
        ? null
        : 'The records carry different titles: render them again from the report.',
    ),
    check(
      'same-severity',
      'The email and the CVE record give the same severity',
      email.text.includes(`There is a ${severity} severity`) && cveSeverity(cve) === severity
        ? null
        : 'The email and the CVE record give different severities: render them again from the report.',
    ),
    check(
      'same-fix-links',
      'The email, CVE and OSV records link the same fixes',
      emailLinks[0] === cveOrgUrl(cveId) &&
        sameSet(patchLinks(records), osvFixes) &&
        emailLinks.slice(1).every((link) => patchLinks(records).includes(link))
        ? null
        : 'The records link different fixes: every pull request in the email must be a patch reference of the CVE and OSV records.',
    ),
    check(
      'cve-schema',
      'The CVE record is valid CVE JSON 5.1',
      cveProblems.length === 0 ? null : `The CVE record is not valid CVE JSON 5.1: ${first(cveProblems)}.`,
    ),
    check(
      'osv-schema',
      'The OSV record is valid OSV',
      osvProblems.length === 0 ? null : `The OSV record is not valid OSV: ${first(osvProblems)}.`,
    ),
  ];
}

/** Every check of the gate, the report's facts first, then the rendered records (when there are any). */
export function publicationGate(report: Report, records: RenderedRecords | null): GateResult {
  const checks = [...factChecks(report), ...(records ? recordChecks(report, records) : [])];
  return { passed: checks.every((item) => item.met), checks };
}
