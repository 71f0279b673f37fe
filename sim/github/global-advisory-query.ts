// The query of `GET /advisories` (§2.12): each documented filter, the sort, and GitHub's 422
// (`validation-error-simple`) for a value it cannot read. The EPSS filters are accepted and
// ignored, and sorting by EPSS keeps publication order: the simulator has no EPSS scores.
import { ecosystems } from './advisory-validation.ts';
import { type CursorKey, GitHubError, type Refusal } from './http.ts';
import { type GlobalAdvisory, ghsaKey } from './state.ts';

const docs =
  'https://docs.github.com/rest/security-advisories/global-advisories#list-global-security-advisories';

export const invalidQuery = (problem: string): GitHubError =>
  new GitHubError(422, 'Validation Failed', { errors: [problem], documentationUrl: docs });

const types = ['reviewed', 'malware', 'unreviewed'];
const severities = ['unknown', 'low', 'medium', 'high', 'critical'];
const sortFields: Record<string, (g: GlobalAdvisory) => Date> = {
  published: (g) => g.publishedAt,
  updated: (g) => g.updatedAt,
  epss_percentage: (g) => g.publishedAt,
  epss_percentile: (g) => g.publishedAt,
};
const maxAffects = 1000;

export interface GlobalQuery {
  matches(g: GlobalAdvisory): boolean;
  /** Orders the list ascending; `descending` reverses it. */
  keyOf(g: GlobalAdvisory): CursorKey;
  descending: boolean;
}

function oneOf(q: URLSearchParams, name: string, values: readonly string[]): string | null {
  const value = q.get(name);
  if (value !== null && !values.includes(value)) {
    throw invalidQuery(
      `Invalid value ${JSON.stringify(value)} for '${name}': must be one of ${values.join(', ')}.`,
    );
  }
  return value;
}

/** `name=a,b` or `name[]=a&name[]=b`, as the description's examples write lists. */
function listOf(q: URLSearchParams, name: string): string[] {
  return [...q.getAll(name), ...q.getAll(`${name}[]`)]
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Dotted versions compared part by part, numerically where both parts are numbers. */
function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/i, '').split(/[.+-]/);
  const pb = b.replace(/^v/i, '').split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? '0', pb[i] ?? '0'];
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}

/** `>= 3.12, < 3.12.8`: every comparison must hold; a part that is not one is ignored. */
function inRange(version: string, range: string): boolean {
  return range.split(',').every((part) => {
    const m = /^\s*(<=|>=|<|>|=)?\s*(\S+)\s*$/.exec(part);
    if (!m?.[2]) return true;
    const d = compareVersions(version, m[2]);
    return { '<': d < 0, '<=': d <= 0, '>': d > 0, '>=': d >= 0, '=': d === 0 }[m[1] ?? '='] ?? true;
  });
}

/** `package` or `package@version` (an npm scope's leading `@` is part of the name). */
function affectsMatcher(entries: string[]): ((g: GlobalAdvisory) => boolean) | null {
  if (entries.length === 0) return null;
  if (entries.length > maxAffects) throw invalidQuery(`'affects' takes at most ${maxAffects} packages.`);
  const wanted = entries.map((entry) => {
    const at = entry.lastIndexOf('@');
    return at > 0
      ? { name: entry.slice(0, at).toLowerCase(), version: entry.slice(at + 1) }
      : { name: entry.toLowerCase(), version: null };
  });
  return (g) =>
    g.vulnerabilities.some((v) =>
      wanted.some(
        (w) =>
          w.name === v.name.toLowerCase() &&
          (w.version === null || inRange(w.version, v.vulnerableVersionRange)),
      ),
    );
}

const dayMs = 86_400_000;

