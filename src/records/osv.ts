// The OSV record of the PSF advisory database (psf/advisory-database,
// `advisories/<project>/PSF-YYYY-N.json`), rendered from a report's facts and
// read back from a published file. The PSF describes CPython by commits: one
// `GIT` range on the repository, `introduced` then one `fixed` per maintained
// branch. Both directions are pure; schema validation is records/validation.

import { cveIdPattern } from '../domain/identifiers.ts';
import {
  type Credit,
  type CreditType,
  creditTypes,
  emptyPublication,
  psfIdPattern,
  publishableCredits,
  type Reference,
  referenceTypes,
} from '../domain/publication.ts';
import { type AffectedCommits, isCommitRange, type Report } from '../domain/report.ts';
import type { ReadResult, RecordProblem } from './imported.ts';

/** The OSV schema version the PSF's files declare. */
export const OSV_SCHEMA_VERSION = '1.5.0';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
}

export interface OsvRecord {
  modified: string;
  published: string;
  schema_version: string;
  id: string;
  aliases?: string[];
  summary?: string;
  details: string;
  affected: { ranges: { type: 'GIT'; events: OsvEvent[]; repo: string }[] }[];
  references?: { type: string; url: string }[];
  credits?: { name: string; type: string }[];
  database_specific?: { cwe_ids?: string[]; cra?: OsvCraNotice };
}

/**
 * The user notice of Regulation (EU) 2024/2847 Art. 14(8) for an actively exploited vulnerability:
 * machine-readable in the OSV record's `database_specific`, which the OSV schema leaves open.
 */
export interface OsvCraNotice {
  actively_exploited: true;
  exploitation_aware_at?: string;
  user_notice: string;
}

/**
 * What users are told to do: what the team wrote as the measures users can take in the vulnerability
 * notification, else the recorded measure, else to update to a fixed version. Null when the
 * vulnerability is not actively exploited, so those records stay exactly as before.
 */
export function craNotice(report: Report): OsvCraNotice | null {
  const { exploitation, exploitationAwareAt, measure, drafts } = report.cra;
  if (exploitation?.status !== 'exploited') return null;
  const measures =
    drafts.notification?.userMeasures?.trim() ||
    measure?.description ||
    'Update to a fixed version listed in this advisory.';
  return {
    actively_exploited: true,
    ...(exploitationAwareAt ? { exploitation_aware_at: osvTimestamp(exploitationAwareAt) } : {}),
    user_notice: `This vulnerability is actively exploited. ${measures}`,
  };
}

/** RFC 3339 in UTC as the PSF's files write it: milliseconds only when there are some. */
export const osvTimestamp = (at: Date): string => at.toISOString().replace('.000Z', 'Z');

const osvCreditType = (type: CreditType): string => type.toUpperCase().replace(/ /g, '_');

/** Where the advisory's file lives in the PSF advisory database, e.g. `advisories/python/PSF-2023-12.json`. */
export const osvPath = (psfId: string, project = 'python'): string => `advisories/${project}/${psfId}.json`;

/**
 * The OSV record of a published report. `modified` is when this version of the record is written;
 * `published` is when the advisory was sent (the report's `finishedAt`). Throws when the report has
 * no PSF id or was never published: the publication gate names those before anything is rendered.
 */
export function renderOsvRecord(report: Report, modified: Date): OsvRecord {
  const { publication } = report;
  if (publication.psfId === null) throw new Error(`${report.id} has no PSF advisory id yet.`);
  if (report.finishedAt === null) throw new Error(`${report.id} has no publication time yet.`);
  const aliases = [...(report.cveId ? [report.cveId] : []), ...publication.aliases];
  const credits = publishableCredits(publication);
  return {
    modified: osvTimestamp(modified),
    published: osvTimestamp(report.finishedAt),
    schema_version: OSV_SCHEMA_VERSION,
    id: publication.psfId,
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(report.title.trim() ? { summary: report.title } : {}),
    details: report.description,
    affected: report.affected.filter(isCommitRange).map((range) => ({
      ranges: [
        {
          type: 'GIT' as const,
          events: [{ introduced: range.introduced }, ...range.fixed.map((fixed) => ({ fixed }))],
          repo: range.repo,
        },
      ],
    })),
    ...(publication.references.length > 0
      ? { references: publication.references.map(({ type, url }) => ({ type, url })) }
      : {}),
    ...(credits.length > 0
      ? { credits: credits.map((credit) => ({ name: credit.name, type: osvCreditType(credit.type) })) }
      : {}),
    ...databaseSpecific(report),
  };
}

function databaseSpecific(report: Report): Pick<OsvRecord, 'database_specific'> {
  const { cweIds } = report.publication;
  const cra = craNotice(report);
  if (cweIds === null && cra === null) return {};
  return {
    database_specific: { ...(cweIds !== null ? { cwe_ids: [...cweIds] } : {}), ...(cra ? { cra } : {}) },
  };
}

/** The file as the PSF's repository holds it: two-space JSON. */
export const osvFileText = (record: OsvRecord): string => `${JSON.stringify(record, null, 2)}\n`;

