// Commits as the simulator keeps them: every commit's whole tree, each branch's head, and what
// each commit changed with line counts. A seeded repository starts each branch with one root
// commit; `putFile`, pushes and merges add commits on top, and `branches` stays each head's tree.
import { randomInt } from 'node:crypto';
import type { SimCore } from './config.ts';
import { pseudoSha } from './render-pulls.ts';
import type { Commit, CommitChange } from './repo-state.ts';
import type { Repo } from './state.ts';

/** Lines added and removed between two versions of a file, counted as a multiset of lines. */
export function lineCounts(
  before: string | null,
  after: string | null,
): { additions: number; deletions: number } {
  const lines = (text: string | null) =>
    text === null || text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const left = new Map<string, number>();
  for (const line of lines(before)) left.set(line, (left.get(line) ?? 0) + 1);
  let additions = 0;
  for (const line of lines(after)) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else additions += 1;
  }
  const deletions = [...left.values()].reduce((sum, n) => sum + n, 0);
  return { additions, deletions };
}

/** What turns `before` into `after`, file by file, in path order. */
export function treeDiff(before: Map<string, string>, after: Map<string, string>): CommitChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths.flatMap((filename): CommitChange[] => {
    const old = before.get(filename) ?? null;
    const now = after.get(filename) ?? null;
    if (old === now) return [];
    const status = old === null ? 'added' : now === null ? 'removed' : 'modified';
    return [{ filename, status, ...lineCounts(old, now), content: now }];
  });
}

export interface NewCommit {
  authorId: number;
  message: string;
  /** Path → new content, or null to delete the file. */
  files: Record<string, string | null>;
  /** Extra parents after the branch head (a merge commit's second parent). */
  mergeParents?: string[];
  /** A new branch starts from the default branch's head (a push), or empty (a seed's own branch). */
  newBranch?: 'from-default' | 'orphan';
  /** A new branch starts from this branch's head instead of the default branch's. */
  from?: string;
}

/**
 * Adds a commit on `branch` and moves the branch to it. A branch that does not exist yet starts
 * from the default branch's head, as pushing a new branch made from it does, unless it is an
 * orphan (seeding a branch with `putFile`, like `addRepo`'s `branches`).
 */
export function commitOnBranch(ctx: SimCore, repo: Repo, branch: string, input: NewCommit): Commit {
  const orphan = !repo.heads.has(branch) && input.newBranch === 'orphan';
  const from = repo.heads.has(branch) ? branch : (input.from ?? repo.defaultBranch);
  const parent = orphan ? undefined : repo.heads.get(from);
  const before = new Map(orphan ? [] : (repo.branches.get(from) ?? []));
  const tree = new Map(before);
  for (const [path, content] of Object.entries(input.files)) {
    const clean = path.replace(/^\/+/, '');
    if (content === null) tree.delete(clean);
    else tree.set(clean, content);
  }
  const now = ctx.clock.now();
  const commit: Commit = {
    sha: pseudoSha(`commit:${repo.id}:${parent ?? ''}:${input.message}:${now.getTime()}:${randomInt(1e9)}`),
    parents: [...(parent ? [parent] : []), ...(input.mergeParents ?? [])],
    message: input.message,
    authorId: input.authorId,
    date: now,
    tree,
    changes: treeDiff(before, tree),
  };
  repo.commits.set(commit.sha, commit);
  repo.heads.set(branch, commit.sha);
  repo.branches.set(branch, new Map(tree));
  repo.pushedAt = now;
  return commit;
}

/** Each seeded branch's first commit: its files as given, by the repository's owner. */
export function rootCommits(repo: Repo): void {
  for (const [branch, files] of repo.branches) {
    const tree = new Map(files);
    const commit: Commit = {
      sha: pseudoSha(`root:${repo.id}:${branch}:${randomInt(1e9)}`),
      parents: [],
      message: 'Initial commit',
      authorId: repo.ownerId,
      date: repo.createdAt,
      tree,
      changes: treeDiff(new Map(), tree),
    };
    repo.commits.set(commit.sha, commit);
    repo.heads.set(branch, commit.sha);
  }
}

/**
 * A commit by what GitHub accepts as a ref: a branch (`main` or `heads/main`), a tag (`v3.12.6`
 * or `tags/v3.12.6`; a branch wins over a tag of the same name, as in git) or a sha, full or
 * abbreviated to at least 7 characters when that is unambiguous.
 */
export function resolveCommit(repo: Repo, ref: string): Commit | undefined {
  const branch = ref.replace(/^(refs\/)?heads\//, '');
  const head = repo.heads.get(branch);
  if (head) return repo.commits.get(head);
  const tagged = repo.tags.get(ref.replace(/^(refs\/)?tags\//, ''));
  if (tagged) return repo.commits.get(tagged);
  const exact = repo.commits.get(ref.toLowerCase());
  if (exact) return exact;
  if (!/^[0-9a-f]{7,39}$/i.test(ref)) return undefined;
  const matches = [...repo.commits.values()].filter((c) => c.sha.startsWith(ref.toLowerCase()));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The files at a ref: a branch's working tree, or a commit's. */
export function treeAt(repo: Repo, ref: string): Map<string, string> | undefined {
  return repo.branches.get(ref) ?? resolveCommit(repo, ref)?.tree;
}

/** Commits reachable from `start`, newest first (later-made first among equal times), like `git log`. */
export function history(repo: Repo, start: Commit): Commit[] {
  const order = new Map([...repo.commits.keys()].map((sha, index) => [sha, index]));
  const seen = new Map<string, Commit>();
  const stack = [start];
  for (let commit = stack.pop(); commit; commit = stack.pop()) {
    if (seen.has(commit.sha)) continue;
    seen.set(commit.sha, commit);
    for (const parent of commit.parents) {
      const found = repo.commits.get(parent);
      if (found) stack.push(found);
    }
  }
  return [...seen.values()].sort(
    (a, b) => b.date.getTime() - a.date.getTime() || (order.get(b.sha) ?? 0) - (order.get(a.sha) ?? 0),
  );
}
