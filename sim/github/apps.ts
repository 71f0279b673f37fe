// GitHub App routes (§3.1): the App itself and its installations (JWT), installation access
// tokens (narrowing allowed, widening refused with 422), and what an installation token reaches.
import type { Hono } from 'hono';
import { coveredBy } from './access.ts';
import { mintInstallationToken, requireApp } from './auth.ts';
import type { SimContext } from './context.ts';
import {
  type Ctx,
  GitHubError,
  json,
  notFound,
  pageOf,
  readObject,
  requiresAuthentication,
  type SimEnv,
  validationFailed,
  withLink,
} from './http.ts';
import { renderInstallation, renderIntegration } from './render.ts';
import { renderRepository } from './render-repos.ts';
import type { App, Installation, Permissions, Repo } from './state.ts';
import { iso } from './state.ts';

const levels = ['read', 'write', 'admin'];

export function installationRepos(sim: SimContext, installation: Installation): Repo[] {
  return [...sim.state.repos.values()]
    .filter((r) => r.advisoryGhsa === null && coveredBy(sim.state, installation, r))
    .sort((a, b) => a.id - b.id);
}

function narrowPermissions(installation: Installation, wanted: unknown): Permissions {
  if (wanted === undefined) return { ...installation.permissions };
  if (typeof wanted !== 'object' || wanted === null || Array.isArray(wanted)) {
    throw new GitHubError(
      422,
      "Invalid request.\n\nFor 'properties/permissions', the value is not an object.",
    );
  }
  const out: Permissions = {};
  for (const [name, level] of Object.entries(wanted)) {
    const held = installation.permissions[name];
    if (
      typeof level !== 'string' ||
      !levels.includes(level) ||
      !held ||
      levels.indexOf(level) > levels.indexOf(held)
    ) {
      throw new GitHubError(422, 'The permissions requested are not granted to this installation.');
    }
    out[name] = level as 'read' | 'write';
  }
  return out;
}

function narrowRepos(
  sim: SimContext,
  installation: Installation,
  body: Record<string, unknown>,
): Set<number> | null {
  const names = body.repositories;
  const ids = body.repository_ids;
  if (names === undefined && ids === undefined) return null;
  const reachable = installationRepos(sim, installation);
  const owner = sim.state.accountById(installation.accountId).login;
  const chosen = new Set<number>();
  const refuse = () =>
    new GitHubError(
      422,
      'There is at least one repository that does not exist or is not accessible to the parent installation.',
    );
  for (const name of Array.isArray(names) ? names : names === undefined ? [] : [names]) {
    const repo = typeof name === 'string' ? sim.state.repo(owner, name) : undefined;
    if (!repo || !reachable.includes(repo)) throw refuse();
    chosen.add(repo.id);
  }
  for (const id of Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]) {
    const repo = reachable.find((r) => r.id === id);
    if (!repo) throw refuse();
    chosen.add(repo.id);
  }
  return chosen;
}

export function appRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  const ownInstallation = (appRecord: App, id: string | undefined) => {
    const installation = sim.state.installations.get(Number(id));
    if (!installation || installation.appId !== appRecord.id) throw notFound();
    return installation;
  };
  const installationFor = (c: Ctx, accountLogin: string, repoName?: string) => {
    const appRecord = requireApp(c.get('caller'));
    const account = sim.state.account(accountLogin);
    const repo = repoName === undefined ? undefined : sim.state.repo(accountLogin, repoName);
    const installation = [...sim.state.installations.values()].find(
      (i) =>
        i.appId === appRecord.id &&
        i.accountId === account?.id &&
        (repoName === undefined || (repo !== undefined && coveredBy(sim.state, i, repo))),
    );
    if (!installation) throw notFound();
    return json(c, renderInstallation(sim.state, installation, c.get('urls')));
  };

  app.get('/app', (c) => json(c, renderIntegration(sim.state, requireApp(c.get('caller')), c.get('urls'))));

  app.get('/app/installations', (c) => {
    const appRecord = requireApp(c.get('caller'));
    const url = new URL(c.req.url);
    const since = url.searchParams.get('since');
    const all = [...sim.state.installations.values()]
      .filter((i) => i.appId === appRecord.id)
      .filter((i) => since === null || i.updatedAt.getTime() >= new Date(since).getTime())
      .sort((a, b) => a.id - b.id);
    const page = pageOf(all, url);
    withLink(c, page.link);
    return json(
      c,
      page.items.map((i) => renderInstallation(sim.state, i, c.get('urls'))),
    );
  });

  app.get('/app/installations/:id', (c) => {
    const installation = ownInstallation(requireApp(c.get('caller')), c.req.param('id'));
    return json(c, renderInstallation(sim.state, installation, c.get('urls')));
  });

  app.get('/repos/:owner/:repo/installation', (c) =>
    installationFor(c, c.req.param('owner'), c.req.param('repo')),
  );
  app.get('/orgs/:org/installation', (c) => installationFor(c, c.req.param('org')));
  app.get('/users/:username/installation', (c) => installationFor(c, c.req.param('username')));

  app.post('/app/installations/:id/access_tokens', (c) => {
    const installation = ownInstallation(requireApp(c.get('caller')), c.req.param('id'));
    const body = readObject(c);
    const permissions = narrowPermissions(installation, body.permissions);
    const repoIds = narrowRepos(sim, installation, body);
    if (repoIds !== null && repoIds.size > 500)
      throw validationFailed([{ code: 'invalid', field: 'repositories' }]);
    const expiresAt = new Date(sim.clock.credentialsNow().getTime() + 3_600_000);
    // The stateless-token rollout could be switched per request while it ran (§3.1).
    const override = c.req.header('x-github-stateless-s2s-token');
    const format =
      override === 'disabled' ? 'classic' : override === 'enabled' ? 'stateless' : sim.config.tokenFormat;
    const grant = mintInstallationToken(sim.state, installation, { permissions, repoIds }, expiresAt, format);
    return json(
      c,
      {
        token: grant.token,
        expires_at: iso(expiresAt),
        permissions,
        repository_selection: repoIds === null ? installation.selection : 'selected',
        ...(repoIds === null
          ? {}
          : {
              repositories: [...repoIds].map((id) =>
                renderRepository(sim.state, sim.state.repoById(id), c.get('urls')),
              ),
            }),
      },
      201,
    );
  });

  app.get('/installation/repositories', (c) => {
    const caller = c.get('caller');
    if (caller.kind === 'anonymous') throw requiresAuthentication();
    if (caller.kind !== 'installation') {
      throw new GitHubError(
        403,
        'You must authenticate with an installation access token in order to list repositories for an installation.',
      );
    }
    const repos = installationRepos(sim, caller.installation).filter(
      (r) => caller.grant.repoIds?.has(r.id) ?? true,
    );
    const page = pageOf(repos, new URL(c.req.url));
    withLink(c, page.link);
    return json(c, {
      total_count: repos.length,
      repositories: page.items.map((r) => renderRepository(sim.state, r, c.get('urls'))),
      repository_selection: caller.grant.repoIds === null ? caller.installation.selection : 'selected',
    });
  });

  app.delete('/installation/token', (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'installation') throw requiresAuthentication();
    sim.state.tokens.delete(caller.token);
    return c.body(null, 204);
  });
}
