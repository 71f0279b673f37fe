// Branches and tags: `GET …/branches` and `GET …/tags` (pages with `Link`), and tagging a commit
// (control only: a release manager's `git push origin v3.12.6`, no webhook). Tags are lightweight:
// a name and the commit it points at. GitHub documents no order for tags (it does not sort them by
// date); like git's version sort, the simulator lists the highest version first, so `v3.13.10`
// comes before `v3.13.9`. Clients must not rely on the order. An App needs `contents` read.
import type { Hono } from 'hono';
import { installationCovers, requirePermission, routeRepo } from './access.ts';
import type { SimContext } from './context.ts';
import { resolveCommit } from './git.ts';
import { type Ctx, GitHubError, json, pageOf, type SimEnv, validationFailed, withLink } from './http.ts';
import type { Repo } from './state.ts';

/** Names git accepts for a ref (git check-ref-format, in short; printable ASCII only here). */
const validRefName = (name: string): boolean =>
  name !== '@' && /^[!-~]+$/.test(name) && !/[~^:?*[\\]|\.\.|@\{|\/\/|^[/.]|[/.]$|\.lock$/.test(name);

/** Git's version sort: runs of digits compare as numbers, the rest as text. */
export function versionOrder(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

/** Tags `ref` (a branch, a tag or a sha) as `name`; an existing name is refused, as git refuses it. */
export function addTag(repo: Repo, name: string, ref: string): { name: string; sha: string } {
  if (!validRefName(name)) throw new GitHubError(422, `${JSON.stringify(name)} is not a valid tag name.`);
  if (repo.tags.has(name)) throw new GitHubError(422, 'Reference already exists');
  const commit = resolveCommit(repo, ref);
  if (!commit) throw new GitHubError(422, `No commit found for ${ref}`);
  repo.tags.set(name, commit.sha);
  return { name, sha: commit.sha };
}

export function refRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  const repoOf = (c: Ctx) => {
    const repo = routeRepo(sim, c);
    const caller = c.get('caller');
    if (caller.kind === 'app' || installationCovers(sim.state, caller, repo)) {
      requirePermission(caller, 'contents', 'read');
    }
    return repo;
  };
  const commitLink = (c: Ctx, repo: Repo, sha: string) => ({
    sha,
    url: `${c.get('urls').api}/repos/${sim.state.fullName(repo)}/commits/${sha}`,
  });

  app.get('/repos/:owner/:repo/tags', (c) => {
    const repo = repoOf(c);
    const full = sim.state.fullName(repo);
    const api = `${c.get('urls').api}/repos/${full}`;
    const names = [...repo.tags.keys()].sort((a, b) => versionOrder(b, a));
    const page = pageOf(names, new URL(c.req.url));
    withLink(c, page.link);
    return json(
      c,
      page.items.map((name) => ({
        name,
        commit: commitLink(c, repo, repo.tags.get(name) ?? ''),
        zipball_url: `${api}/zipball/refs/tags/${encodeURIComponent(name)}`,
        tarball_url: `${api}/tarball/refs/tags/${encodeURIComponent(name)}`,
        node_id: Buffer.from(`011:Ref${repo.id}:refs/tags/${name}`).toString('base64'),
      })),
    );
  });

  // Alphabetical, as GitHub lists them. Nothing is protected in the simulator.
  app.get('/repos/:owner/:repo/branches', (c) => {
    const repo = repoOf(c);
    const url = new URL(c.req.url);
    const protectedOnly = url.searchParams.get('protected');
    if (protectedOnly !== null && protectedOnly !== 'true' && protectedOnly !== 'false') {
      throw validationFailed([
        { resource: 'Branch', field: 'protected', code: 'invalid', value: protectedOnly },
      ]);
    }
    const names = protectedOnly === 'true' ? [] : [...repo.heads.keys()].sort();
    const page = pageOf(names, url);
    withLink(c, page.link);
    return json(
      c,
      page.items.map((name) => ({
        name,
        commit: commitLink(c, repo, repo.heads.get(name) ?? ''),
        protected: false,
      })),
    );
  });
}
