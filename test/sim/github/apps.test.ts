import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jwt from './jwt.ts';
import { expectConformant, report, world } from './support.ts';

function setup() {
  const w = world();
  for (let i = 0; i < 4; i++) w.c.addRepo({ owner: 'python', name: `lib${i}` });
  const app = w.app({
    name: 'PSRT bot',
    permissions: { repository_advisories: 'write', members: 'read', contents: 'read', pull_requests: 'read' },
    events: ['repository_advisory'],
    installations: [{ account: 'python', repositories: 'all' }],
  });
  const installation = app.installations[0]?.id ?? 0;
  const appToken = (claims = {}) => jwt(app.appId, app.privateKey, w.c.now(), claims);
  const mint = async (body?: unknown) =>
    w.call('POST', `/app/installations/${installation}/access_tokens`, { token: appToken(), body });
  return { w, app, installation, appToken, mint };
}

function scenario(fn: (s: ReturnType<typeof setup>) => Promise<void>) {
  return async () => {
    const s = setup();
    await fn(s);
    expectConformant(s.w);
  };
}

const message = (r: { body: { message: string } }) => r.body.message;

describe('App JWTs', () => {
  it(
    'a well-formed JWT reads the App, by numeric id or by client id',
    scenario(async ({ w, app, appToken }) => {
      const byId = await w.call('GET', '/app', { token: appToken() });
      expect(byId.status).toBe(200);
      expect(byId.body).toMatchObject({
        id: app.appId,
        slug: 'psrt-bot',
        client_id: app.clientId,
        installations_count: 1,
      });
      const byClientId = await w.call('GET', '/app', { token: jwt(app.clientId, app.privateKey, w.c.now()) });
      expect(byClientId.status).toBe(200);
    }),
  );

  it(
    'refuses a JWT signed with another key, or not a JWT at all',
    scenario(async ({ w, app }) => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const forged = jwt(
        app.appId,
        privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        w.c.now(),
      );
      const r = await w.call('GET', '/app', { token: forged });
      expect(r.status).toBe(401);
      expect(message(r)).toBe('A JSON web token could not be decoded');
      const pat = await w.call('GET', '/app', { token: w.tokens.ned });
      expect(message(pat)).toBe('A JSON web token could not be decoded');
    }),
  );

  it(
    'refuses exp more than ten minutes after iat, an expired exp, and an iat in the future',
    scenario(async ({ w, appToken }) => {
      const now = Math.floor(w.c.now().getTime() / 1000);
      const tooLong = await w.call('GET', '/app', { token: appToken({ iat: now - 60, exp: now + 600 }) });
      expect(tooLong.status).toBe(401);
      expect(message(tooLong)).toBe("'Expiration time' claim ('exp') is too far in the future");
      const expired = await w.call('GET', '/app', { token: appToken({ iat: now - 800, exp: now - 200 }) });
      expect(message(expired)).toBe(
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      );
      const future = await w.call('GET', '/app', { token: appToken({ iat: now + 120, exp: now + 600 }) });
      expect(message(future)).toBe(
        "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
      );
      // Sixty seconds of skew either way is tolerated.
      const skewed = await w.call('GET', '/app', { token: appToken({ iat: now + 50, exp: now + 600 }) });
      expect(skewed.status).toBe(200);
      // The Date header carries the simulator's clock, which is how clients measure skew.
      expect(new Date(skewed.headers.get('date') ?? '').toISOString()).toBe('2026-11-24T10:00:00.000Z');
    }),
  );
});

