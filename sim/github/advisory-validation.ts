// Request bodies of create, report (PVR) and update, checked against GitHub's request schemas
// in the order §7.2 gives (required keys, unknown keys, types and enums, severity vs CVSS),
// with GitHub's JSON-schema wording ("Invalid request.\n\n…"). Domain rules come after.
import { GitHubError, invalidRequest } from './http.ts';
import type { Severity, Vulnerability } from './state.ts';

export type BodyKind = 'create' | 'report' | 'update';

export const ecosystems = [
  'rubygems',
  'npm',
  'pip',
  'maven',
  'nuget',
  'composer',
  'go',
  'rust',
  'erlang',
  'actions',
  'pub',
  'other',
  'swift',
] as const;
export const creditTypes = [
  'analyst',
  'finder',
  'reporter',
  'coordinator',
  'remediation_developer',
  'remediation_reviewer',
  'remediation_verifier',
  'tool',
  'sponsor',
  'other',
] as const;
const severities = ['critical', 'high', 'medium', 'low'] as const;
const states = ['published', 'closed', 'draft'] as const;

const common = ['summary', 'description', 'vulnerabilities', 'cwe_ids', 'severity', 'cvss_vector_string'];
const permitted: Record<BodyKind, string[]> = {
  create: [...common, 'cve_id', 'credits', 'start_private_fork'],
  report: [...common, 'start_private_fork'],
  update: [...common, 'cve_id', 'credits', 'state', 'collaborating_users', 'collaborating_teams'],
};
const requiredKeys: Record<BodyKind, string[]> = {
  create: ['summary', 'description', 'vulnerabilities'],
  report: ['summary', 'description'],
  update: [],
};

export interface AdvisoryInput {
  summary?: string;
  description?: string;
  cve_id?: string | null;
  vulnerabilities?: Vulnerability[] | null;
  cwe_ids?: string[] | null;
  credits?: { login: string; type: string }[] | null;
  severity?: Severity | null;
  cvss_vector_string?: string | null;
  start_private_fork?: boolean;
  state?: (typeof states)[number];
  collaborating_users?: string[] | null;
  collaborating_teams?: string[] | null;
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const list = (values: readonly string[]): string => `[${values.map((v) => `"${v}"`).join(', ')}]`;

function fail(path: string, problem: string): never {
  throw invalidRequest(`For 'properties/${path}', ${problem}`);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(value)) {
    if (!allowed.includes(k)) throw invalidRequest(`"${k}" is not a permitted key.`);
  }
}

function stringOrNull(path: string, v: unknown, nullable: boolean): void {
  if (typeof v === 'string' || (nullable && v === null)) return;
  fail(path, `${show(v)} is not a string${nullable ? ' or null' : ''}.`);
}

function stringArray(path: string, v: unknown, nullable: boolean): void {
  if (nullable && v === null) return;
  if (!Array.isArray(v)) fail(path, `${show(v)} is not an array${nullable ? ' or null' : ''}.`);
  v.forEach((item, i) => {
    if (typeof item !== 'string') fail(`${path}/${i}`, `${show(item)} is not a string.`);
  });
}

function oneOf(path: string, v: unknown, values: readonly string[], nullable: boolean): void {
  if (nullable && v === null) return;
  if (typeof v !== 'string' || !values.includes(v)) fail(path, `${show(v)} is not one of ${list(values)}.`);
}

function checkVulnerability(path: string, v: unknown): Vulnerability {
  if (!isObject(v)) fail(path, `${show(v)} is not an object.`);
  checkKeys(v, ['package', 'vulnerable_version_range', 'patched_versions', 'vulnerable_functions']);
  if (!('package' in v)) throw invalidRequest(`"package" wasn't supplied.`);
  const pkg = v.package;
  if (!isObject(pkg)) fail(`${path}/package`, `${show(pkg)} is not an object.`);
  if (!('ecosystem' in pkg)) throw invalidRequest(`"ecosystem" wasn't supplied.`);
  oneOf(`${path}/package/ecosystem`, pkg.ecosystem, ecosystems, false);
  if (pkg.name !== undefined) stringOrNull(`${path}/package/name`, pkg.name, true);
  for (const k of ['vulnerable_version_range', 'patched_versions'] as const) {
    if (v[k] !== undefined) stringOrNull(`${path}/${k}`, v[k], true);
  }
  if (v.vulnerable_functions !== undefined)
    stringArray(`${path}/vulnerable_functions`, v.vulnerable_functions, true);
  return {
    package: { ecosystem: pkg.ecosystem as string, name: (pkg.name as string | null | undefined) ?? null },
    vulnerable_version_range: (v.vulnerable_version_range as string | null | undefined) ?? null,
    patched_versions: (v.patched_versions as string | null | undefined) ?? null,
    vulnerable_functions: (v.vulnerable_functions as string[] | null | undefined) ?? null,
  };
}

