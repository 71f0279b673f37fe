// REST routes of repository security advisories (§2.1–2.10): lists with cursor pagination,
// get, create, private reports, update, CVE requests, private forks and the PVR setting.
// Thin: access lives in access.ts, the rules in advisory-actions.ts and forks.ts.
import type { Hono } from 'hono';
import {
  advisoryAccess,
  coveredBy,
  findAdvisory,
  isOrgOwner,
  isSecurityManager,
  patReaches,
  requirePermission,
  routeRepo,
  userRepoRole,
} from './access.ts';
import { createAdvisory, reportVulnerability, updateAdvisory } from './advisory-actions.ts';
import type { SimContext } from './context.ts';
import { createPrivateFork, requestCve } from './forks.ts';
import {
  type Ctx,
  cursorPageOf,
  GitHubError,
  json,
  mustBeAdmin,
  notAccessibleByIntegration,
  notFound,
  readObject,
  requiresAuthentication,
  type SimEnv,
  withLink,
} from './http.ts';
import { renderAdvisory } from './render.ts';
import { renderRepository } from './render-repos.ts';
import type { Advisory } from './state.ts';

const docs = 'https://docs.github.com/rest/security-advisories/repository-advisories';
const sortFields = { created: 'createdAt', updated: 'updatedAt', published: 'publishedAt' } as const;
const listStates = ['triage', 'draft', 'published', 'closed'];

function oneOfParam(url: URL, name: string, values: readonly string[], fallback: string): string {
  const value = url.searchParams.get(name) ?? fallback;
  if (!values.includes(value)) {
    throw new GitHubError(
      400,
      `Invalid value ${JSON.stringify(value)} for '${name}': must be one of ${values.join(', ')}.`,
      {
        documentationUrl: docs,
      },
    );
  }
  return value;
}

/** Filters, sorts and cursor-paginates (§2.1): sort created|updated|published, direction, state. */
function respondWithList(c: Ctx, sim: SimContext, advisories: Advisory[]): Response {
  const url = new URL(c.req.url);
  const sort = oneOfParam(url, 'sort', Object.keys(sortFields), 'created') as keyof typeof sortFields;
  const descending = oneOfParam(url, 'direction', ['asc', 'desc'], 'desc') === 'desc';
  const state = url.searchParams.has('state') ? oneOfParam(url, 'state', listStates, '') : null;
  const field = sortFields[sort];
  const keyOf = (a: Advisory): [number, number] => [a[field]?.getTime() ?? 0, a.seq];
  const sorted = advisories
    .filter((a) => state === null || a.state === state)
    .sort((a, b) => {
      const [ka, kb] = [keyOf(a), keyOf(b)];
      const d = ka[0] - kb[0] || ka[1] - kb[1];
      return descending ? -d : d;
    });
  const page = cursorPageOf(sorted, url, keyOf, descending, sim.config.cursorPageParam);
  withLink(c, page.link);
  return json(
    c,
    page.items.map((a) =>
      renderAdvisory(sim.state, a, c.get('urls'), c.get('apiVersion'), {
        commentCount: sim.config.advisoryCommentCount,
      }),
    ),
  );
}

