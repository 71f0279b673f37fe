// The report page's text forms of list-valued fields, both ways: affected versions, fix pull
// requests, the CVE record's affected version ranges and the references, one a line, as the edit
// form shows them and reads them back. Reading names the line and the rule that failed, never
// echoing what was written (it can be embargoed text).
import {
  type ProductVersion,
  type Reference,
  type ReferenceType,
  referenceTypes,
} from '../../../domain/publication.ts';
import type { Affected, FixPullRequest } from '../../../domain/report.ts';

export const affectedHelp =
  'One a line: ECOSYSTEM | PACKAGE | VULNERABLE RANGE | PATCHED VERSIONS (e.g. PyPI | pip | < 26.1 | 26.1), or for CPython commits GIT | REPOSITORY URL | INTRODUCED | FIXED COMMITS (space-separated).';

export const fixesHelp =
  'One pull request a line: its URL, then any of public, merged, backport (e.g. https://github.com/python/cpython/pull/1 public merged).';

export function affectedText(affected: readonly Affected[]): string {
  return affected
    .map((entry) =>
      'repo' in entry
        ? ['GIT', entry.repo, entry.introduced, entry.fixed.join(' ')].join(' | ')
        : [entry.ecosystem, entry.package, entry.vulnerableVersionRange, entry.patchedVersions ?? ''].join(
            ' | ',
          ),
    )
    .map((line) => line.replace(/ \| $/, ''))
    .join('\n');
}

export function fixesText(fixes: readonly FixPullRequest[]): string {
  return fixes
    .map((pr) =>
      [pr.url, pr.public ? 'public' : '', pr.merged ? 'merged' : '', pr.backport ? 'backport' : '']
        .filter(Boolean)
        .join(' '),
    )
    .join('\n');
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '');

/** Reads the affected text back; throws an Error naming each bad line. */
export function parseAffected(text: string): Affected[] {
  const problems: string[] = [];
  const affected: Affected[] = [];
  for (const { line, number } of lines(text)) {
    const parts = line.split('|').map((part) => part.trim());
    const [ecosystem = '', second = '', third = '', fourth = ''] = parts;
    if (parts.length > 4 || parts.length < 3 || !ecosystem || !second) {
      problems.push(`line ${number} needs 3 or 4 parts separated by |`);
    } else if (ecosystem.toUpperCase() === 'GIT') {
      affected.push({
        ecosystem: 'GIT',
        repo: second,
        introduced: third,
        fixed: fourth.split(/\s+/).filter(Boolean),
      });
    } else {
      affected.push({
        ecosystem,
        package: second,
        vulnerableVersionRange: third,
        patchedVersions: fourth || null,
      });
    }
  }
  if (problems.length > 0) throw new Error(`Affected versions: ${problems.join('; ')}. ${affectedHelp}`);
  return affected;
}

const fixFlags = ['public', 'merged', 'backport'] as const;

/** Reads the fix pull requests back; throws an Error naming each bad line. */
export function parseFixes(text: string): FixPullRequest[] {
  const problems: string[] = [];
  const fixes: FixPullRequest[] = [];
  for (const { line, number } of lines(text)) {
    const [url = '', ...flags] = line.split(/\s+/);
    const unknown = flags.filter((flag) => !(fixFlags as readonly string[]).includes(flag.toLowerCase()));
    if (unknown.length > 0) {
      problems.push(`line ${number} has words other than ${fixFlags.join(', ')} after the URL`);
      continue;
    }
    const has = (flag: string) => flags.some((given) => given.toLowerCase() === flag);
    fixes.push({ url, public: has('public'), merged: has('merged'), backport: has('backport') });
  }
  if (problems.length > 0) throw new Error(`Fix pull requests: ${problems.join('; ')}. ${fixesHelp}`);
  return fixes;
}

export const versionsHelp =
  'One range a line: FIRST AFFECTED < FIRST FIXED (e.g. 0 < 3.13.2, then 3.14.0 < 3.14.1), FIRST <= LAST AFFECTED, or one version; "unaffected" or "unknown" in front for a range of that status. "Refresh fixes from GitHub" fills them from the releases holding the fix.';

export const referencesHelp = `One a line: TYPE URL, TYPE one of ${referenceTypes.join(', ')} (e.g. FIX https://github.com/python/cpython/pull/1).`;

const statuses = ['affected', 'unaffected', 'unknown'] as const;

/** The CVE record's version ranges, one a line (`affected`, the usual status, goes unsaid). */
export function versionsText(versions: readonly ProductVersion[]): string {
  return versions
    .map((range) => {
      const status = range.status === 'affected' ? '' : `${range.status} `;
      const end =
        range.lessThan !== null
          ? ` < ${range.lessThan}`
          : range.lessThanOrEqual
            ? ` <= ${range.lessThanOrEqual}`
            : '';
      return `${status}${range.version}${end}`;
    })
    .join('\n');
}

const rangePattern = /^(?:(affected|unaffected|unknown)\s+)?(\S+)(?:\s*(<=|<)\s*(\S+))?$/i;

/** Reads the version ranges back (PEP 440 ordering); throws an Error naming each bad line. */
export function parseVersions(text: string): ProductVersion[] {
  const problems: string[] = [];
  const versions: ProductVersion[] = [];
  for (const { line, number } of lines(text)) {
    const match = rangePattern.exec(line);
    const [, statusWord, first = '', operator, end] = match ?? [];
    if (!match || first.includes('<')) {
      problems.push(`line ${number} needs FIRST < FIXED, FIRST <= LAST, or one version`);
      continue;
    }
    const status = statuses.find((word) => word === statusWord?.toLowerCase()) ?? 'affected';
    versions.push({
      version: first,
      lessThan: operator === '<' ? (end ?? null) : null,
      status,
      versionType: 'python',
      ...(operator === '<=' && end ? { lessThanOrEqual: end } : {}),
    });
  }
  if (problems.length > 0) throw new Error(`CVE affected versions: ${problems.join('; ')}. ${versionsHelp}`);
  return versions;
}

export function referencesText(references: readonly Reference[]): string {
  return references.map((reference) => `${reference.type} ${reference.url}`).join('\n');
}

/** Reads the references back; throws an Error naming each bad line. */
export function parseReferences(text: string): Reference[] {
  const problems: string[] = [];
  const references: Reference[] = [];
  for (const { line, number } of lines(text)) {
    const [type = '', url = '', ...rest] = line.split(/\s+/);
    const known = referenceTypes.find((candidate) => candidate === type.toUpperCase());
    if (!known || !url || rest.length > 0) {
      problems.push(`line ${number} needs one of the types, then one URL`);
      continue;
    }
    references.push({ type: known as ReferenceType, url });
  }
  if (problems.length > 0) throw new Error(`References: ${problems.join('; ')}. ${referencesHelp}`);
  return references;
}
