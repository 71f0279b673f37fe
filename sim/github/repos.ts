// Repository routes psrt reads (§3.3–3.5): the repository, a collaborator's permission,
// contents (base64 JSON or raw, at a branch or a commit), CODEOWNERS errors and pulls with their
// files, in private forks too; and users.
import type { Hono } from 'hono';
import { installationCovers, isOrgMember, requirePermission, routeRepo, userRepoRole } from './access.ts';
import { CODEOWNERS_PATHS, codeownersErrors, type Owner } from './codeowners.ts';
import type { SimContext } from './context.ts';
import { treeAt } from './git.ts';
import {
  type Ctx,
  GitHubError,
  json,
  notAccessibleByIntegration,
  notFound,
  pageOf,
  requiresAuthentication,
  type SimEnv,
  withLink,
} from './http.ts';
import { renderPrivateUser, renderPublicUser } from './render.ts';
import { renderDiffEntry, renderPull, renderPullFull } from './render-pulls.ts';
import { renderContentDirectory, renderContentFile, renderRepository, roleFor } from './render-repos.ts';
import { renderUser } from './render-user.ts';
import type { Caller, Pull, Repo, RepoRole } from './state.ts';

const permissionOf: Record<RepoRole, 'admin' | 'write' | 'read'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};

/** Installations need the permission only on repositories they are installed on. */
function requireOnCovered(sim: SimContext, caller: Caller, repo: Repo, permission: string): void {
  if (caller.kind === 'installation' && installationCovers(sim.state, caller, repo)) {
    requirePermission(caller, permission, 'read');
  }
}

const rawTypes = /application\/vnd\.github(\.v3)?\.raw/;