export function advisoryRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  const advisoryOf = (c: Ctx) => {
    const repo = routeRepo(sim, c);
    requirePermission(c.get('caller'), 'repository_advisories', 'read');
    return findAdvisory(sim.state, c.get('caller'), repo, c.req.param('ghsa') ?? '', sim.clock.now());
  };
  const render = (c: Ctx, a: Advisory) =>
    renderAdvisory(sim.state, a, c.get('urls'), c.get('apiVersion'), {
      commentCount: sim.config.advisoryCommentCount,
    });

  app.get('/repos/:owner/:repo/security-advisories', (c) => {
    const repo = routeRepo(sim, c);
    const caller = c.get('caller');
    requirePermission(caller, 'repository_advisories', 'read');
    const now = sim.clock.now();
    const visible = sim.state
      .advisoriesOf(repo.id)
      .filter((a) => advisoryAccess(sim.state, caller, a, now).view);
    return respondWithList(c, sim, visible);
  });

  app.get('/orgs/:org/security-advisories', (c) => {
    const caller = c.get('caller');
    const org = sim.state.account(c.req.param('org'));
    if (org?.type !== 'Organization') throw notFound();
    if (caller.kind === 'anonymous') throw requiresAuthentication();
    // The org list needs *write* even though it reads (§2.2).
    requirePermission(caller, 'repository_advisories', 'write');
    const repos = [...sim.state.repos.values()].filter(
      (r) => r.ownerId === org.id && r.advisoryGhsa === null,
    );
    let reachable = repos;
    if (caller.kind === 'installation') {
      if (caller.installation.accountId !== org.id) throw notAccessibleByIntegration();
      reachable = repos.filter(
        (r) => coveredBy(sim.state, caller.installation, r) && (caller.grant.repoIds?.has(r.id) ?? true),
      );
    } else if (
      caller.kind !== 'user' ||
      !patReaches(caller, 'write') ||
      !(isOrgOwner(sim.state, caller.user, org.id) || isSecurityManager(sim.state, caller.user, org.id))
    ) {
      // Not an owner or security manager: the same 404 as for an organization that does not exist.
      throw notFound();
    }
    const ids = new Set(reachable.map((r) => r.id));
    return respondWithList(
      c,
      sim,
      [...sim.state.advisories.values()].filter((a) => ids.has(a.repoId)),
    );
  });

  app.post('/repos/:owner/:repo/security-advisories', (c) => {
    const advisory = createAdvisory(sim, c.get('caller'), routeRepo(sim, c), readObject(c));
    return json(c, render(c, advisory), 201);
  });

  app.post('/repos/:owner/:repo/security-advisories/reports', (c) => {
    const advisory = reportVulnerability(sim, c.get('caller'), routeRepo(sim, c), readObject(c));
    return json(c, render(c, advisory), 201);
  });

  app.get('/repos/:owner/:repo/security-advisories/:ghsa', (c) => json(c, render(c, advisoryOf(c))));

  app.patch('/repos/:owner/:repo/security-advisories/:ghsa', (c) => {
    const advisory = advisoryOf(c);
    return json(c, render(c, updateAdvisory(sim, c.get('caller'), advisory, readObject(c))));
  });

  app.post('/repos/:owner/:repo/security-advisories/:ghsa/cve', (c) => {
    requestCve(sim, c.get('caller'), advisoryOf(c));
    return json(c, {}, 202);
  });

  app.post('/repos/:owner/:repo/security-advisories/:ghsa/forks', (c) => {
    const fork = createPrivateFork(sim, c.get('caller'), advisoryOf(c));
    const caller = c.get('caller');
    const role = caller.kind === 'user' ? userRepoRole(sim.state, caller.user, fork) : undefined;
    return json(c, renderRepository(sim.state, fork, c.get('urls'), { role, withParent: true }), 202);
  });

  app.get('/repos/:owner/:repo/private-vulnerability-reporting', (c) =>
    json(c, { enabled: routeRepo(sim, c).pvrEnabled }),
  );

  const setReporting = (enabled: boolean) => (c: Ctx) => {
    const repo = routeRepo(sim, c);
    const caller = c.get('caller');
    requirePermission(caller, 'administration', 'write');
    if (caller.kind === 'anonymous') throw requiresAuthentication();
    if (caller.kind === 'user' && userRepoRole(sim.state, caller.user, repo) !== 'admin') throw mustBeAdmin();
    repo.pvrEnabled = enabled;
    return c.body(null, 204);
  };
  app.put('/repos/:owner/:repo/private-vulnerability-reporting', setReporting(true));
  app.delete('/repos/:owner/:repo/private-vulnerability-reporting', setReporting(false));
}
