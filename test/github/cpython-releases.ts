// CPython's release history in small, in the simulator: 3.11, 3.12 and 3.13 branched off main at
// their first beta, each with its release tags; main developing 3.14. `securityFix` then merges a
// `type-security` fix on main and backports it as miss-islington does.
import type { pythonWorld } from './support.ts';

type World = ReturnType<typeof pythonWorld>;

export const repo = { owner: 'python', repo: 'cpython' } as const;
const releaseManager = 'sethmlarson';

function commit(world: World, branch: string, message: string, from?: string) {
  world.control.advance(60_000);
  const files = { [`Misc/NEWS.d/${branch}.rst`]: `${message}\n` };
  return world.control.pushCommit({
    as: releaseManager,
    ...repo,
    branch,
    message,
    files,
    ...(from ? { from } : {}),
  });
}

/** A release: a commit on `branch` and its tag `v<version>`. */
export function release(world: World, branch: string, version: string): void {
  commit(world, branch, `Python ${version}`);
  world.control.addTag({ ...repo, tag: `v${version}`, ref: branch });
}

/** Tags a series from main up to its first beta, branches it, and releases the rest on the branch. */
function series(world: World, minor: number, onBranch: string[]): void {
  release(world, 'main', `3.${minor}.0a1`);
  release(world, 'main', `3.${minor}.0b1`);
  commit(world, `3.${minor}`, `Start the 3.${minor} branch`, 'main');
  for (const version of onBranch) release(world, `3.${minor}`, `3.${minor}.${version}`);
}

export function cpythonHistory(world: World): void {
  series(world, 11, ['0rc1', '0', '1', '2']);
  series(world, 12, ['0rc1', '0', '1', '2', '3', '4', '5']);
  series(world, 13, ['0rc1', '0', '1']);
  release(world, 'main', '3.14.0a1');
}

/** A `type-security` fix opened on main and merged (squash); returns its pull request. */
export function securityFix(world: World, options: { merge?: boolean } = {}) {
  world.control.advance(60_000);
  world.control.pushCommit({
    as: releaseManager,
    ...repo,
    branch: 'fix-tarfile',
    message: 'Reject tar members outside the destination',
    files: { 'Lib/tarfile.py': 'safe\n' },
  });
  const opened = world.control.openPullRequest({
    as: releaseManager,
    ...repo,
    title: 'gh-123456: Reject tar members outside the destination',
    head: 'fix-tarfile',
    labels: ['type-security'],
  });
  if (options.merge === false) return opened;
  world.control.advance(60_000);
  return world.control.mergePullRequest({
    as: releaseManager,
    ...repo,
    number: opened.number,
    mergeMethod: 'squash',
  });
}

export function backport(world: World, number: number, branch: string, options: { merge?: boolean } = {}) {
  world.control.advance(60_000);
  return world.control.backportPullRequest({
    as: releaseManager,
    ...repo,
    number,
    branch,
    merge: options.merge ?? true,
  });
}
