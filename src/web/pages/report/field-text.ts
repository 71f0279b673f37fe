// The report page's text forms of list-valued fields, both ways: affected versions and fix pull
// requests one a line, as the edit form shows them and reads them back. Reading names the line
// and the rule that failed, never echoing what was written (it can be embargoed text).
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
