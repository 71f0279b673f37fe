// "Sign in with GitHub" on the simulator, as GitHub documents the web flow for GitHub Apps: the
// sign-in page, codes that work once, for ten minutes, for their App, redirect URI and PKCE
// verifier, GitHub's error answers, and GET /user with the user access token (checked against
// GitHub's description).
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type GitHubSimOptions, psrtAppSeed } from '../../../sim/github/index.ts';
import { base, expectConformant, world } from './support.ts';

const CALLBACK = 'https://psrt.example.org/signin/callback';
const LOCAL = 'http://localhost/signin/callback';

function setup(options: GitHubSimOptions = {}) {
  const w = world(options);
  const app = w.app({ ...psrtAppSeed(['python']), callbackUrls: [CALLBACK, LOCAL] });
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  const authorizePage = (query: Record<string, string>) =>
    w.sim.fetch(`${base}/login/oauth/authorize?${new URLSearchParams(query)}`);
  /** A button on the sign-in page: the form the page posts, with who was picked. */
  const pick = (fields: Record<string, string>, origin = base) =>
    w.sim.fetch(`${base}/login/oauth/authorize`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: app.clientId, decision: 'authorize', ...fields }),
    });
  /** Picks `login` and answers the code GitHub redirected back with. */
  const codeFor = async (login: string, fields: Record<string, string> = {}) => {
    const picked = await pick({ login, redirect_uri: CALLBACK, state: 's1', ...fields });
    expect(picked.status).toBe(302);
    const back = new URL(picked.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(fields.redirect_uri ?? CALLBACK);
    expect(back.searchParams.get('state')).toBe('s1');
    return back.searchParams.get('code') ?? '';
  };
  // biome-ignore lint/suspicious/noExplicitAny: the token endpoint's JSON, checked by the assertions
  const exchange = async (fields: Record<string, string>, accept = 'application/json'): Promise<any> => {
    const response = await w.sim.fetch(`${base}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, ...fields }),
    });
    expect(response.status).toBe(200);
    return accept === 'application/json' ? response.json() : response.text();
  };
  return { w, app, verifier, challenge, authorizePage, pick, codeFor, exchange };
}

describe('the sign-in page (GET /login/oauth/authorize)', () => {
  it('is titled with the App and offers each person the simulator knows as a button, grouped as asked', async () => {
    const { authorizePage, app } = setup({
      view: {
        people: [
          { title: 'PSRT members', people: [{ login: 'seth', badges: ['Admin'] }, { login: 'ee' }] },
          {
            title: 'Reporters',
            people: [{ login: 'alice', note: 'the reporter' }, { login: 'nobody-here' }],
          },
        ],
      },
    });
    const response = await authorizePage({ client_id: app.clientId, state: 'xyz', login: 'alice' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Sign in to psrt</h1>');
    const groups = [...html.matchAll(/data-group="([^"]+)"/g)].map((m) => m[1]);
    expect(groups).toEqual(['PSRT members', 'Reporters', 'Other people on this GitHub']);
    const offered = [...html.matchAll(/data-login="([^"]+)"/g)].map((m) => m[1]);
    // Listed people first, in their groups; someone the simulator does not know is left out.
    expect(offered.slice(0, 3)).toEqual(['seth', 'ee', 'alice']);
    expect(offered).not.toContain('nobody-here');
    expect(offered).toContain('mallory');
    expect(offered).not.toContain('python'); // an organization
    expect(offered).not.toContain('psrt[bot]');
    expect(html).toContain('<span class="label admin">Admin</span>');
    expect(html).toMatch(/class="suggested"[^>]*>|data-login="alice" class="suggested"/);
    // The request travels on in the page's forms; Cancel is there.
    expect(html).toContain(`name="redirect_uri" value="${CALLBACK}"`);
    expect(html).toContain('name="state" value="xyz"');
    expect(html).toContain('name="decision" value="cancel"');
  });

  it.each([
    ['an unknown client_id', { client_id: 'Iv23linope' }, 404, 'No GitHub App has the client_id'],
    [
      'a redirect_uri that is not one of the App’s callback URLs',
      { redirect_uri: 'https://evil.example/steal' },
      400,
      'The redirect_uri is not associated with this application',
    ],
    [
      'a redirect_uri that differs from a callback URL by a query',
      { redirect_uri: `${CALLBACK}?next=/x` },
      400,
      'The redirect_uri is not associated with this application',
    ],
  ])('%s gets an error page and sends nobody anywhere', async (_what, query, status, text) => {
    const { authorizePage, app, pick } = setup();
    const shown = await authorizePage({ client_id: app.clientId, ...query });
    expect(shown.status).toBe(status);
    expect(shown.headers.get('location')).toBeNull();
    expect(await shown.text()).toContain(text);
    const posted = await pick({ login: 'alice', ...query });
    expect(posted.status).toBe(status);
    expect(posted.headers.get('location')).toBeNull();
  });

  it('without a redirect_uri, the first callback URL is where it returns', async () => {
    const { pick } = setup();
    const picked = await pick({ login: 'alice' });
    expect(new URL(picked.headers.get('location') ?? '').pathname).toBe('/signin/callback');
    expect(picked.headers.get('location')).toMatch(/^https:\/\/psrt\.example\.org\/signin\/callback\?code=/);
  });

  it('Cancel returns error=access_denied with the state, and no code', async () => {
    const { pick } = setup();
    const cancelled = await pick({ decision: 'cancel', redirect_uri: CALLBACK, state: 'keep-me' });
    expect(cancelled.status).toBe(302);
    const back = new URL(cancelled.headers.get('location') ?? '');
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'The user has denied your application access.',
      error_uri: expect.stringContaining('#access-denied'),
      state: 'keep-me',
    });
  });

  it('PKCE takes S256 only: another method is sent back as invalid_request', async () => {
    const { authorizePage, app } = setup();
    const plain = await authorizePage({
      client_id: app.clientId,
      redirect_uri: CALLBACK,
      state: 's',
      code_challenge: 'abc',
      code_challenge_method: 'plain',
    });
    expect(plain.status).toBe(302);
    const back = new URL(plain.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toBe(
      'Only the S256 code_challenge_method is supported.',
    );
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('someone new signs up on the way, unless the App says allow_signup=false', async () => {
    const { pick, w } = setup();
    const refused = await pick({ login: 'brand-new', allow_signup: 'false', redirect_uri: CALLBACK });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('does not let new people sign up');
    expect((await pick({ login: '-bad-', redirect_uri: CALLBACK })).status).toBe(422);
    const signedUp = await pick({ login: 'brand-new', redirect_uri: CALLBACK });
    expect(signedUp.status).toBe(302);
    expect((await w.call('GET', '/users/brand-new')).status).toBe(200);
  });

  it('a pick posted from another site is refused', async () => {
    const { pick } = setup();
    const response = await pick({ login: 'alice', redirect_uri: CALLBACK }, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('the token exchange (POST /login/oauth/access_token)', () => {
  it('trades a code for an eight-hour ghu_ token with a refresh token, and GET /user answers who signed in', async () => {
    const { codeFor, exchange, w } = setup();
    const answer = await exchange({ code: await codeFor('alice'), redirect_uri: CALLBACK });
    expect(answer).toEqual({
      access_token: expect.stringMatching(/^ghu_[A-Za-z0-9]{36}$/),
      expires_in: 28_800,
      refresh_token: expect.stringMatching(/^ghr_[A-Za-z0-9]{76}$/),
      refresh_token_expires_in: 15_811_200,
      scope: '',
      token_type: 'bearer',
    });
    const me = await w.call('GET', '/user', { token: answer.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: 'alice', name: 'Alice Reporter', user_view_type: 'private' });
    expect(me.headers.get('x-oauth-scopes')).toBe('');
    expectConformant(w);
  });

  it('a code works once', async () => {
    const { codeFor, exchange } = setup();
    const code = await codeFor('alice');
    expect((await exchange({ code })).access_token).toMatch(/^ghu_/);
    expect(await exchange({ code })).toEqual({
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
      error_uri: expect.stringContaining('#bad-verification-code'),
    });
  });

  it('a code expires after ten minutes', async () => {
    const { codeFor, exchange, w } = setup();
    const code = await codeFor('alice');
    w.c.advance(10 * 60 * 1000);
    expect((await exchange({ code })).error).toBe('bad_verification_code');
  });

  it('with a PKCE challenge, only the matching verifier gets the token', async () => {
    const { codeFor, exchange, verifier, challenge } = setup();
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    expect((await exchange({ code: await codeFor('alice', pkce) })).error).toBe('bad_verification_code');
    const wrong = randomBytes(32).toString('base64url');
    expect((await exchange({ code: await codeFor('alice', pkce), code_verifier: wrong })).error).toBe(
      'bad_verification_code',
    );
    const right = await exchange({ code: await codeFor('alice', pkce), code_verifier: verifier });
    expect(right.access_token).toMatch(/^ghu_/);
  });

  it('a wrong client secret is incorrect_client_credentials, and leaves the code usable', async () => {
    const { codeFor, exchange } = setup();
    const code = await codeFor('alice');
    expect(await exchange({ code, client_secret: 'f'.repeat(40) })).toEqual({
      error: 'incorrect_client_credentials',
      error_description: 'The client_id and/or client_secret passed are incorrect.',
      error_uri: expect.stringContaining('#incorrect-client-credentials'),
    });
    expect((await exchange({ code })).access_token).toMatch(/^ghu_/);
  });

  it('a redirect_uri other than the authorization’s is redirect_uri_mismatch', async () => {
    const { codeFor, exchange } = setup();
    const code = await codeFor('alice', { redirect_uri: LOCAL });
    expect(await exchange({ code, redirect_uri: CALLBACK })).toEqual({
      error: 'redirect_uri_mismatch',
      error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
      error_uri: expect.stringContaining('#redirect-uri-mismatch2'),
    });
  });

  it('answers form-encoded unless JSON is asked for', async () => {
    const { codeFor, exchange } = setup();
    const text = await exchange({ code: await codeFor('alice') }, '*/*');
    const answer = new URLSearchParams(text);
    expect(answer.get('access_token')).toMatch(/^ghu_/);
    expect(answer.get('token_type')).toBe('bearer');
  });

  it('a refresh token gives a new pair once; the user token stops after eight hours', async () => {
    const { codeFor, exchange, w } = setup();
    const first = await exchange({ code: await codeFor('alice') });
    const refreshed = await exchange({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(refreshed.access_token).toMatch(/^ghu_/);
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect((await exchange({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).error).toBe(
      'bad_refresh_token',
    );
    w.c.advance(8 * 3600 * 1000);
    expect((await w.call('GET', '/user', { token: refreshed.access_token })).status).toBe(401);
  });
});

describe('GET /user', () => {
  it('needs a person: anonymous is 401, an installation 403', async () => {
    const { w, app } = setup();
    expect((await w.call('GET', '/user')).status).toBe(401);
    const jwt = (await import('./jwt.ts')).default(app.appId, app.privateKey, new Date(w.c.now()));
    const minted = await w.call('POST', `/app/installations/${app.installations[0]?.id}/access_tokens`, {
      token: jwt,
    });
    expect((await w.call('GET', '/user', { token: minted.body.token })).status).toBe(403);
    expect((await w.call('GET', '/user', { token: w.tokens.seth })).body.login).toBe('seth');
    expectConformant(w);
  });
});

describe('callback URLs', () => {
  it('are the App settings page’s list, at most 10, read back with the client secret', async () => {
    const { w, app } = setup();
    expect(app.clientSecret).toMatch(/^[0-9a-f]{40}$/);
    const set = await w.sim.fetch(`${base}/_sim/apps/psrt/callback-urls`, {
      method: 'PUT',
      body: JSON.stringify({ urls: ['http://127.0.0.1:8080/signin/callback'] }),
    });
    expect(await set.json()).toMatchObject({
      callbackUrls: ['http://127.0.0.1:8080/signin/callback'],
      clientSecret: app.clientSecret,
    });
    expect(() =>
      w.c.setCallbackUrls(
        'psrt',
        Array.from({ length: 11 }, (_, i) => `https://psrt.example.org/${i}`),
      ),
    ).toThrow('at most 10');
    expect(() => w.c.setCallbackUrls('psrt', ['javascript:alert(1)'])).toThrow('not an http(s) URL');
  });
});