export function repoRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  const callerRole = (c: Ctx, repo: Repo) => {
    const caller = c.get('caller');
    return roleFor(caller, caller.kind === 'user' ? userRepoRole(sim.state, caller.user, repo) : null);
  };

  app.get('/repos/:owner/:repo', (c) => {
    const repo = routeRepo(sim, c);
    return json(
      c,
      renderRepository(sim.state, repo, c.get('urls'), { role: callerRole(c, repo), withParent: true }),
    );
  });

  app.get('/repos/:owner/:repo/collaborators/:username/permission', (c) => {
    const repo = routeRepo(sim, c);
    if (c.get('caller').kind === 'anonymous') throw requiresAuthentication();
    const user = sim.state.account(c.req.param('username'));
    if (!user || user.type === 'Organization') throw notFound();
    // Someone without a grant reads a public repository and nothing else, or has `none`
    // everywhere (UNVERIFIED which, §3.3).
    const readsPublic = !repo.private && sim.config.permissionWithoutGrant === 'read-on-public';
    const role = userRepoRole(sim.state, user, repo) ?? (readsPublic ? 'read' : null);
    return json(c, {
      permission: role ? permissionOf[role] : 'none',
      role_name: role ?? 'none',
      user: {
        ...renderUser(user, c.get('urls')),
        permissions: {
          admin: role === 'admin',
          maintain: role === 'admin' || role === 'maintain',
          push: role !== null && permissionOf[role] !== 'read',
          triage: role !== null && role !== 'read',
          pull: role !== null,
        },
        role_name: role ?? 'none',
      },
    });
  });

  const contents = (c: Ctx) => {
    const repo = routeRepo(sim, c);
    requireOnCovered(sim, c.get('caller'), repo, 'contents');
    const path = (c.req.param('path') ?? '').replace(/^\/+|\/+$/g, '');
    const ref = c.req.query('ref') || repo.defaultBranch;
    const files = treeAt(repo, ref);
    if (!files) throw new GitHubError(404, `No commit found for the ref ${ref}`);
    const content = files.get(path);
    if (content !== undefined) {
      if (rawTypes.test(c.req.header('accept') ?? '')) {
        return c.body(content, 200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
      }
      return json(c, renderContentFile(sim.state, repo, path, ref, content, c.get('urls')));
    }
    const listing = renderContentDirectory(sim.state, repo, path, ref, files, c.get('urls'));
    if (listing.length === 0) throw notFound();
    return json(c, listing);
  };
  app.get('/repos/:owner/:repo/contents', contents);
  app.get('/repos/:owner/:repo/contents/:path{.+}', contents);

  app.get('/repos/:owner/:repo/codeowners/errors', (c) => {
    const repo = routeRepo(sim, c);
    requireOnCovered(sim, c.get('caller'), repo, 'contents');
    const ref = c.req.query('ref') || repo.defaultBranch;
    const files = treeAt(repo, ref);
    const path = CODEOWNERS_PATHS.find((candidate) => files?.has(candidate));
    if (!files || !path) throw notFound();
    const writes = (role: RepoRole | null | undefined) => role != null && permissionOf[role] !== 'read';
    const ownerKnown = (owner: Owner): boolean => {
      if (owner.kind === 'team') {
        const team = sim.state.team(owner.org, owner.slug);
        return team?.orgId === repo.ownerId && writes(team.repos.get(repo.id));
      }
      const account =
        owner.kind === 'user'
          ? sim.state.account(owner.login)
          : [...sim.state.accounts.values()].find(
              (a) => a.email?.toLowerCase() === owner.email.toLowerCase(),
            );
      return account?.type === 'User' && writes(userRepoRole(sim.state, account, repo));
    };
    return json(c, { errors: codeownersErrors(path, files.get(path) ?? '', ownerKnown) });
  });

  app.get('/repos/:owner/:repo/pulls', (c) => {
    const repo = routeRepo(sim, c);
    requireOnCovered(sim, c.get('caller'), repo, 'pull_requests');
    const q = new URL(c.req.url).searchParams;
    const state = q.get('state') ?? 'open';
    const head = q.get('head');
    const base = q.get('base');
    const sort = q.get('sort') ?? 'created';
    const descending = (q.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')) === 'desc';
    const keyOf = (p: Pull): number =>
      sort === 'updated'
        ? p.updatedAt.getTime()
        : sort === 'long-running'
          ? -p.createdAt.getTime()
          : sort === 'popularity'
            ? 0
            : p.createdAt.getTime();
    const pulls = repo.pulls
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => base === null || p.base.ref === base)
      .filter((p) => {
        if (head === null) return true;
        const [owner, ref] = head.includes(':') ? head.split(':', 2) : [null, head];
        const headRepo = sim.state.repoById(p.head.repoId);
        const headOwner = sim.state.accountById(headRepo.ownerId).login;
        return p.head.ref === ref && (owner === null || owner.toLowerCase() === headOwner.toLowerCase());
      })
      .sort((a, b) => (descending ? -1 : 1) * (keyOf(a) - keyOf(b) || a.number - b.number));
    const page = pageOf(pulls, new URL(c.req.url));
    withLink(c, page.link);
    return json(
      c,
      page.items.map((p) => renderPull(sim.state, repo, p, c.get('urls'))),
    );
  });

  const pullOf = (c: Ctx) => {
    const repo = routeRepo(sim, c);
    requireOnCovered(sim, c.get('caller'), repo, 'pull_requests');
    const pull = repo.pulls.find((p) => String(p.number) === c.req.param('number'));
    if (!pull) throw notFound();
    return { repo, pull };
  };

  app.get('/repos/:owner/:repo/pulls/:number{[0-9]+}', (c) => {
    const { repo, pull } = pullOf(c);
    return json(c, renderPullFull(sim.state, repo, pull, c.get('urls')));
  });

  app.get('/repos/:owner/:repo/pulls/:number{[0-9]+}/files', (c) => {
    const { repo, pull } = pullOf(c);
    // GitHub lists at most 3000 files of a pull request.
    const page = pageOf(pull.files.slice(0, 3000), new URL(c.req.url));
    withLink(c, page.link);
    return json(
      c,
      page.items.map((f) => renderDiffEntry(sim.state, repo, pull, f, c.get('urls'))),
    );
  });

  // The signed-in person: psrt's "Sign in with GitHub" reads the login here with the user access token.
  app.get('/user', (c) => {
    const caller = c.get('caller');
    if (caller.kind === 'anonymous') throw requiresAuthentication();
    if (caller.kind !== 'user') throw notAccessibleByIntegration();
    return json(c, renderPrivateUser(sim.state, caller.user, c.get('urls')));
  });

  app.get('/users/:username', (c) => {
    const user = sim.state.account(c.req.param('username'));
    if (!user) throw notFound();
    return json(c, renderPublicUser(sim.state, user, c.get('urls')));
  });

  app.get('/orgs/:org/members/:username', (c) => {
    const caller = c.get('caller');
    const org = sim.state.account(c.req.param('org'));
    const user = sim.state.account(c.req.param('username'));
    if (org?.type !== 'Organization') throw notFound();
    const callerIsMember =
      (caller.kind === 'user' && isOrgMember(sim.state, caller.user, org.id)) ||
      (caller.kind === 'installation' && caller.installation.accountId === org.id);
    // Outsiders are redirected to the public-membership check; members get 204 or 404.
    if (!callerIsMember) {
      return c.body(null, 302, {
        location: `${c.get('urls').api}/orgs/${org.login}/public_members/${c.req.param('username')}`,
      });
    }
    if (!user || !isOrgMember(sim.state, user, org.id)) throw notFound();
    return c.body(null, 204);
  });

  // The simulator has no private memberships: every member is a public member.
  app.get('/orgs/:org/public_members/:username', (c) => {
    const org = sim.state.account(c.req.param('org'));
    const user = sim.state.account(c.req.param('username'));
    if (org?.type !== 'Organization' || !user || !isOrgMember(sim.state, user, org.id)) throw notFound();
    return c.body(null, 204);
  });
}
