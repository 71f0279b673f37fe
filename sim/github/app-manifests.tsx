// Registering a GitHub App from a manifest, as GitHub documents the flow: a form posts `manifest`
// (JSON) to /settings/apps/new or /organizations/{org}/settings/apps/new with a `state` in the
// query; GitHub shows the App it would create, the person confirms, GitHub creates it and sends the
// browser to the manifest's redirect_url with a temporary `code` and the state; the code works
// once, within an hour, at POST /app-manifests/{code}/conversions (no authentication) for the
// App's id, client id and secret, webhook secret and private key.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { Hono as Router } from 'hono';
import type { SimContext } from './context.ts';
import { json, notFound, type SimEnv } from './http.ts';
import { MAX_CALLBACK_URLS } from './oauth-grants.ts';
import { renderIntegration } from './render.ts';
import { createApp } from './seed.ts';
import type { Permissions } from './state.ts';
import { NewAppPage, type NewAppRequest } from './view/new-app-page.tsx';

/** "This code expires after 1 hour." */
export const MANIFEST_CODE_TTL_MS = 60 * 60 * 1000;

const levels = new Set(['read', 'write', 'admin']);
const httpUrl = (value: unknown): value is string =>
  typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
const plainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Manifest extends NewAppRequest {
  permissions: Permissions;
  redirectUrl: string;
}

/** The manifest as GitHub reads it, or what is wrong with it (the simulator needs a redirect_url). */
export function readManifest(text: string | undefined): Manifest | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return { problem: 'The manifest is not JSON.' };
  }
  if (!plainObject(value)) return { problem: 'The manifest is not a JSON object.' };
  const m = value;
  if (!httpUrl(m.url)) return { problem: 'The manifest needs url: the full URL of the App’s homepage.' };
  if (!httpUrl(m.redirect_url))
    return { problem: 'The manifest needs redirect_url: where to send the browser back with the code.' };
  let hook: Manifest['hook'] = null;
  if (m.hook_attributes !== undefined) {
    if (!plainObject(m.hook_attributes) || !httpUrl(m.hook_attributes.url))
      return { problem: 'hook_attributes needs url: the full URL of the App’s webhook.' };
    const active = m.hook_attributes.active ?? true;
    if (typeof active !== 'boolean') return { problem: 'hook_attributes.active must be true or false.' };
    hook = { url: m.hook_attributes.url, active };
  }
  const callbackUrls = m.callback_urls ?? [];
  if (!Array.isArray(callbackUrls) || !callbackUrls.every(httpUrl) || callbackUrls.length > MAX_CALLBACK_URLS)
    return { problem: `callback_urls must be up to ${MAX_CALLBACK_URLS} full http(s) URLs.` };
  const permissions: Permissions = {};
  const wanted = m.default_permissions ?? {};
  if (!plainObject(wanted)) return { problem: 'default_permissions must map permission names to levels.' };
  for (const [name, level] of Object.entries(wanted)) {
    if (!/^[a-z_]+$/.test(name) || typeof level !== 'string' || !levels.has(level))
      return { problem: `default_permissions.${name} must be read, write or admin.` };
    permissions[name] = level as Permissions[string];
  }
  const events = m.default_events ?? [];
  if (!Array.isArray(events) || !events.every((e) => typeof e === 'string' && /^[a-z_]+$/.test(e)))
    return { problem: 'default_events must be a list of webhook event names.' };
  for (const [key, kind] of [
    ['public', 'boolean'],
    ['request_oauth_on_install', 'boolean'],
    ['name', 'string'],
    ['description', 'string'],
  ] as const)
    if (m[key] !== undefined && typeof m[key] !== kind) return { problem: `${key} must be a ${kind}.` };
  return {
    name: typeof m.name === 'string' ? m.name : '',
    url: m.url,
    description: typeof m.description === 'string' ? m.description : null,
    hook,
    callbackUrls: callbackUrls as string[],
    public: m.public === true,
    permissions,
    events: events as string[],
    redirectUrl: m.redirect_url,
  };
}

type Params = Record<string, string | undefined>;

