// The GitHub simulator against GitHub's official descriptions: everything psrt does on GitHub
// (App auth, advisories and their lifecycle, private reports, CVE requests, private forks,
// the Advisory Database, comments, teams, permissions, CODEOWNERS, pull requests, issue search,
// rate limits, conditional requests and errors), with every request and response checked after
// each test, and every webhook delivery checked against the webhooks description.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookConformance } from '../../sim/conformance/descriptions.ts';
import { formatProblems, formatStaleAllowances } from '../../sim/conformance/record.ts';
import { checkDelivery, webhookName } from '../../sim/conformance/webhooks.ts';
import { createGitHubSim } from '../../sim/github/index.ts';
import {
  appJwt,
  CODEOWNERS,
  type ReceivedDelivery,
  seedWorld,
  signatureOf,
  startReceiver,
  type World,
} from './github-world.ts';
import { useConformance } from './support.ts';

const sim = createGitHubSim();
const github = useConformance(sim, 'github');
const API = 'https://api.github.com';
const SECRET = 'conformance-webhook-secret';
let world: World;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

interface Call {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function gh(method: string, path: string, { token, body, headers = {} }: Call = {}) {
  const all: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'psrt-conformance',
    ...headers,
  };
  if (token) all.authorization = `Bearer ${token}`;
  if (body !== undefined) all['content-type'] = 'application/json; charset=utf-8';
  return github.fetch(`${API}${path}`, {
    method,
    headers: all,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json<T = Record<string, unknown>>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

const ADVISORIES = '/repos/python/cpython/security-advisories';
const draft = {
  summary: 'Heap overflow in tarfile when extracting crafted archives',
  description: 'A crafted tar archive overflows a heap buffer in `tarfile`.',
  vulnerabilities: [{ package: { ecosystem: 'pip', name: 'cpython' }, vulnerable_version_range: '< 3.13.1' }],
  cwe_ids: ['CWE-122'],
  severity: 'high',
};

async function createDraft(token = world.admin, body: Record<string, unknown> = draft): Promise<string> {
  const response = await gh('POST', ADVISORIES, { token, body });
  expect(response.status).toBe(201);
  return (await json<{ ghsa_id: string }>(response)).ghsa_id;
}

async function installationToken(body?: unknown): Promise<string> {
  const jwt = appJwt(world, sim.control.now());
  const response = await gh('POST', `/app/installations/${world.app.installationId}/access_tokens`, {
    token: jwt,
    body,
  });
  expect(response.status).toBe(201);
  return (await json<{ token: string }>(response)).token;
}

/** Every delivery received so far, checked against the webhooks description and its signature. */
async function deliveries(): Promise<ReceivedDelivery[]> {
  await sim.control.waitForDeliveries();
  for (const delivery of receiver.received) {
    const headers = delivery.headers as Record<string, string>;
    const problems = checkDelivery(webhookConformance(), headers, delivery.body);
    if (problems.length > 0) throw new Error(formatProblems(problems));
    const name = webhookName(headers['x-github-event'] ?? '', JSON.parse(delivery.body));
    github.noteCoverage({ service: 'github-webhooks', operation: name, status: 200 });
    expect(delivery.headers['x-hub-signature-256']).toBe(signatureOf(SECRET, delivery.body));
  }
  return receiver.received;
}

// Seeding generates the App's RSA key, which is slow: one world for the file, and tests that
// count things use a repository of their own.
beforeAll(async () => {
  receiver = await startReceiver();
  world = seedWorld(sim);
  await sim.control.setWebhook({ url: receiver.url, secret: SECRET });
});
afterAll(() => receiver.close());
beforeEach(async () => {
  await sim.control.waitForDeliveries();
  receiver.received.length = 0;
});

describe('the psrt GitHub App', () => {
  it('reads itself and its installations with a JWT, and gets an installation token', async () => {
    const jwt = appJwt(world, sim.control.now());
    expect((await gh('GET', '/app', { token: jwt })).status).toBe(200);
    expect((await gh('GET', '/app/installations?per_page=10', { token: jwt })).status).toBe(200);
    expect((await gh('GET', '/orgs/python/installation', { token: jwt })).status).toBe(200);
    expect((await gh('GET', '/repos/python/cpython/installation', { token: jwt })).status).toBe(200);
    const token = await installationToken();
    const repositories = await gh('GET', '/installation/repositories?per_page=1', { token });
    expect(repositories.status).toBe(200);
    expect(repositories.headers.get('link')).toContain('rel="next"');
  });

  it('narrows an installation token to one repository and to repository_advisories', async () => {
    const token = await installationToken({
      repositories: ['cpython'],
      permissions: { repository_advisories: 'write', metadata: 'read' },
    });
    const listed = await json<{ total_count: number }>(gh('GET', '/installation/repositories', { token }));
    expect(listed.total_count).toBe(1);
  });

  it('refuses a bad JWT and an expired installation token (401), and a person listing installation repositories (403)', async () => {
    expect((await gh('GET', '/app', { token: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln' })).status).toBe(401);
    const token = await installationToken();
    sim.control.advance(2 * 60 * 60 * 1000);
    expect((await gh('GET', '/installation/repositories', { token })).status).toBe(401);
    const jwt = appJwt(world, sim.control.now());
    const wrongInstallation = await gh('POST', '/app/installations/999999/access_tokens', { token: jwt });
    expect(wrongInstallation.status).toBe(404);
    expect((await gh('GET', '/installation/repositories', { token: world.admin })).status).toBe(403);
  });
});

describe("signing in with GitHub (the App's OAuth web flow)", () => {
  /** The web flow on github.com's side (not REST, so not recorded): the user access token for `login`. */
  async function userAccessToken(login: string): Promise<string> {
    const callback = 'https://psrt.example.org/signin/callback';
    const { clientSecret } = sim.control.setCallbackUrls(world.app.appId, [callback]);
    const picked = await sim.fetch('https://github.com/login/oauth/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: world.app.clientId, redirect_uri: callback, login }),
    });
    const code = new URL(picked.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const answer = await sim.fetch('https://github.com/login/oauth/access_token', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: world.app.clientId, client_secret: clientSecret, code }),
    });
    return ((await answer.json()) as { access_token: string }).access_token;
  }

  it('GET /user answers the signed-in person to their user access token, and 401 to nobody', async () => {
    const me = await gh('GET', '/user', { token: await userAccessToken('reporter') });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({
      login: 'reporter',
      name: 'Jane Reporter',
      user_view_type: 'private',
    });
    expect((await gh('GET', '/user', { token: world.maintainer })).status).toBe(200);
    expect((await gh('GET', '/user')).status).toBe(401);
  });
});

describe('repository security advisories', () => {
  it('a private report arrives in triage and fires repository_advisory.reported', async () => {
    const response = await gh('POST', `${ADVISORIES}/reports`, {
      token: world.reporter,
      body: {
        summary: draft.summary,
        description: draft.description,
        severity: 'high',
        cwe_ids: ['CWE-122'],
      },
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ state: 'triage', submission: { accepted: false } });
    const received = await deliveries();
    expect(received.map((d) => [d.headers['x-github-event'], JSON.parse(d.body).action])).toEqual([
      ['repository_advisory', 'reported'],
    ]);
  });

  it('setting a webhook sends a signed ping', async () => {
    await sim.control.setWebhook({ url: receiver.url, secret: SECRET });
    const received = await deliveries();
    expect(received.map((d) => d.headers['x-github-event'])).toEqual(['ping']);
  });

  it('the PSRT accepts, closes and reopens a report', async () => {
    const report = await json<{ ghsa_id: string }>(
      gh('POST', `${ADVISORIES}/reports`, {
        token: world.reporter,
        body: { summary: 's', description: 'd' },
      }),
    );
    const path = `${ADVISORIES}/${report.ghsa_id}`;
    expect(await json(gh('PATCH', path, { token: world.admin, body: { state: 'draft' } }))).toMatchObject({
      state: 'draft',
      submission: { accepted: true },
    });
    expect((await json(gh('PATCH', path, { token: world.admin, body: { state: 'closed' } }))).state).toBe(
      'closed',
    );
    expect((await json(gh('PATCH', path, { token: world.admin, body: { state: 'draft' } }))).state).toBe(
      'draft',
    );
  });

  it('lists a repository’s advisories page by page, filtered and sorted', async () => {
    sim.control.addRepo({ owner: 'python', name: 'listing' });
    const listing = '/repos/python/listing/security-advisories';
    for (let i = 0; i < 3; i++)
      expect((await gh('POST', listing, { token: world.admin, body: draft })).status).toBe(201);
    const first = await gh('GET', `${listing}?per_page=2`, { token: world.admin });
    expect(first.status).toBe(200);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await gh('GET', new URL(next as string).pathname + new URL(next as string).search, {
      token: world.admin,
    });
    expect(await json<unknown[]>(second)).toHaveLength(1);
    const filtered = await gh('GET', `${listing}?state=draft&sort=updated&direction=asc`, {
      token: world.admin,
    });
    expect(await json<unknown[]>(filtered)).toHaveLength(3);
  });

  it('lists the organization’s advisories with an installation token (write), with a Link header', async () => {
    for (let i = 0; i < 2; i++) await createDraft();
    const token = await installationToken();
    const response = await gh('GET', '/orgs/python/security-advisories?per_page=1&state=draft', { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toContain('rel="next"');
  });

  it('creates a draft, reads it, edits it the way psrt does, and publishes it', async () => {
    const ghsa = await createDraft();
    const path = `${ADVISORIES}/${ghsa}`;
    expect((await gh('GET', path, { token: world.admin })).status).toBe(200);
    const token = await installationToken();
    const edited = await json(
      gh('PATCH', path, {
        token,
        body: {
          cve_id: 'CVE-2026-1234',
          collaborating_teams: ['psrt'],
          collaborating_users: ['reporter'],
          credits: [{ login: 'reporter', type: 'finder' }],
          vulnerabilities: [
            {
              package: { ecosystem: 'pip', name: 'cpython' },
              vulnerable_version_range: '< 3.13.1',
              patched_versions: '3.13.1',
              vulnerable_functions: ['tarfile.TarFile.extractall'],
            },
          ],
        },
      }),
    );
    expect(edited).toMatchObject({ cve_id: 'CVE-2026-1234', collaborating_teams: [{ slug: 'psrt' }] });
    const vector = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    const scored = await json(
      gh('PATCH', path, { token: world.admin, body: { cvss_vector_string: vector } }),
    );
    expect(scored.cvss_severities).toMatchObject({ cvss_v4: { vector_string: vector } });
    expect((await json(gh('PATCH', path, { token: world.admin, body: { cve_id: null } }))).cve_id).toBeNull();
    const published = await json(gh('PATCH', path, { token: world.admin, body: { state: 'published' } }));
    expect(published.state).toBe('published');
    const received = await deliveries();
    expect(received.map((d) => JSON.parse(d.body).action)).toContain('published');
    const back = await gh('PATCH', path, { token: world.admin, body: { state: 'draft' } });
    expect(back.status).toBe(422);
  });

  it('requests a CVE (202 {}) and a temporary private fork (202), whose pull requests psrt reads', async () => {
    const ghsa = await createDraft();
    const cve = await gh('POST', `${ADVISORIES}/${ghsa}/cve`, { token: world.admin });
    expect([cve.status, await cve.json()]).toEqual([202, {}]);
    const fork = await gh('POST', `${ADVISORIES}/${ghsa}/forks`, { token: world.admin });
    expect(fork.status).toBe(202);
    const forkName = (await json<{ name: string }>(fork)).name;
    sim.control.addPullRequest({
      owner: 'python',
      repo: forkName,
      title: 'Fix heap overflow in tarfile',
      user: 'gpshead',
      files: [{ filename: 'Lib/tarfile.py', status: 'modified', additions: 3, deletions: 1 }],
    });
    const token = await installationToken();
    const pulls = await gh('GET', `/repos/python/${forkName}/pulls?state=open&base=main`, { token });
    expect(await json<unknown[]>(pulls)).toHaveLength(1);
    expect((await gh('POST', `${ADVISORIES}/${ghsa}/forks`, { token: world.admin })).status).toBe(422);
    sim.control.assignCve({ owner: 'python', repo: 'cpython', ghsaId: ghsa });
    const advisory = await json(gh('GET', `${ADVISORIES}/${ghsa}`, { token: world.admin }));
    expect(advisory.private_fork).toMatchObject({ name: forkName, private: true });
    expect(advisory.identifiers).toContainEqual({ type: 'CVE', value: advisory.cve_id });
  });

  it('answers 422 for contradicting fields, 404 for what the caller may not see, 403 without write access', async () => {
    const both = await gh('POST', ADVISORIES, {
      token: world.admin,
      body: { ...draft, cvss_vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    });
    expect(both.status).toBe(422);
    const ghsa = await createDraft();
    expect((await gh('GET', `${ADVISORIES}/${ghsa}`, { token: world.outsider })).status).toBe(404);
    expect((await gh('GET', `${ADVISORIES}/GHSA-2222-3333-4444`, { token: world.admin })).status).toBe(404);
    const readOnly = await installationToken({ permissions: { repository_advisories: 'read' } });
    expect(
      (await gh('PATCH', `${ADVISORIES}/${ghsa}`, { token: readOnly, body: { summary: 'x' } })).status,
    ).toBe(403);
    expect((await gh('POST', ADVISORIES, { token: world.outsider, body: draft })).status).toBe(403);
  });

  it('answers requests that break the description: an unknown key (422), page on a cursor list (400)', async () => {
    const unknownKey = await github.fetchInvalid('`title` is not a field', `${API}${ADVISORIES}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...draft, title: 'x' }),
    });
    expect(unknownKey.status).toBe(422);
    const paged = await github.fetchInvalid('cursor lists take no page', `${API}${ADVISORIES}?page=2`, {
      headers: { authorization: `Bearer ${world.admin}` },
    });
    expect(paged.status).toBe(400);
  });

  it('anyone reads a published advisory of a public repository, in either API version', async () => {
    const ghsa = await createDraft();
    const path = `${ADVISORIES}/${ghsa}`;
    expect((await gh('PATCH', path, { token: world.admin, body: { state: 'published' } })).status).toBe(200);
    expect((await gh('GET', path)).status).toBe(200);
    expect((await gh('GET', `${ADVISORIES}?state=published&per_page=100`)).status).toBe(200);
    const v2026 = { headers: { 'x-github-api-version': '2026-03-10' } };
    expect(await json(gh('GET', path, v2026))).not.toHaveProperty('cvss');
    expect((await gh('GET', `${ADVISORIES}?state=published`, v2026)).status).toBe(200);
  });

  it('refuses to set a severity while a CVSS vector is set, as documented (422)', async () => {
    const ghsa = await createDraft(world.admin, {
      ...draft,
      severity: undefined,
      cvss_vector_string: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });
    const response = await gh('PATCH', `${ADVISORIES}/${ghsa}`, {
      token: world.admin,
      body: { severity: 'low' },
    });
    expect(response.status).toBe(422);
    expect((await json(response)).message).toBe('Cannot update severity value when CVSS is set.');
  });

  it('answers 401 for bad credentials', async () => {
    const response = await gh('GET', `${ADVISORIES}?state=draft`, {
      token: 'ghp_notARealTokenAtAll0000000000000000000',
    });
    expect(response.status).toBe(401);
    expect((await gh('GET', `/orgs/python/security-advisories`, {})).status).toBe(401);
  });

  it('answers 304 to a conditional request for an unchanged advisory or list', async () => {
    const ghsa = await createDraft();
    for (const path of [`${ADVISORIES}/${ghsa}`, `${ADVISORIES}?state=draft`]) {
      const first = await gh('GET', path, { token: world.admin });
      const etag = first.headers.get('etag') ?? '';
      const again = await gh('GET', path, { token: world.admin, headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
  });
});

describe('the GitHub Advisory Database (global advisories)', () => {
  async function publishedAndReviewed(body: Record<string, unknown> = draft): Promise<string> {
    const ghsa = await createDraft(world.admin, body);
    const published = await gh('PATCH', `${ADVISORIES}/${ghsa}`, {
      token: world.admin,
      body: { state: 'published' },
    });
    expect(published.status).toBe(200);
    sim.control.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId: ghsa });
    return ghsa;
  }

  it('a published advisory appears in GET /advisories once GitHub reviews it, and fires security_advisory published, updated and withdrawn', async () => {
    const ghsa = await createDraft();
    const path = `${ADVISORIES}/${ghsa}`;
    expect((await gh('PATCH', path, { token: world.admin, body: { state: 'published' } })).status).toBe(200);
    expect((await gh('GET', `/advisories/${ghsa}`)).status).toBe(404);
    const ref = { owner: 'python', repo: 'cpython', ghsaId: ghsa };
    sim.control.reviewAdvisory(ref);
    const entry = await json(gh('GET', `/advisories/${ghsa}`));
    expect(entry).toMatchObject({ ghsa_id: ghsa, type: 'reviewed', withdrawn_at: null });
    expect(entry.repository_advisory_url).toContain(path);
    const v2026 = await json(
      gh('GET', `/advisories/${ghsa}`, { headers: { 'x-github-api-version': '2026-03-10' } }),
    );
    expect(v2026).not.toHaveProperty('cvss');
    const token = await installationToken();
    const found = await gh(
      'GET',
      `/advisories?ghsa_id=${ghsa}&type=reviewed&ecosystem=pip&affects=cpython@3.13.0`,
      {
        token,
      },
    );
    expect((await json<{ ghsa_id: string }[]>(found)).map((a) => a.ghsa_id)).toEqual([ghsa]);
    sim.control.advance(60_000);
    sim.control.reviewAdvisory(ref);
    sim.control.withdrawAdvisory(ref);
    const withdrawn = await gh(
      'GET',
      `/advisories?ghsa_id=${ghsa}&is_withdrawn=true&sort=updated&direction=desc`,
    );
    expect(await json<unknown[]>(withdrawn)).toHaveLength(1);
    const received = await deliveries();
    expect(
      received
        .filter((d) => d.headers['x-github-event'] === 'security_advisory')
        .map((d) => JSON.parse(d.body).action),
    ).toEqual(['published', 'updated', 'withdrawn']);
  });

  it('lists the Advisory Database page by page, with cursors from the Link header', async () => {
    const listed = { ...draft, vulnerabilities: [{ package: { ecosystem: 'pip', name: 'global-listing' } }] };
    for (let i = 0; i < 3; i++) await publishedAndReviewed(listed);
    const first = await gh('GET', '/advisories?affects=global-listing&per_page=2');
    expect(await json<unknown[]>(first)).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await gh('GET', new URL(next as string).pathname + new URL(next as string).search);
    expect(await json<unknown[]>(second)).toHaveLength(1);
  });

  it('answers 404 for an unknown GHSA id and 422 for a query it cannot read', async () => {
    expect((await gh('GET', '/advisories/GHSA-2222-3333-4444')).status).toBe(404);
    const invalid = await github.fetchInvalid('not an ecosystem', `${API}/advisories?ecosystem=cobol`, {
      headers: { accept: 'application/vnd.github+json' },
    });
    expect(invalid.status).toBe(422);
    expect((await json<{ errors: string[] }>(invalid)).errors).toHaveLength(1);
  });
});

describe('private vulnerability reporting settings', () => {
  it('an admin reads, disables and enables private vulnerability reporting', async () => {
    const path = '/repos/python/cpython/private-vulnerability-reporting';
    expect(await json(gh('GET', path, { token: world.admin }))).toEqual({ enabled: true });
    expect((await gh('DELETE', path, { token: world.admin })).status).toBe(204);
    expect(await json(gh('GET', path, { token: world.admin }))).toEqual({ enabled: false });
    expect((await gh('PUT', path, { token: world.admin })).status).toBe(204);
  });
});

describe('advisory comments (public preview, not in the description)', () => {
  it('lists, creates, reads and edits comments', async () => {
    const ghsa = await createDraft();
    const comments = `${ADVISORIES}/${ghsa}/comments`;
    const created = await json<{ id: number }>(
      gh('POST', comments, { token: world.admin, body: { body: 'Thanks!' } }),
    );
    expect((await gh('GET', `${comments}?per_page=10`, { token: world.admin })).status).toBe(200);
    expect((await gh('GET', `${comments}/${created.id}`, { token: world.admin })).status).toBe(200);
    const edited = await gh('PATCH', `${comments}/${created.id}`, {
      token: world.admin,
      body: { body: 'Thank you!' },
    });
    expect(edited.status).toBe(200);
  });
});

describe('teams, memberships and permissions', () => {
  it('reads the PSRT team and its members, child teams included', async () => {
    const token = await installationToken();
    expect((await gh('GET', '/orgs/python/teams/psrt', { token })).status).toBe(200);
    const members = await gh('GET', '/orgs/python/teams/psrt/members?per_page=2&role=all', { token });
    expect(members.headers.get('link')).toContain('rel="next"');
    expect((await gh('GET', '/orgs/python/teams/psrt/members?role=maintainer', { token })).status).toBe(200);
    const child = await json(gh('GET', '/orgs/python/teams/psrt-triage', { token }));
    expect(child.parent).toMatchObject({ slug: 'psrt' });
    expect((await gh('GET', '/orgs/python/teams/nobody', { token })).status).toBe(404);
  });

  it('checks a membership: 200 for a member, 404 for anyone else', async () => {
    const token = await installationToken();
    expect((await gh('GET', '/orgs/python/teams/psrt/memberships/gpshead', { token })).status).toBe(200);
    expect((await gh('GET', '/orgs/python/teams/psrt/memberships/outsider', { token })).status).toBe(404);
  });

  it('adds (active or pending) and removes members; a member who is not a maintainer may not (403)', async () => {
    const path = '/orgs/python/teams/psrt/memberships';
    expect(
      (await json(gh('PUT', `${path}/hugovk`, { token: world.admin, body: { role: 'member' } }))).state,
    ).toBe('active');
    expect((await json(gh('PUT', `${path}/outsider`, { token: world.admin, body: {} }))).state).toBe(
      'pending',
    );
    expect((await gh('DELETE', `${path}/hugovk`, { token: world.admin })).status).toBe(204);
    const member = sim.control.userToken('hugovk');
    expect((await gh('PUT', `${path}/outsider`, { token: member, body: {} })).status).toBe(403);
  });

  it('reads a collaborator’s permission: admin, write (maintain), read, and 404 for nobody', async () => {
    const token = await installationToken();
    const permission = (login: string) =>
      json(gh('GET', `/repos/python/cpython/collaborators/${login}/permission`, { token }));
    expect((await permission('sethmlarson')).permission).toBe('admin');
    expect(await permission('hugovk')).toMatchObject({ permission: 'write', role_name: 'maintain' });
    expect((await permission('outsider')).permission).toBe('read');
    expect(
      (await gh('GET', '/repos/python/cpython/collaborators/no-such-user/permission', { token })).status,
    ).toBe(404);
  });
});

describe('CODEOWNERS and pull requests', () => {
  it('reads CODEOWNERS as a content object and raw, a folder, and 404 for a missing file', async () => {
    const token = await installationToken();
    const path = '/repos/python/cpython/contents/.github/CODEOWNERS?ref=main';
    const file = await json<{ content: string }>(gh('GET', path, { token }));
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe(CODEOWNERS);
    const raw = await gh('GET', path, { token, headers: { accept: 'application/vnd.github.raw+json' } });
    expect(await raw.text()).toBe(CODEOWNERS);
    expect((await gh('GET', '/repos/python/cpython/contents/.github', { token })).status).toBe(200);
    expect((await gh('GET', '/repos/python/cpython/contents/docs/CODEOWNERS', { token })).status).toBe(404);
  });

  it("lists the CODEOWNERS file's errors, and 404 for a repository without one", async () => {
    const token = await installationToken();
    const listed = await gh('GET', '/repos/python/cpython/codeowners/errors', { token });
    expect(listed.status).toBe(200);
    expect(Array.isArray(((await listed.json()) as { errors: unknown }).errors)).toBe(true);
    const missing = await gh('GET', '/repos/python/internal-tools/codeowners/errors', { token });
    expect(missing.status).toBe(404);
  });

  it('answers 304 for unchanged contents and pull requests', async () => {
    sim.control.addPullRequest({ owner: 'python', repo: 'cpython', title: 'Fix', user: 'gpshead' });
    const token = await installationToken();
    for (const path of ['/repos/python/cpython/contents/.github/CODEOWNERS', '/repos/python/cpython/pulls']) {
      const etag = (await gh('GET', path, { token })).headers.get('etag') ?? '';
      expect((await gh('GET', path, { token, headers: { 'if-none-match': etag } })).status).toBe(304);
    }
  });

  it('lists pull requests by state, base and head, and a pull request’s files page by page', async () => {
    const files = [
      { filename: 'Lib/tarfile.py', status: 'modified' as const, additions: 3, deletions: 1 },
      { filename: 'Lib/test/test_tarfile.py', status: 'modified' as const, additions: 20, deletions: 0 },
      { filename: 'Misc/NEWS.d/next/Security/fix.rst', status: 'added' as const, additions: 2, deletions: 0 },
    ];
    const { number } = sim.control.addPullRequest({
      owner: 'python',
      repo: 'cpython',
      title: 'gh-1: Fix tarfile',
      user: 'gpshead',
      head: { ref: 'fix-tarfile' },
      files,
    });
    const token = await installationToken();
    const list = await gh(
      'GET',
      '/repos/python/cpython/pulls?state=all&base=main&head=python:fix-tarfile&per_page=10',
      {
        token,
      },
    );
    expect(await json<unknown[]>(list)).toHaveLength(1);
    const page = await gh('GET', `/repos/python/cpython/pulls/${number}/files?per_page=2`, { token });
    expect(page.headers.get('link')).toContain('rel="next"');
  });
});

describe('rate limits', () => {
  it('reports the limits in both API versions, without spending them', async () => {
    const token = await installationToken();
    expect((await gh('GET', '/rate_limit', { token })).status).toBe(200);
    const v2026 = await json(
      gh('GET', '/rate_limit', { token, headers: { 'x-github-api-version': '2026-03-10' } }),
    );
    expect(v2026.rate).toBeUndefined();
  });

  it('answers 403 once the primary limit is spent', async () => {
    const ghsa = await createDraft();
    const limits = sim.control.configure({}).rateLimits;
    sim.control.configure({ rateLimits: { ...limits, user: 1 } });
    try {
      let response = await gh('GET', `${ADVISORIES}/${ghsa}`, { token: world.maintainer });
      for (let i = 0; i < 3 && response.status !== 403; i++) {
        response = await gh('GET', `${ADVISORIES}/${ghsa}`, { token: world.maintainer });
      }
      expect(response.status).toBe(403);
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      sim.control.configure({ rateLimits: limits });
    }
  });
});

// The rest of what the psrt bot reads and writes (issues, commits, merges, the community profile
// and their webhooks) is in github-bot-sim.test.ts; these two are here because this file checks
// that every allow-list entry is used, and these need theirs.
describe('the bot’s issue search and merges', () => {
  it('the App merges a pull request: pull_request closed (merged), and a push from its bot', async () => {
    const control = sim.control;
    control.pushCommit({
      as: 'hugovk',
      owner: 'python',
      repo: 'cpython',
      branch: 'fix-merge',
      message: 'Fix',
      files: { 'Lib/merge.py': 'm\n' },
    });
    const pull = control.openPullRequest({
      as: 'hugovk',
      owner: 'python',
      repo: 'cpython',
      title: 'Fix',
      head: 'fix-merge',
    });
    const token = await installationToken();
    const merged = await gh('PUT', `/repos/python/cpython/pulls/${pull.number}/merge`, {
      token,
      body: { merge_method: 'squash' },
    });
    expect(await json(merged)).toMatchObject({ merged: true });
    expect(await deliveries()).toHaveLength(4);
    // Deliveries arrive in any order; the simulator's record has the order they were sent in.
    const sent = sim.control.deliveries().slice(-4);
    expect(sent.map((d) => `${d.event}:${d.action ?? ''}`)).toEqual([
      'push:',
      'pull_request:opened',
      'pull_request:closed',
      'push:',
    ]);
    expect(JSON.parse(sent[3]?.request.payload ?? '{}').pusher.name).toBe('psrt-bot[bot]');
  });

  it('finds issues mentioning an id, page by page with a Link header, in the search bucket', async () => {
    for (const title of ['CVE-2026-4242 in tarfile?', 'Also CVE-2026-4242']) {
      sim.control.openIssue({ as: 'outsider', owner: 'python', repo: 'cpython', title });
    }
    const token = await installationToken();
    const first = await gh(
      'GET',
      `/search/issues?q=${encodeURIComponent('repo:python/cpython is:issue CVE-2026-4242')}&per_page=1`,
      {
        token,
      },
    );
    expect(first.headers.get('x-ratelimit-resource')).toBe('search');
    expect(first.headers.get('link')).toContain('rel="next"');
    expect(await json(first)).toMatchObject({ total_count: 2, incomplete_results: false });
    const unsupported = await gh('GET', `/search/issues?q=${encodeURIComponent('milestone:3.14')}`, {
      token,
    });
    expect(unsupported.status).toBe(422);
  });

  it("searches an organisation's public issues and pull requests updated lately, newest first, as the leak guard does", async () => {
    sim.control.openIssue({ as: 'outsider', owner: 'python', repo: 'cpython', title: 'Lately' });
    const token = await installationToken();
    const since = new Date(Date.now() - 7_200_000).toISOString().slice(0, 16);
    const q = encodeURIComponent(`org:python is:public updated:>=${since}:00Z`);
    const found = await json(
      gh('GET', `/search/issues?q=${q}&sort=updated&order=desc&per_page=100&page=1`, { token }),
    );
    const titles = (found as { items: { title: string }[] }).items.map((item) => item.title);
    expect(titles).toContain('Lately');
  });
});

// Branches, tags and comparisons psrt reads for fixed versions are in github-releases-sim.test.ts;
// a paged comparison is here because its Link needs an allow-list entry.
describe('comparing commits', () => {
  it('pages the commits of a comparison with a Link header', async () => {
    const control = sim.control;
    control.addTag({ owner: 'python', repo: 'cpython', tag: 'v3.15.0a1', ref: 'main' });
    for (const n of [1, 2]) {
      control.pushCommit({
        as: 'sethmlarson',
        owner: 'python',
        repo: 'cpython',
        message: `Change ${n}`,
        files: { [`Lib/change${n}.py`]: `${n}\n` },
      });
    }
    const token = await installationToken();
    const first = await gh('GET', '/repos/python/cpython/compare/v3.15.0a1...main?per_page=1', { token });
    expect(first.headers.get('link')).toContain('rel="next"');
    expect(await json(first)).toMatchObject({ status: 'ahead', ahead_by: 2, total_commits: 2 });
  });
});

describe('the allow-list', () => {
  it('has no entry this suite did not need, for REST or for webhooks', () => {
    github.expectNoStaleAllowances();
    expect(formatStaleAllowances(webhookConformance())).toBeUndefined();
  });
});