describe('installations', () => {
  it(
    'are listed for the App and found by repository and by organization',
    scenario(async ({ w, app, installation, appToken }) => {
      const list = await w.call('GET', '/app/installations', { token: appToken() });
      expect(list.body).toMatchObject([
        {
          id: installation,
          app_id: app.appId,
          account: { login: 'python', type: 'Organization' },
          target_type: 'Organization',
        },
      ]);
      expect(list.body[0].permissions.repository_advisories).toBe('write');
      const byRepo = await w.call('GET', '/repos/python/cpython/installation', { token: appToken() });
      expect(byRepo.body.id).toBe(installation);
      const byOrg = await w.call('GET', '/orgs/python/installation', { token: appToken() });
      expect(byOrg.body.id).toBe(installation);
      const one = await w.call('GET', `/app/installations/${installation}`, { token: appToken() });
      expect(one.body.id).toBe(installation);
      const elsewhere = await w.call('GET', '/repos/alice/nothing/installation', { token: appToken() });
      expect(elsewhere.status).toBe(404);
    }),
  );

  it(
    'give 201 ghs_ tokens of varying length that expire after one hour with 401 Bad credentials',
    scenario(async ({ w, mint }) => {
      const first = await mint();
      expect(first.status).toBe(201);
      expect(first.body.token).toMatch(/^ghs_[A-Za-z0-9._-]{36,}$/);
      expect(first.body.expires_at).toBe('2026-11-24T11:00:00Z');
      expect(first.body.repository_selection).toBe('all');
      const lengths = new Set<number>([first.body.token.length]);
      for (let i = 0; i < 5; i++) lengths.add((await mint()).body.token.length);
      expect(lengths.size).toBeGreaterThan(1);
      const ok = await w.call('GET', '/repos/python/cpython/security-advisories', {
        token: first.body.token,
      });
      expect(ok.status).toBe(200);
      w.c.advance(3_600_000);
      const stale = await w.call('GET', '/repos/python/cpython/security-advisories', {
        token: first.body.token,
      });
      expect(stale.status).toBe(401);
      expect(stale.body).toEqual({
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }),
  );

  it(
    'can be narrowed to some repositories and permissions but not widened',
    scenario(async ({ w, mint }) => {
      const narrow = await mint({
        repositories: ['cpython'],
        permissions: { repository_advisories: 'read' },
      });
      expect(narrow.status).toBe(201);
      expect(narrow.body).toMatchObject({
        permissions: { repository_advisories: 'read' },
        repository_selection: 'selected',
        repositories: [{ full_name: 'python/cpython' }],
      });
      const repos = await w.call('GET', '/installation/repositories', { token: narrow.body.token });
      expect(repos.body.total_count).toBe(1);
      const patch = await w.call('POST', '/repos/python/cpython/security-advisories', {
        token: narrow.body.token,
        body: { summary: 's', description: 'd', vulnerabilities: [] },
      });
      expect(patch.status).toBe(403);
      const wider = await mint({ permissions: { administration: 'write' } });
      expect(wider.status).toBe(422);
      expect(message(wider)).toBe('The permissions requested are not granted to this installation.');
      const elsewhere = await mint({ repositories: ['not-there'] });
      expect(elsewhere.status).toBe(422);
    }),
  );

  it(
    'list their repositories page by page with first, prev, next and last links',
    scenario(async ({ w, mint }) => {
      const { token } = (await mint()).body;
      const first = await w.call('GET', '/installation/repositories?per_page=2', { token });
      expect(first.body.total_count).toBe(6);
      expect(first.body.repositories).toHaveLength(2);
      const link = first.headers.get('link') ?? '';
      expect(link).toContain('rel="next"');
      expect(link).toContain('rel="last"');
      expect(link).not.toContain('rel="prev"');
      const names: string[] = [];
      let next: string | undefined = '/installation/repositories?per_page=2';
      while (next) {
        const page = await w.call('GET', next, { token });
        names.push(...page.body.repositories.map((r: { name: string }) => r.name));
        next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
        if (!next) expect(page.headers.get('link')).toMatch(/rel="prev".*rel="first"/);
      }
      expect(names).toEqual(['cpython', 'secret-tool', 'lib0', 'lib1', 'lib2', 'lib3']);
      const asUser = await w.call('GET', '/installation/repositories', { token: w.tokens.ned });
      expect(asUser.status).toBe(403);
    }),
  );

  it(
    'an installation token reads unpublished advisories and acts as the App’s bot',
    scenario(async ({ w, mint }) => {
      const a = await report(w);
      const { token } = (await mint()).body;
      const r = await w.call('PATCH', `/repos/python/cpython/security-advisories/${a.ghsa_id}`, {
        token,
        body: { state: 'draft', collaborating_teams: ['psrt'] },
      });
      expect(r.status).toBe(200);
      const published = await w.call('PATCH', `/repos/python/cpython/security-advisories/${a.ghsa_id}`, {
        token,
        body: { state: 'published' },
      });
      expect(published.body.publisher).toMatchObject({ login: 'psrt-bot[bot]', type: 'Bot' });
    }),
  );

  it(
    'an installation without repository_advisories gets 403 Resource not accessible by integration',
    scenario(async ({ w }) => {
      const other = w.app({
        name: 'contents-only',
        permissions: { contents: 'read' },
        installations: [{ account: 'python', repositories: ['cpython'] }],
      });
      const minted = await w.call('POST', `/app/installations/${other.installations[0]?.id}/access_tokens`, {
        token: jwt(other.appId, other.privateKey, w.c.now()),
      });
      const r = await w.call('GET', '/repos/python/cpython/security-advisories', {
        token: minted.body.token,
      });
      expect(r.status).toBe(403);
      expect(message(r)).toBe('Resource not accessible by integration');
      const contents = await w.call('GET', '/repos/python/cpython/contents/README.rst', {
        token: minted.body.token,
      });
      expect(contents.status).toBe(200);
    }),
  );

  it(
    'can mint classic 40-character tokens when the stateless format is switched off',
    scenario(async ({ w, installation, appToken }) => {
      const r = await w.call('POST', `/app/installations/${installation}/access_tokens`, {
        token: appToken(),
        headers: { 'x-github-stateless-s2s-token': 'disabled' },
      });
      expect(r.body.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    }),
  );
});

describe('a clock for credentials of its own (the sandbox replaying its stories)', () => {
  it('checks App JWTs and installation tokens on it, and dates its answers by it, while the simulator acts months back', async () => {
    const real = new Date('2026-06-15T12:00:00.000Z');
    let simulated = real;
    const w = world({ now: () => simulated, credentialsNow: () => real });
    const app = w.app({
      name: 'PSRT bot',
      permissions: { repository_advisories: 'write' },
      installations: [{ account: 'python', repositories: 'all' }],
    });
    simulated = new Date(real.getTime() - 90 * 24 * 3_600_000);
    const minted = await w.call('POST', `/app/installations/${app.installations[0]?.id}/access_tokens`, {
      token: jwt(app.appId, app.privateKey, real),
    });
    expect(minted.status).toBe(201);
    expect(minted.body.expires_at).toBe('2026-06-15T13:00:00Z');
    expect(minted.headers.get('date')).toBe(real.toUTCString());
    const listed = await w.call('GET', '/repos/python/cpython/security-advisories', {
      token: minted.body.token,
    });
    expect(listed.status).toBe(200);

    // Without it, the same JWT is from three months in the simulator's future.
    const plain = world({ now: () => simulated });
    const other = plain.app({
      name: 'PSRT bot',
      permissions: { repository_advisories: 'write' },
      installations: [{ account: 'python', repositories: 'all' }],
    });
    const refused = await plain.call(
      'POST',
      `/app/installations/${other.installations[0]?.id}/access_tokens`,
      {
        token: jwt(other.appId, other.privateKey, real),
      },
    );
    expect(refused.status).toBe(401);
  });
});
