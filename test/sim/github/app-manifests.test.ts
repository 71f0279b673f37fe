// Registering a GitHub App from a manifest on the simulator, as GitHub documents the flow: the
// manifest posted from the App's own site shows GitHub's page of what it asks; only the person's
// confirmation on that page creates the App and sends the browser to redirect_url with a code and
// the state; the code works once, within an hour. Bad manifests, taken names and unknown
// organisations get a page saying why, and create nothing.
import { describe, expect, it } from 'vitest';
import { createGitHubSim } from '../../../sim/github/index.ts';

const base = 'http://sim.test';
const site = 'http://127.0.0.1:8123';

const psrtManifest = {
  name: 'psrt',
  url: 'https://psrt.example.org',
  description: 'The PSRT at work',
  hook_attributes: { url: 'https://psrt.example.org/webhooks/github' },
  redirect_url: `${site}/callback`,
  callback_urls: ['https://psrt.example.org/signin/callback'],
  public: false,
  default_permissions: { repository_advisories: 'write', issues: 'write' },
  default_events: ['repository_advisory', 'issues'],
};

function setup() {
  const sim = createGitHubSim();
  sim.control.setClock('2026-11-24T10:00:00Z');
  sim.control.addOrg({ login: 'python', owners: ['ned'] });
  sim.control.addUser({ login: 'alice' });
  /** A form post to the new-App page; `origin` is the page the form was on. */
  const post = (path: string, fields: Record<string, string>, origin = site) =>
    sim.fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const apps = () =>
    [...Array(10).keys()].flatMap((i) => {
      try {
        return [sim.control.appCredentials(900_000 + i)];
      } catch {
        return [];
      }
    });
  const convert = (code: string) =>
    sim.fetch(`${base}/app-manifests/${code}/conversions`, { method: 'POST' });
  return { sim, post, apps, convert };
}

const ORG_PAGE = '/organizations/python/settings/apps/new?state=abc';

describe('registering a GitHub App from a manifest', () => {
  it('shows what the manifest asks for when it is posted from the App’s site, and creates nothing yet', async () => {
    const { post, apps } = setup();
    const shown = await post(ORG_PAGE, { manifest: JSON.stringify(psrtManifest) });
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('Register new GitHub App for python');
    expect(html).toContain('https://psrt.example.org/webhooks/github');
    expect(html).toContain('repository_advisories');
    expect(html).toContain('repository_advisory, issues');
    expect(apps()).toEqual([]);
  });

  it('creates the App when the person confirms on GitHub’s page, and sends the browser back with a code and the state', async () => {
    const { post, convert } = setup();
    const created = await post(
      ORG_PAGE,
      { manifest: JSON.stringify(psrtManifest), decision: 'create' },
      base,
    );
    expect(created.status).toBe(302);
    const back = new URL(created.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(psrtManifest.redirect_url);
    expect(back.searchParams.get('state')).toBe('abc');
    const code = back.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[0-9a-f]{40}$/);
    const app = (await (await convert(code)).json()) as Record<string, unknown>;
    expect(app).toMatchObject({
      slug: 'psrt',
      description: 'The PSRT at work',
      owner: { login: 'python', type: 'Organization' },
      permissions: { metadata: 'read', repository_advisories: 'write', issues: 'write' },
      events: ['repository_advisory', 'issues'],
    });
    expect(app.client_secret).toMatch(/^[0-9a-f]{40}$/);
  });

  it('lets the person name the App and pick who owns it on a personal account', async () => {
    const { post, convert } = setup();
    const created = await post(
      '/settings/apps/new',
      { manifest: JSON.stringify(psrtManifest), decision: 'create', name: 'Alice PSRT', as: 'alice' },
      base,
    );
    const back = new URL(created.headers.get('location') ?? '');
    expect(back.searchParams.has('state')).toBe(false);
    const app = await (await convert(back.searchParams.get('code') ?? '')).json();
    expect(app).toMatchObject({
      name: 'Alice PSRT',
      slug: 'alice-psrt',
      owner: { login: 'alice', type: 'User' },
    });
  });

  it('refuses a confirmation posted from another site (403): only the person on GitHub’s page creates an App', async () => {
    const { post, apps } = setup();
    const forged = await post(ORG_PAGE, { manifest: JSON.stringify(psrtManifest), decision: 'create' }, site);
    expect(forged.status).toBe(403);
    expect(apps()).toEqual([]);
  });

  it('says what is wrong with a manifest, a taken name or an unknown organisation, creating nothing', async () => {
    const { post, apps } = setup();
    const cases: [string, Record<string, unknown>, number, string][] = [
      [ORG_PAGE, { ...psrtManifest, url: undefined }, 422, 'needs url'],
      [ORG_PAGE, { ...psrtManifest, redirect_url: 'javascript:alert(1)' }, 422, 'needs redirect_url'],
      [ORG_PAGE, { ...psrtManifest, hook_attributes: { active: true } }, 422, 'hook_attributes needs url'],
      [ORG_PAGE, { ...psrtManifest, default_permissions: { issues: 'owner' } }, 422, 'read, write or admin'],
      [ORG_PAGE, { ...psrtManifest, default_events: 'issues' }, 422, 'list of webhook event names'],
      ['/organizations/nobody/settings/apps/new', psrtManifest, 404, 'no organization nobody'],
    ];
    for (const [path, manifest, status, words] of cases) {
      const answer = await post(path, { manifest: JSON.stringify(manifest), decision: 'create' }, base);
      expect(answer.status, words).toBe(status);
      expect(await answer.text()).toContain(words);
    }
    expect((await post(ORG_PAGE, { manifest: '{not json' }, base)).status).toBe(422);
    expect(apps()).toEqual([]);

    expect(
      (await post(ORG_PAGE, { manifest: JSON.stringify(psrtManifest), decision: 'create' }, base)).status,
    ).toBe(302);
    const again = await post(ORG_PAGE, { manifest: JSON.stringify(psrtManifest), decision: 'create' }, base);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Name &quot;psrt&quot; is already in use.');
    expect(apps()).toHaveLength(1);
  });

  it('a code works once and for an hour', async () => {
    const { sim, post, convert } = setup();
    const codeOf = async (name: string) => {
      const created = await post(
        ORG_PAGE,
        { manifest: JSON.stringify({ ...psrtManifest, name }), decision: 'create' },
        base,
      );
      return new URL(created.headers.get('location') ?? '').searchParams.get('code') ?? '';
    };
    const once = await codeOf('psrt-once');
    expect((await convert(once)).status).toBe(201);
    expect((await convert(once)).status).toBe(404);

    const late = await codeOf('psrt-late');
    sim.control.advance(60 * 60 * 1000);
    expect((await convert(late)).status).toBe(404);
  });
});
