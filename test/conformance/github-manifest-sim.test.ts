// The GitHub simulator's App-manifest flow against GitHub's official description: the code GitHub
// sends the browser back with, traded at POST /app-manifests/{code}/conversions for the new App
// (201, the integration with its client secret, webhook secret and PEM key), once (then 404). A
// simulator of its own: a second App would change which App the other suites' webhook belongs to.
import { describe, expect, it } from 'vitest';
import { createGitHubSim } from '../../sim/github/index.ts';
import { useConformance } from './support.ts';

const sim = createGitHubSim();
const github = useConformance(sim, 'github');
sim.control.addOrg({ login: 'python', owners: ['sethmlarson'] });

/** GitHub's pages of the flow (not REST, so not recorded): the code GitHub sends the browser back with. */
async function manifestCode(name: string): Promise<string> {
  const manifest = JSON.stringify({
    name,
    url: 'https://psrt.example.org',
    hook_attributes: { url: 'https://psrt.example.org/webhooks/github' },
    redirect_url: 'http://127.0.0.1:9/callback',
    public: false,
    default_permissions: { repository_advisories: 'write', members: 'write' },
    default_events: ['repository_advisory'],
  });
  const created = await sim.fetch('https://github.com/organizations/python/settings/apps/new?state=s1', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ manifest, decision: 'create' }),
  });
  expect(created.status).toBe(302);
  return new URL(created.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

const convert = (code: string) =>
  github.fetch(`https://api.github.com/app-manifests/${code}/conversions`, {
    method: 'POST',
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
  });

describe('registering an App from a manifest (psrt app create)', () => {
  it('trades the code for the App with its client secret, webhook secret and key (201) once, then 404', async () => {
    const code = await manifestCode('psrt-manifest');
    const converted = await convert(code);
    expect(converted.status).toBe(201);
    expect(await converted.json()).toMatchObject({
      name: 'psrt-manifest',
      owner: { login: 'python' },
      external_url: 'https://psrt.example.org',
      permissions: { metadata: 'read', repository_advisories: 'write', members: 'write' },
      events: ['repository_advisory'],
      webhook_secret: expect.stringMatching(/^[0-9a-f]{40}$/),
      pem: expect.stringContaining('-----BEGIN RSA PRIVATE KEY-----'),
    });
    expect((await convert(code)).status).toBe(404);
  });

  it('answers 404 for a code GitHub never gave', async () => {
    expect((await convert('0123456789abcdef0123')).status).toBe(404);
  });
});