// Reading: the schema is checked first (records/validation); these checks add what psrt needs
// beyond it, each naming the JSON path, so a file psrt cannot represent exactly is refused
// rather than imported with something silently dropped.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const known = (path: string, value: Json, keys: readonly string[], problems: RecordProblem[]) => {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) problems.push({ path: `${path}/${key}`, message: 'is not a field psrt keeps' });
  }
};

function readRange(range: unknown, path: string, problems: RecordProblem[]): AffectedCommits | null {
  if (!isObject(range) || range.type !== 'GIT') {
    problems.push({ path: `${path}/type`, message: 'must be GIT: the PSF describes fixes by commit' });
    return null;
  }
  known(path, range, ['type', 'events', 'repo'], problems);
  const events = Array.isArray(range.events) ? (range.events as unknown[]) : [];
  const [first, ...rest] = events;
  const introduced = isObject(first) && typeof first.introduced === 'string' ? first.introduced : null;
  if (introduced === null)
    problems.push({ path: `${path}/events/0`, message: 'must be the introduced event' });
  const fixed: string[] = [];
  rest.forEach((event, i) => {
    if (isObject(event) && typeof event.fixed === 'string' && Object.keys(event).length === 1)
      fixed.push(event.fixed);
    else problems.push({ path: `${path}/events/${i + 1}`, message: 'must be a fixed event' });
  });
  if (typeof range.repo !== 'string') {
    problems.push({ path: `${path}/repo`, message: 'must be the repository URL' });
    return null;
  }
  return { ecosystem: 'GIT', repo: range.repo, introduced: introduced ?? '0', fixed };
}

function readCredit(credit: Json, path: string, problems: RecordProblem[]): Credit | null {
  known(path, credit, ['name', 'type'], problems);
  const type = String(credit.type ?? '')
    .toLowerCase()
    .replace(/_/g, ' ') as CreditType;
  if (!creditTypes.includes(type)) {
    problems.push({ path: `${path}/type`, message: 'is not an OSV credit type' });
    return null;
  }
  return { name: String(credit.name), type, login: null, state: 'accepted' };
}

/**
 * Reads one OSV file of the PSF advisory database into the facts of a published report.
 * `record` must already be valid against the OSV schema (records/validation).
 */
export function readOsvRecord(record: unknown): ReadResult {
  const problems: RecordProblem[] = [];
  if (!isObject(record)) return { ok: false, problems: [{ path: '', message: 'must be a JSON object' }] };
  const keys = [
    'modified',
    'published',
    'schema_version',
    'id',
    'aliases',
    'summary',
    'details',
    'affected',
    'references',
    'credits',
    'database_specific',
  ];
  known('', record, keys, problems);
  const id = String(record.id ?? '');
  if (!psfIdPattern.test(id))
    problems.push({ path: '/id', message: 'must be a PSF advisory id, PSF-YYYY-N' });
  const aliases = Array.isArray(record.aliases) ? record.aliases.map(String) : [];
  const cveIndex = aliases.findIndex((alias) => cveIdPattern.test(alias));
  if (cveIndex > 0)
    problems.push({ path: `/aliases/${cveIndex}`, message: 'the CVE ID must be the first alias' });
  const cveId = cveIndex === 0 ? (aliases[0] ?? null) : null;
  const affected = (Array.isArray(record.affected) ? record.affected : []).flatMap((entry, i) => {
    const path = `/affected/${i}`;
    if (!isObject(entry)) return [];
    known(path, entry, ['ranges'], problems);
    const ranges = Array.isArray(entry.ranges) ? entry.ranges : [];
    if (ranges.length !== 1)
      problems.push({ path: `${path}/ranges`, message: 'must hold exactly one GIT range' });
    return ranges.flatMap((range, j) => readRange(range, `${path}/ranges/${j}`, problems) ?? []);
  });
  const references: Reference[] = (Array.isArray(record.references) ? record.references : []).flatMap(
    (ref, i) => {
      if (!isObject(ref)) return [];
      known(`/references/${i}`, ref, ['type', 'url'], problems);
      const type = ref.type as Reference['type'];
      return referenceTypes.includes(type) ? [{ type, url: String(ref.url) }] : [];
    },
  );
  const credits = (Array.isArray(record.credits) ? record.credits : []).flatMap((credit, i) =>
    isObject(credit) ? (readCredit(credit, `/credits/${i}`, problems) ?? []) : [],
  );
  const specific = record.database_specific;
  if (isObject(specific)) known('/database_specific', specific, ['cwe_ids'], problems);
  const cweIds = isObject(specific) && Array.isArray(specific.cwe_ids) ? specific.cwe_ids.map(String) : null;
  if (record.schema_version !== undefined && record.schema_version !== OSV_SCHEMA_VERSION) {
    problems.push({
      path: '/schema_version',
      message: `must be ${OSV_SCHEMA_VERSION}, the version psrt writes`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    advisory: {
      format: 'osv',
      cveId,
      title: typeof record.summary === 'string' ? record.summary : '',
      description: String(record.details ?? ''),
      cvssVector: null,
      affected,
      publication: {
        ...emptyPublication(),
        psfId: id,
        aliases: aliases.filter((_, i) => !(i === 0 && cveId !== null)),
        cweIds,
        credits,
        references,
      },
      publishedAt: new Date(String(record.published)),
      reservedAt: null,
    },
  };
}
