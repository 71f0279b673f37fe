// A GitHub simulator for psrt: a real HTTP server speaking the slice of GitHub's REST API psrt
// uses (advisories, the Advisory Database, Apps, teams, contents, pulls, issues, commits, branches,
// tags, comparisons, search, community profile, the signed-in user) and "Sign in with GitHub", with GitHub's auth, errors, pagination, ETags, rate limits and webhooks,
// plus a /_sim/ control surface. Production points the same client at api.github.com, so
// fidelity here is what makes psrt work there.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { keptControl } from '../persist/kept-control.ts';
import { StateFile } from '../persist/state-file.ts';
import { advisoryRoutes } from './advisories.ts';
import { manifestConversionRoutes, newAppRoutes } from './app-manifests.tsx';
import { appRoutes } from './apps.ts';
import { identify } from './auth.ts';
import { SimClock } from './clock.ts';
import { commentRoutes } from './comments.ts';
import { commitRoutes } from './commits.ts';
import { communityRoutes } from './community.ts';
import { compareRoutes } from './compare.ts';
import { configPatch, defaultConfig, type SimConfig } from './config.ts';
import type { SimContext } from './context.ts';
import { createControl, type GitHubSimControl, type SimRequest } from './control.ts';
import { controlRoutes } from './control-routes.ts';
import { Faults, faultsMiddleware } from './faults.ts';
import { settleCveRequests } from './forks.ts';
import { globalAdvisoryRoutes } from './global-advisories.ts';
import { errorResponse, GitHubError, json, type SimEnv } from './http.ts';
import { issueRoutes } from './issues.ts';
import { limitsMiddleware, RateLimiter } from './limits.ts';
import { oauthRoutes } from './oauth.tsx';
import { controlReads, restoreSnapshot, snapshotOf } from './persistence.ts';
import { mergeRoutes } from './pull-actions.ts';
import { refRoutes } from './refs.ts';
import { repoRoutes } from './repos.ts';
import { searchRoutes } from './search.ts';
import type { Caller } from './state.ts';
import { SimState } from './state.ts';
import { teamRoutes } from './teams.ts';
import type { SignInGroup } from './view/authorize-page.tsx';
import { viewRoutes } from './view/routes.tsx';
import { WebhookSender } from './webhooks.ts';

export { StateFileError } from '../persist/state-file.ts';
export type { SimConfig } from './config.ts';
export type { GitHubSimControl, SimRequest } from './control.ts';
export type { FaultSpec } from './faults.ts';
export { psrtAppSeed } from './psrt-app.ts';
export type { AppSeed, CreatedApp, OrgSeed, PullSeed, RepoSeed, TeamSeed, UserSeed } from './seed.ts';
export type { SignInGroup, SignInPerson } from './view/authorize-page.tsx';
export type { Delivery, HookSettings } from './webhooks.ts';

export interface GitHubSimOptions {
  /** The simulator's clock; without it, real time that `control.setClock`/`advance` can move. */
  now?: () => Date;
  /**
   * The clock App JWTs and installation tokens are issued and checked by (default: `now`). The
   * sandbox gives real time here while it moves `now` back to replay its stories: psrt's App
   * signs its JWTs with the real time, as any App does.
   */
  credentialsNow?: () => Date;
  /** A webhook set from the start (no `ping` is sent for it: nothing listens yet). */
  webhook?: { url: string; secret?: string; appId?: number };
  /** Base of API URLs inside responses and payloads (default: the address the client used). */
  publicBaseUrl?: string;
  /** Any other knob; see SimConfig. Given here, they win over the ones a state folder kept. */
  config?: Partial<SimConfig>;
  /**
   * A folder that keeps the whole state across restarts (README, "State folder"): read at start,
   * saved after every change. Without it the state lives in memory only.
   */
  stateDir?: string;
  /**
   * The world a new state starts with: run when there is no saved state yet, and after reset().
   * Its changes are saved together, once it returns.
   */
  onNewState?: (control: GitHubSimControl) => void;
  /**
   * The HTML pages: who /_sim/view/ acts as until another user is picked, and how the "Sign in
   * with GitHub" page (/login/oauth/authorize) groups the people it offers.
   */
  view?: { defaultUser?: string; people?: SignInGroup[] };
}