/** One end of a date range: the instant it names, and where that instant's day (or second) ends. */
function instant(name: string, raw: string, refuse: Refusal): { start: number; end: number } {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const start = Date.parse(dateOnly ? `${raw}T00:00:00Z` : raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(start)) {
    throw refuse(`Invalid date ${JSON.stringify(raw)} for '${name}': use YYYY-MM-DD or an ISO 8601 time.`);
  }
  return { start, end: start + (dateOnly ? dayMs : 1000) };
}

/**
 * GitHub's search syntax for dates: `2026-11-24`, `>=2026-11-01`, `<2026-11-24`,
 * `2026-11-01..2026-11-24`, `*..` (also the issue search's `updated:` qualifier, search.ts).
 */
export function dateFilter(
  name: string,
  raw: string | null,
  refuse: Refusal = invalidQuery,
): ((d: Date) => boolean) | null {
  if (raw === null || raw.trim() === '') return null;
  const value = raw.trim();
  const range = /^(.+?)\.\.(.+)$/.exec(value);
  if (range) {
    const from = range[1] === '*' ? -Infinity : instant(name, range[1] ?? '', refuse).start;
    const to = range[2] === '*' ? Infinity : instant(name, range[2] ?? '', refuse).end;
    return (d) => d.getTime() >= from && d.getTime() < to;
  }
  const m = /^(>=|<=|>|<)?(.+)$/.exec(value);
  const at = instant(name, m?.[2] ?? '', refuse);
  const t = (d: Date) => d.getTime();
  switch (m?.[1]) {
    case '>':
      return (d) => t(d) >= at.end;
    case '>=':
      return (d) => t(d) >= at.start;
    case '<':
      return (d) => t(d) < at.start;
    case '<=':
      return (d) => t(d) < at.end;
    default:
      return (d) => t(d) >= at.start && t(d) < at.end;
  }
}

export function parseGlobalQuery(url: URL): GlobalQuery {
  const q = url.searchParams;
  const type = oneOf(q, 'type', types) ?? 'reviewed';
  const ecosystem = oneOf(q, 'ecosystem', ecosystems);
  const severity = oneOf(q, 'severity', severities);
  const withdrawn = oneOf(q, 'is_withdrawn', ['true', 'false']);
  const sort = oneOf(q, 'sort', Object.keys(sortFields)) ?? 'published';
  const descending = (oneOf(q, 'direction', ['asc', 'desc']) ?? 'desc') === 'desc';
  const ghsaId = q.get('ghsa_id');
  const cveId = q.get('cve_id')?.toUpperCase();
  const cwes = new Set(listOf(q, 'cwes').map((c) => `CWE-${c.replace(/^CWE-/i, '')}`));
  const affects = affectsMatcher(listOf(q, 'affects'));
  const published = dateFilter('published', q.get('published'));
  const updated = dateFilter('updated', q.get('updated'));
  const modified = dateFilter('modified', q.get('modified'));
  const sortField = sortFields[sort] ?? sortFields.published;

  const checks: ((g: GlobalAdvisory) => boolean)[] = [
    // Every entry the simulator has is a reviewed one.
    () => type === 'reviewed',
    (g) => ghsaId === null || g.ghsaId === ghsaKey(ghsaId),
    (g) => cveId === undefined || g.cveId?.toUpperCase() === cveId,
    (g) => ecosystem === null || g.vulnerabilities.some((v) => v.ecosystem === ecosystem),
    (g) => severity === null || (g.severity ?? 'unknown') === severity,
    (g) => withdrawn === null || (g.withdrawnAt !== null) === (withdrawn === 'true'),
    (g) => cwes.size === 0 || g.cweIds.some((id) => cwes.has(id)),
    (g) => affects === null || affects(g),
    (g) => published === null || published(g.publishedAt),
    (g) => updated === null || updated(g.updatedAt),
    (g) => modified === null || modified(g.publishedAt) || modified(g.updatedAt),
  ];
  return {
    matches: (g) => checks.every((check) => check(g)),
    keyOf: (g) => [sortField?.(g).getTime() ?? 0, g.seq],
    descending,
  };
}
