import { describe, expect, it } from 'vitest';
import { expectConformant, report, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>, options: Parameters<typeof world>[0] = {}) {
  return async () => {
    const w = world(options);
    await fn(w);
    expectConformant(w);
  };
}

const remaining = (r: { headers: Headers }) => Number(r.headers.get('x-ratelimit-remaining'));

describe('conditional requests', () => {
  it(
    'a matching If-None-Match gets an empty 304 that does not count against the limit',
    scenario(async (w) => {
      const url = '/repos/python/cpython/security-advisories';
      const first = await w.call('GET', url, { token: w.tokens.ned });
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
      const again = await w.call('GET', url, { token: w.tokens.ned, headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(remaining(again)).toBe(remaining(first));
      expect(again.headers.get('etag')).toBe(etag);
    }),
  );

  it(
    'the ETag changes when the representation does, and with the token',
    scenario(async (w) => {
      const url = '/repos/python/cpython/security-advisories';
      const before = await w.call('GET', url, { token: w.tokens.ned });
      await report(w);
      const after = await w.call('GET', url, {
        token: w.tokens.ned,
        headers: { 'if-none-match': before.headers.get('etag') ?? '' },
      });
      expect(after.status).toBe(200);
      const otherToken = await w.call('GET', url, {
        token: w.c.userToken('ned'),
        headers: { 'if-none-match': after.headers.get('etag') ?? '' },
      });
      expect(otherToken.status).toBe(200);
    }),
  );
});

describe('primary rate limits', () => {
  it(
    'every response carries the x-ratelimit headers, even an error',
    scenario(async (w) => {
      for (const r of [
        await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned }),
        await w.call('GET', '/repos/python/nothing'),
        await w.call('GET', '/repos/python/cpython', { token: 'ghp_notatoken' }),
      ]) {
        for (const name of ['limit', 'remaining', 'used', 'reset', 'resource']) {
          expect(r.headers.get(`x-ratelimit-${name}`)).not.toBeNull();
        }
      }
    }),
  );

  it(
    'anonymous callers get 60 an hour, then 403 with remaining 0 until the reset',
    scenario(async (w) => {
      let last = await w.call('GET', '/repos/python/cpython');
      expect(last.headers.get('x-ratelimit-limit')).toBe('60');
      for (let i = 1; i < 60; i++) last = await w.call('GET', '/repos/python/cpython');
      expect(remaining(last)).toBe(0);
      const refused = await w.call('GET', '/repos/python/cpython');
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/^API rate limit exceeded for 127\.0\.0\.1\./);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(refused.headers.get('x-ratelimit-reset'));
      expect(reset).toBe(Date.parse('2026-11-24T11:00:00Z') / 1000);
      const overview = await w.call('GET', '/rate_limit');
      expect(overview.status).toBe(200);
      expect(overview.body.resources.core).toMatchObject({ limit: 60, remaining: 0, used: 60 });
      expect(overview.body.rate).toEqual(overview.body.resources.core);
      w.c.advance(3_600_000);
      expect((await w.call('GET', '/repos/python/cpython')).status).toBe(200);
    }),
  );

  it(
    'the limit is per identity and configurable; GET /rate_limit does not count',
    scenario(
      async (w) => {
        await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned });
        await w.call('GET', '/repos/python/cpython', { token: w.c.userToken('ned') });
        const overview = await w.call('GET', '/rate_limit', { token: w.tokens.ned });
        expect(overview.body.resources.core).toMatchObject({ limit: 3, used: 2, remaining: 1 });
        await w.call('GET', '/rate_limit', { token: w.tokens.ned });
        const third = await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned });
        expect(third.status).toBe(200);
        const fourth = await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned });
        expect(fourth.status).toBe(403);
        expect(fourth.body.message).toMatch(/^API rate limit exceeded for user ID \d+\.$/);
        expect((await w.call('GET', '/repos/python/cpython', { token: w.tokens.pablo })).status).toBe(200);
      },
      { config: { rateLimits: { user: 3, installation: 5000, app: 5000, anonymous: 60 } } },
    ),
  );

  it(
    'can count per token instead, for clients that assume GitHub does',
    scenario(
      async (w) => {
        const second = w.c.userToken('ned');
        await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned });
        const other = await w.call('GET', '/repos/python/cpython', { token: second });
        expect(other.headers.get('x-ratelimit-used')).toBe('1');
      },
      { config: { rateLimitScope: 'token' } },
    ),
  );
});