export interface GitHubSim {
  /**
   * The simulator in-process, without sockets. Takes a Request, or fetch's own arguments so it
   * can be handed to Octokit as `request: { fetch: sim.fetch }`.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Listens on `host` (default 127.0.0.1) and `port` (default 0: any free port). */
  listen(port?: number, host?: string): Promise<{ url: string; close(): Promise<void> }>;
  control: GitHubSimControl;
  /** True when the state came from `stateDir` (so `onNewState` did not run). */
  restored: boolean;
  /** Saves what is not saved yet (a webhook answer arriving after its request); call before exiting. */
  close(): Promise<void>;
}

export const supportedApiVersions = ['2022-11-28', '2026-03-10'];
const mutating = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function createGitHubSim(options: GitHubSimOptions = {}): GitHubSim {
  const initialConfig = (): SimConfig => ({
    ...defaultConfig(),
    ...configPatch(options.config),
    publicBaseUrl: options.publicBaseUrl ?? options.config?.publicBaseUrl ?? null,
  });
  const sim: SimContext = {
    state: new SimState(),
    clock: new SimClock(options.now, options.credentialsNow),
    config: initialConfig(),
    webhooks: new WebhookSender(() => sim),
    listenUrl: null,
  };
  const faults = new Faults();
  const limiter = new RateLimiter(() => sim);
  let requests: SimRequest[] = [];
  const restoreHook = () => {
    if (options.webhook) void sim.webhooks.setHook(options.webhook, { ping: false });
  };
  const file = options.stateDir ? new StateFile({ dir: options.stateDir, simulator: 'GitHub' }) : null;
  const saved = file?.load() ?? null;
  if (file && saved !== null) {
    restoreSnapshot(sim, file, saved);
    Object.assign(sim.config, configPatch(options.config));
    if (options.publicBaseUrl !== undefined) sim.config.publicBaseUrl = options.publicBaseUrl;
  }
  restoreHook();
  const keep = () => file?.save(snapshotOf(sim));
  // Routes use the control as it is: the middleware below saves once per request instead.
  const control = createControl(sim, {
    faults,
    resetAll: () => {
      sim.state = new SimState();
      sim.clock = new SimClock(options.now, options.credentialsNow);
      sim.config = initialConfig();
      sim.webhooks.reset();
      faults.clear();
      limiter.reset();
      requests = [];
      restoreHook();
      options.onNewState?.(control);
    },
    requests: () => requests,
  });
  if (saved === null) options.onNewState?.(control);
  keep();
  if (file) sim.webhooks.onRecorded = () => file.saveSoon(() => snapshotOf(sim));

  // Like GitHub, a trailing slash does not make a different resource.
  const app = new Hono<SimEnv>({ strict: false });
  // A change is acknowledged only once it is saved: a save that fails turns the answer into a 500.
  app.use('*', async (c, next) => {
    await next();
    if (!file || !mutating.has(c.req.method)) return;
    try {
      keep();
    } catch (error) {
      c.res = Response.json({ message: (error as Error).message }, { status: 500 });
    }
  });
  app.route(
    '/_sim/view',
    viewRoutes(control, () => sim, options.view ?? {}),
  );
  app.route('/_sim', controlRoutes(control));
  // github.com's side, not the API's: no API version, rate limit or faults.
  app.route('/login/oauth', oauthRoutes(sim, { people: options.view?.people ?? [] }));
  app.route(
    '/',
    newAppRoutes(sim, options.view?.defaultUser ? { defaultUser: options.view.defaultUser } : {}),
  );

  app.use('*', async (c, next) => {
    c.set(
      'requestId',
      `${Date.now().toString(16).toUpperCase()}:${Math.floor(Math.random() * 1e6)
        .toString(16)
        .toUpperCase()}`,
    );
    c.set('urls', {
      api: sim.config.publicBaseUrl ?? new URL(c.req.url).origin,
      html: sim.config.htmlBaseUrl,
    });
    const version = c.req.header('x-github-api-version') ?? '2022-11-28';
    c.set('apiVersion', version);
    await next();
    requests.push({ method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status });
    if (requests.length > 10_000) requests.shift();
    const h = c.res.headers;
    // The time clients check their App JWTs against (octokit corrects its clock by it).
    h.set('date', sim.clock.credentialsNow().toUTCString());
    h.set('x-github-request-id', c.get('requestId'));
    h.set('x-github-api-version-selected', version);
    h.set(
      'x-github-media-type',
      /vnd\.github(\.v3)?\.raw/.test(c.req.header('accept') ?? '')
        ? 'github.v3; param=raw'
        : 'github.v3; format=json',
    );
    h.set('vary', 'Accept, Authorization, Cookie, X-GitHub-OTP');
    const caller: Caller = c.get('caller') ?? { kind: 'anonymous' };
    if (caller.kind === 'user') h.set('x-oauth-scopes', caller.scopes.join(', '));
    if (!h.has('x-ratelimit-limit')) {
      for (const [name, value] of Object.entries(limiter.headers(limiter.identity(caller))))
        h.set(name, value);
    }
  });
  app.use('*', async (c, next) => {
    if (!supportedApiVersions.includes(c.get('apiVersion'))) {
      throw new GitHubError(
        400,
        `Unsupported 'X-GitHub-Api-Version' header: ${c.get('apiVersion')}. Supported versions are: ${supportedApiVersions.join(', ')}.`,
      );
    }
    let raw = '';
    if (mutating.has(c.req.method)) {
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (bytes.length > sim.config.maxBodyBytes) {
        throw new GitHubError(
          413,
          `Request body too large: ${bytes.length} bytes, the limit is ${sim.config.maxBodyBytes}.`,
        );
      }
      raw = bytes.toString('utf8');
    }
    c.set('rawBody', raw);
    c.set('caller', identify(sim.state, c.req.header('authorization'), sim.clock.credentialsNow()));
    await next();
  });
  app.use(
    '*',
    faultsMiddleware(faults, limiter, () => sim),
  );
  app.use('*', limitsMiddleware(limiter));
  app.use('*', async (_c, next) => {
    settleCveRequests(sim);
    await next();
  });

  app.get('/rate_limit', (c) => {
    const identity = limiter.identity(c.get('caller'));
    const read = (resource: 'core' | 'search') => {
      const h = limiter.headers(identity, { resource });
      return {
        limit: Number(h['x-ratelimit-limit']),
        remaining: Number(h['x-ratelimit-remaining']),
        reset: Number(h['x-ratelimit-reset']),
        used: Number(h['x-ratelimit-used']),
        resource,
      };
    };
    const bucket = read('core');
    const other = (limit: number, resource: string) => ({
      limit,
      remaining: limit,
      reset: bucket.reset,
      used: 0,
      resource,
    });
    const resources = {
      core: bucket,
      search: read('search'),
      graphql: other(5000, 'graphql'),
      integration_manifest: other(5000, 'integration_manifest'),
      code_search: other(10, 'code_search'),
    };
    // `rate` went away in API version 2026-03-10.
    return json(c, c.get('apiVersion') >= '2026-03-10' ? { resources } : { resources, rate: bucket });
  });
  advisoryRoutes(app, sim);
  globalAdvisoryRoutes(app, sim);
  commentRoutes(app, sim);
  appRoutes(app, sim);
  manifestConversionRoutes(app, sim);
  teamRoutes(app, sim);
  repoRoutes(app, sim);
  issueRoutes(app, sim);
  commitRoutes(app, sim);
  refRoutes(app, sim);
  compareRoutes(app, sim);
  mergeRoutes(app, sim);
  communityRoutes(app, sim);
  searchRoutes(app, sim);

  app.notFound(() => errorResponse(new GitHubError(404, 'Not Found')));
  app.onError((error) => {
    if (error instanceof GitHubError) return errorResponse(error);
    console.error('[github-sim] internal error:', error);
    return errorResponse(new GitHubError(500, 'Server Error'));
  });

  return {
    fetch: async (input, init) =>
      app.fetch(input instanceof Request && !init ? input : new Request(input, init)),
    control: file ? keptControl(control, controlReads, keep) : control,
    restored: saved !== null,
    close: async () => {
      // A webhook answer still on its way is worth a moment; one that never comes is saved as timed out.
      await Promise.race([
        sim.webhooks.settled(),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
      keep();
    },
    listen: async (port = 0, host = '127.0.0.1') => {
      const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
        s.once('error', reject);
      });
      const { port: bound } = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
      sim.listenUrl ??= url;
      return {
        url,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            // Clients keep connections alive; without this, close waits for them to time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      };
    },
  };
}

/** For `psrt sim github --port N`: starts a simulator and reports where it listens. */
export async function startGitHubSim(
  options: { port?: number; host?: string } & GitHubSimOptions = {},
): Promise<{ url: string; sim: GitHubSim; close(): Promise<void> }> {
  const sim = createGitHubSim(options);
  const { url, close } = await sim.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url,
    sim,
    close: async () => {
      await close();
      await sim.close();
    },
  };
}