async function formParams(c: Context): Promise<Params> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
  );
}

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** github.com's pages of the flow (no API version, rate limit or fault applies). */
export function newAppRoutes(sim: SimContext, options: { defaultUser?: string } = {}): Hono {
  const web = new Router();

  const people = () =>
    [...sim.state.accounts.values()]
      .filter((a) => a.type === 'User')
      .map((a) => a.login)
      .sort((a, b) => a.localeCompare(b));

  const handle = async (c: Context, org: string | null) => {
    const params = await formParams(c);
    const page = (status: 200 | 404 | 422, error?: string, manifest?: Manifest) =>
      c.html(
        manifest ? (
          <NewAppPage
            request={{ ...manifest, name: params.name ?? manifest.name }}
            action={new URL(c.req.url).pathname + new URL(c.req.url).search}
            manifest={params.manifest ?? ''}
            state={c.req.query('state') ?? params.state}
            org={org}
            people={people()}
            suggested={params.as ?? options.defaultUser ?? people()[0] ?? null}
            error={error}
          />
        ) : (
          <p role="alert">{error}</p>
        ),
        status,
      );
    if (org !== null && !sim.state.orgs.has(org.toLowerCase()))
      return page(404, `There is no organization ${org} on this GitHub.`);
    const manifest = readManifest(params.manifest);
    if ('problem' in manifest) return page(422, manifest.problem);
    // The manifest arrives from the App's own site; only the confirmation is the person's act.
    if (params.decision !== 'create') return page(200, undefined, manifest);
    const origin = c.req.header('origin');
    if (origin && URL.canParse(origin) && new URL(origin).host !== new URL(c.req.url).host)
      return c.text("Forms are accepted only from the simulator's own pages.", 403);

    const name = (params.name ?? manifest.name).trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,33}$/.test(name))
      return page(422, 'Name: up to 34 letters, digits, spaces, dots, hyphens or underscores.', manifest);
    const taken = [...sim.state.apps.values()].some((a) => a.slug === slugOf(name));
    if (taken || sim.state.account(slugOf(name)))
      return page(422, `Name ${JSON.stringify(name)} is already in use.`, manifest);
    const owner = org ?? params.as ?? '';
    if (sim.state.account(owner)?.type !== (org === null ? 'User' : 'Organization'))
      return page(422, 'Pick who is creating the App.', manifest);

    const created = createApp(sim, {
      name,
      owner: sim.state.account(owner)?.login ?? owner,
      ...(manifest.description === null ? {} : { description: manifest.description }),
      permissions: manifest.permissions,
      events: manifest.events,
      callbackUrls: manifest.callbackUrls,
      url: manifest.url,
      ...(manifest.hook ? { webhook: manifest.hook } : {}),
    });
    const code = randomBytes(20).toString('hex');
    sim.state.manifestCodes.set(code, {
      code,
      appId: created.appId,
      expiresAt: new Date(sim.clock.credentialsNow().getTime() + MANIFEST_CODE_TTL_MS),
    });
    const back = new URL(manifest.redirectUrl);
    back.searchParams.set('code', code);
    const state = c.req.query('state') ?? params.state;
    if (state !== undefined) back.searchParams.set('state', state);
    return c.redirect(back.toString(), 302);
  };

  web.post('/settings/apps/new', (c) => handle(c, null));
  web.post('/organizations/:org/settings/apps/new', (c) => handle(c, c.req.param('org')));
  return web;
}

/** `POST /app-manifests/{code}/conversions`: the code, once and within the hour, for the App's credentials. */
export function manifestConversionRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  app.post('/app-manifests/:code/conversions', (c) => {
    const now = sim.clock.credentialsNow().getTime();
    for (const [code, grant] of sim.state.manifestCodes)
      if (grant.expiresAt.getTime() <= now) sim.state.manifestCodes.delete(code);
    const grant = sim.state.manifestCodes.get(c.req.param('code'));
    const created = grant ? sim.state.apps.get(grant.appId) : undefined;
    if (!grant || !created) throw notFound();
    sim.state.manifestCodes.delete(grant.code);
    return json(
      c,
      {
        ...renderIntegration(sim.state, created, c.get('urls')),
        client_id: created.clientId,
        client_secret: created.clientSecret,
        webhook_secret: created.webhook?.secret ?? null,
        // GitHub hands out PKCS#1 keys.
        pem: created.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      },
      201,
    );
  });
}