describe('injected faults', () => {
  it(
    'a status fault answers with GitHub’s error body the given number of times',
    scenario(async (w) => {
      w.c.injectFault({
        match: { method: 'GET', path: '/repos/python/cpython' },
        kind: 'status',
        status: 503,
        times: 2,
      });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await w.call('GET', '/repos/python/cpython')).status);
      expect(statuses).toEqual([503, 503, 200]);
      w.c.injectFault({ match: { path: '^/repos/python/[^/]+/pulls$' }, kind: 'status' });
      const r = await w.call('GET', '/repos/python/cpython/pulls');
      expect(r.status).toBe(502);
      expect(r.body).toEqual({
        message: 'Server Error',
        documentation_url: 'https://docs.github.com/rest',
        status: '502',
      });
      w.c.clearFaults();
      expect((await w.call('GET', '/repos/python/cpython/pulls')).status).toBe(200);
    }),
  );

  it(
    'latency delays the answer',
    scenario(async (w) => {
      w.c.injectFault({ match: { path: /^\/rate_limit$/ }, kind: 'latency', ms: 150, times: 1 });
      const started = performance.now();
      const r = await w.call('GET', '/rate_limit');
      expect(r.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    }),
  );

  it(
    'a primary limit fault looks exhausted, a secondary one says when to retry',
    scenario(async (w) => {
      w.c.injectFault({ match: { path: '/repos/python/cpython' }, kind: 'rate-limit', times: 1 });
      const primary = await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned });
      expect(primary.status).toBe(403);
      expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(primary.body.message).toMatch(/^API rate limit exceeded for user ID/);
      w.c.injectFault({
        match: { path: '/repos/python/cpython' },
        kind: 'secondary-rate-limit',
        retryAfter: 30,
        times: 1,
      });
      const secondary = await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned });
      expect(secondary.status).toBe(403);
      expect(secondary.headers.get('retry-after')).toBe('30');
      expect(secondary.body.message).toMatch(/^You have exceeded a secondary rate limit/);
      expect(Number(secondary.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
      expect((await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned })).status).toBe(200);
    }),
  );

  it(
    'token expiry turns the caller’s installation token into 401 Bad credentials for good',
    scenario(async (w) => {
      const app = w.app({
        name: 'bot',
        permissions: { repository_advisories: 'read' },
        installations: [{ account: 'python' }],
      });
      const { default: jwt } = await import('./jwt.ts');
      const appToken = jwt(app.appId, app.privateKey, w.c.now());
      const mint = async () =>
        (
          await w.call('POST', `/app/installations/${app.installations[0]?.id}/access_tokens`, {
            token: appToken,
          })
        ).body.token as string;
      const token = await mint();
      w.c.injectFault({ match: { path: '^/repos/' }, kind: 'token-expiry', times: 1 });
      // A user token passes untouched: the fault is for installation tokens.
      expect((await w.call('GET', '/repos/python/cpython', { token: w.tokens.ned })).status).toBe(200);
      expect((await w.call('GET', '/repos/python/cpython', { token })).status).toBe(401);
      expect((await w.call('GET', '/repos/python/cpython', { token })).status).toBe(401);
      expect((await w.call('GET', '/repos/python/cpython', { token: await mint() })).status).toBe(200);
    }),
  );
});

describe('bad input', () => {
  it(
    'malformed JSON is 400 Problems parsing JSON, and so is a form-encoded body',
    scenario(async (w) => {
      const url = '/repos/python/cpython/security-advisories/reports';
      const broken = await w.call('POST', url, {
        token: w.tokens.alice,
        raw: '{"summary": ',
        invalid: 'malformed JSON',
      });
      expect(broken.status).toBe(400);
      expect(broken.body).toEqual({
        message: 'Problems parsing JSON',
        documentation_url: 'https://docs.github.com/rest',
        status: '400',
      });
      const form = await w.call('POST', url, {
        token: w.tokens.alice,
        raw: 'summary=x&description=y',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        invalid: 'form-encoded body',
      });
      expect(form.status).toBe(400);
      const array = await w.call('POST', url, { token: w.tokens.alice, body: [], invalid: 'not an object' });
      expect(array.status).toBe(422);
    }),
  );

  it(
    'a body over the limit is refused with 413',
    scenario(async (w) => {
      const r = await w.call('POST', '/repos/python/cpython/security-advisories/reports', {
        token: w.tokens.alice,
        body: { summary: 's', description: 'x'.repeat(1024 * 1024) },
        invalid: 'description far over 65535',
      });
      expect(r.status).toBe(413);
      expect(r.body.status).toBe('413');
    }),
  );

  it(
    'an unknown token is 401 Bad credentials; a write without one is 401 Requires authentication',
    scenario(async (w) => {
      const bad = await w.call('GET', '/repos/python/cpython', {
        token: 'ghp_000000000000000000000000000000000000',
      });
      expect(bad.status).toBe(401);
      expect(bad.body.message).toBe('Bad credentials');
      const anonymous = await w.call('POST', '/repos/python/cpython/security-advisories', {
        body: { summary: 's', description: 'd', vulnerabilities: [] },
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.message).toBe('Requires authentication');
    }),
  );

  it(
    'an unknown route is 404 Not Found in GitHub’s shape, and an unsupported API version is 400',
    scenario(async (w) => {
      const r = await w.call('DELETE', '/repos/python/cpython/security-advisories/GHSA-2222-3333-4444', {
        token: w.tokens.ned,
        invalid: 'no such operation',
      });
      expect(r.status).toBe(404);
      expect(r.body).toEqual({
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
        status: '404',
      });
      const version = await w.call('GET', '/repos/python/cpython', {
        headers: { 'x-github-api-version': '2020-01-01' },
      });
      expect(version.status).toBe(400);
    }),
  );
});