/** Checks a body against its schema and returns it typed; throws GitHub's 422 on the first problem. */
export function parseAdvisoryBody(body: Record<string, unknown>, kind: BodyKind): AdvisoryInput {
  for (const k of requiredKeys[kind]) {
    if (!(k in body)) throw invalidRequest(`"${k}" wasn't supplied.`);
  }
  checkKeys(body, permitted[kind]);
  const input: AdvisoryInput = {};
  if ('summary' in body) stringOrNull('summary', body.summary, false);
  if ('description' in body) stringOrNull('description', body.description, false);
  if ('cve_id' in body) stringOrNull('cve_id', body.cve_id, true);
  if ('cvss_vector_string' in body) stringOrNull('cvss_vector_string', body.cvss_vector_string, true);
  if ('severity' in body) oneOf('severity', body.severity, severities, true);
  if ('state' in body) oneOf('state', body.state, states, false);
  if ('cwe_ids' in body) stringArray('cwe_ids', body.cwe_ids, true);
  if ('collaborating_users' in body) stringArray('collaborating_users', body.collaborating_users, true);
  if ('collaborating_teams' in body) stringArray('collaborating_teams', body.collaborating_teams, true);
  if ('start_private_fork' in body && typeof body.start_private_fork !== 'boolean') {
    fail('start_private_fork', `${show(body.start_private_fork)} is not a boolean.`);
  }
  if ('vulnerabilities' in body) {
    const v = body.vulnerabilities;
    if (v === null && kind === 'report') input.vulnerabilities = null;
    else if (!Array.isArray(v)) fail('vulnerabilities', `${show(v)} is not an array.`);
    else input.vulnerabilities = v.map((item, i) => checkVulnerability(`vulnerabilities/${i}`, item));
  }
  if ('credits' in body) {
    const credits = body.credits;
    if (credits !== null && !Array.isArray(credits))
      fail('credits', `${show(credits)} is not an array or null.`);
    input.credits =
      credits?.map((c: unknown, i: number) => {
        if (!isObject(c)) fail(`credits/${i}`, `${show(c)} is not an object.`);
        checkKeys(c, ['login', 'type']);
        for (const k of ['login', 'type']) if (!(k in c)) throw invalidRequest(`"${k}" wasn't supplied.`);
        stringOrNull(`credits/${i}/login`, c.login, false);
        oneOf(`credits/${i}/type`, c.type, creditTypes, false);
        return { login: c.login as string, type: c.type as string };
      }) ?? null;
  }
  for (const k of [
    'summary',
    'description',
    'cve_id',
    'cvss_vector_string',
    'severity',
    'state',
    'cwe_ids',
    'collaborating_users',
    'collaborating_teams',
    'start_private_fork',
  ] as const) {
    if (k in body) (input as Record<string, unknown>)[k] = body[k];
  }
  // The schema text: "You must choose between setting this field or cvss_vector_string".
  if (input.severity != null && input.cvss_vector_string != null) {
    throw new GitHubError(422, 'Cannot specify both severity and cvss_vector_string.');
  }
  return input;
}

/** maxLength checks, last in GitHub's order (§7.2). */
export function checkLengths(input: AdvisoryInput): void {
  if (input.summary !== undefined && input.summary.length > 1024) {
    fail('summary', `the string is too long (${input.summary.length} characters, maximum is 1024).`);
  }
  if (input.description !== undefined && input.description.length > 65535) {
    fail('description', `the string is too long (${input.description.length} characters, maximum is 65535).`);
  }
}
