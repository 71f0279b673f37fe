// Personal API tokens from the dashboard and the JSON API, signed in through GitHub (the test
// simulator): a new token's secret is shown once, the list never shows it, revoking stops it at
// once, refusals say why, and only a browser session makes tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importRoster } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { at, bot, devguideRoster, TestClock } from '../app/support.ts';
import { fromPsrt, type SignedIn, signIn, testGitHubSignIn, wayBack } from '../support/sign-in.ts';

const clock = new TestClock(at('2026-12-05T10:00:00Z'));
let store: Store;
let app: ReturnType<typeof createWebApp>;

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  const ctx: AppContext = { store, now: clock.now, log: createLogger('silent') };
  await importRoster(ctx, bot, devguideRoster());
  app = createWebApp({
    ctx,
    sandbox: false,
    sessionSecret: 'test-session-secret-0123456789abcdef',
    gitHubSignIn: testGitHubSignIn(),
  });
});

afterAll(async () => {
  await store?.close();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** The Tokens page's form, posted from psrt's own page. */
function makeToken(who: SignedIn, fields: Record<string, string>, csrf = who.csrf) {
  return app.request('/tokens', {
    method: 'POST',
    headers: { ...fromPsrt, cookie: who.cookie },
    body: new URLSearchParams({ _csrf: csrf, ...fields }),
  });
}

const secretIn = (html: string) => html.match(/psrt_[A-Za-z0-9_-]{43}/)?.[0] ?? '';
const rowOf = (html: string, name: string) => {
  const rows = html.split('<tr data-token=').slice(1);
  return rows.find((row) => row.includes(`<td>${name}</td>`)) ?? '';
};

describe('the Tokens page', () => {
  it('is in the navigation of whoever is signed in, and sends someone signed out to sign in first', async () => {
    const anonymous = await app.request('/tokens');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/signin');
    expect(wayBack(anonymous)).toBe('/tokens');
    const { cookie } = await signIn(app, 'curious-visitor');
    const elsewhere = await (await app.request('/advisories', { headers: { cookie } })).text();
    expect(elsewhere).toContain('<a class="nav" href="/tokens">Tokens</a>');
    const page = await app.request('/tokens', { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<a class="nav" href="/tokens" aria-current="page">Tokens</a>');
    expect(html).toContain('You have no API tokens.');
  });

  it('shows a new token’s secret once, saying it will not be seen again; the list never shows it', async () => {
    const seth = await signIn(app, 'sethmlarson');
    const made = await makeToken(seth, { name: 'laptop CLI', scope: 'act', days: '7' });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const answer = await made.text();
    const secret = secretIn(answer);
    expect(secret).not.toBe('');
    expect(answer).toContain('you will not see it again');
    expect(answer).toContain('select all and copy');

    const listed = await (await app.request('/tokens', { headers: { cookie: seth.cookie } })).text();
    expect(listed).not.toContain(secret);
    const row = rowOf(listed, 'laptop CLI');
    expect(row).toContain('<span class="badge">act</span>');
    expect(row).toContain('<td>2026-12-05</td>'); // created
    expect(row).toContain('<td>2026-12-12</td>'); // expires, 7 days on
    expect(row).toContain('<td>never</td>'); // not used yet
    expect(row).toContain('active');

    // The secret is what scripts send; its use shows as "last used".
    expect((await app.request('/api/v1/reports', { headers: bearer(secret) })).status).toBe(200);
    const used = await (await app.request('/tokens', { headers: { cookie: seth.cookie } })).text();
    expect(rowOf(used, 'laptop CLI')).toContain('2026-12-05 10:00 UTC');
  });

  it('revoking from the page stops the token at once, and the list says revoked', async () => {
    const seth = await signIn(app, 'sethmlarson');
    const secret = secretIn(
      await (await makeToken(seth, { name: 'to revoke', scope: 'read', days: '30' })).text(),
    );
    const id = rowOf(
      await (await app.request('/tokens', { headers: { cookie: seth.cookie } })).text(),
      'to revoke',
    ).match(/^"([^"]+)"/)?.[1];
    const revoked = await app.request(`/tokens/${id}/revoke`, {
      method: 'POST',
      headers: { ...fromPsrt, cookie: seth.cookie },
      body: new URLSearchParams({ _csrf: seth.csrf }),
    });
    expect(revoked.status).toBe(303);
    const page = await (
      await app.request(revoked.headers.get('location') ?? '', { headers: { cookie: seth.cookie } })
    ).text();
    expect(page).toContain('Token &quot;to revoke&quot; revoked: it no longer works.');
    expect(rowOf(page, 'to revoke')).toContain('revoked 2026-12-05');
    expect(rowOf(page, 'to revoke')).not.toContain('Revoke</button>');
    expect((await app.request('/api/v1/reports', { headers: bearer(secret) })).status).toBe(401);
  });

  it('someone else’s token cannot be revoked: not found, and it keeps working', async () => {
    const seth = await signIn(app, 'sethmlarson');
    const secret = secretIn(
      await (await makeToken(seth, { name: 'seth only', scope: 'read', days: '30' })).text(),
    );
    const id = rowOf(
      await (await app.request('/tokens', { headers: { cookie: seth.cookie } })).text(),
      'seth only',
    ).match(/^"([^"]+)"/)?.[1];
    const visitor = await signIn(app, 'curious-visitor');
    const response = await app.request(`/tokens/${id}/revoke`, {
      method: 'POST',
      headers: { ...fromPsrt, cookie: visitor.cookie },
      body: new URLSearchParams({ _csrf: visitor.csrf }),
    });
    expect(response.status).toBe(404);
    expect((await app.request('/api/v1/reports', { headers: bearer(secret) })).status).toBe(200);
  });

  it('a refused form says why, keeps what was typed, and makes nothing', async () => {
    const gpshead = await signIn(app, 'gpshead'); // a member, not an admin
    const tooLong = await makeToken(gpshead, { name: 'nightly job', scope: 'read', days: '400' });
    expect(tooLong.status).toBe(400);
    const html = await tooLong.text();
    expect(html).toContain('A token lasts 1 to 366 days; 400 is not allowed.');
    expect(html).toContain('value="nightly job"');
    expect(secretIn(html)).toBe('');
    const admin = await makeToken(gpshead, { name: 'admin work', scope: 'admin', days: '30' });
    expect(admin.status).toBe(403);
    expect(await admin.text()).toContain('Only PSRT admins may make tokens with the admin scope.');
    // The form offers the admin scope to admins only.
    const page = await (await app.request('/tokens', { headers: { cookie: gpshead.cookie } })).text();
    expect(page).not.toContain('<option value="admin"');
    const seth = await signIn(app, 'sethmlarson');
    expect(await (await app.request('/tokens', { headers: { cookie: seth.cookie } })).text()).toContain(
      '<option value="admin"',
    );
  });

  it('the form needs the session’s CSRF token, and a token cannot make a token', async () => {
    const seth = await signIn(app, 'sethmlarson');
    const forged = await makeToken(seth, { name: 'forged', scope: 'read', days: '30' }, 'guessed');
    expect(forged.status).toBe(403);
    const secret = secretIn(await (await makeToken(seth, { name: 'acts', scope: 'act', days: '30' })).text());
    const byToken = await app.request('/tokens', {
      method: 'POST',
      headers: bearer(secret),
      body: new URLSearchParams({ name: 'child', scope: 'act', days: '30' }),
    });
    expect(byToken.status).toBe(403);
    const listed = await (await app.request('/tokens', { headers: { cookie: seth.cookie } })).text();
    expect(listed).not.toContain('<td>forged</td>');
    expect(listed).not.toContain('<td>child</td>');
  });
});

describe('/api/v1/tokens', () => {
  const json = (who: SignedIn, body: unknown) => ({
    method: 'POST',
    headers: { ...who.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('makes a token from the browser session, answering its secret once (201); lists without secrets; DELETE revokes', async () => {
    const seth = await signIn(app, 'sethmlarson');
    const made = await app.request('/api/v1/tokens', json(seth, { name: 'api-made', scope: 'read' }));
    expect(made.status).toBe(201);
    const { token, secret } = (await made.json()) as {
      token: { id: string; expiresAt: string };
      secret: string;
    };
    expect(secret).toMatch(/^psrt_/);
    expect(token).toMatchObject({ scope: 'read', usable: true, revokedAt: null, lastUsedAt: null });
    expect(token.expiresAt).toBe('2027-01-04T10:00:00.000Z'); // 30 days by default

    const list = await app.request('/api/v1/tokens', { headers: bearer(secret) });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(secret);
    expect((JSON.parse(text) as { tokens: { name: string }[] }).tokens.map((t) => t.name)).toContain(
      'api-made',
    );

    const revoked = await app.request(`/api/v1/tokens/${token.id}`, {
      method: 'DELETE',
      headers: seth.headers,
    });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { token: { usable: boolean } }).token.usable).toBe(false);
    expect((await app.request('/api/v1/tokens', { headers: bearer(secret) })).status).toBe(401);
  });

  it('a token revokes itself, but cannot make another (403 problem)', async () => {
    const seth = await signIn(app, 'sethmlarson');
    const made = await app.request('/api/v1/tokens', json(seth, { name: 'ci', scope: 'act', days: 1 }));
    const { token, secret } = (await made.json()) as { token: { id: string }; secret: string };
    const child = await app.request('/api/v1/tokens', {
      method: 'POST',
      headers: { ...bearer(secret), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'child', scope: 'read' }),
    });
    expect(child.status).toBe(403);
    expect(child.headers.get('content-type')).toBe('application/problem+json');
    expect(((await child.json()) as { detail: string }).detail).toContain(
      'A token cannot make another token',
    );
    const self = await app.request(`/api/v1/tokens/${token.id}`, {
      method: 'DELETE',
      headers: bearer(secret),
    });
    expect(self.status).toBe(200);
  });

  it('answers nobody signed in with 401, a bad body with 400 naming the field, an unknown token with 404', async () => {
    const anonymous = await app.request('/api/v1/tokens');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    const seth = await signIn(app, 'sethmlarson');
    const bad = await app.request('/api/v1/tokens', json(seth, { name: 'x', scope: 'read', days: 0 }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain('json.days');
    const missing = await app.request('/api/v1/tokens/no-such-token', {
      method: 'DELETE',
      headers: seth.headers,
    });
    expect(missing.status).toBe(404);
  });

  it('is described in /api/openapi.json', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(doc.paths['/v1/tokens']?.get?.operationId).toBe('listTokens');
    expect(doc.paths['/v1/tokens']?.post?.operationId).toBe('createToken');
    expect(doc.paths['/v1/tokens/{id}']?.delete?.operationId).toBe('revokeToken');
  });
});
