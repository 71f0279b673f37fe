// "Sign in with GitHub" end to end, through `app.request()` and an in-process GitHub simulator:
// the state and PKCE verifier in a signed cookie, a callback that does not match refused, `next`
// never leading off psrt, Cancel on GitHub, GitHub refusing, a new session on every sign-in, and
// the user access token never kept, shown or logged.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importRoster } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import type { GitHubSignIn } from '../../src/github/oauth.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { at, bot, devguideRoster, TestClock } from '../app/support.ts';
import {
  fromPsrt,
  pickOnGitHub,
  setCookie,
  signIn,
  startSignIn,
  testGitHubSignIn,
} from '../support/sign-in.ts';

const sessionSecret = 'test-session-secret-0123456789abcdef';
const clock = new TestClock(at('2026-12-05T10:00:00Z'));
const logged: string[] = [];
/** Everything psrt answered in this file: no user access token may be in any of it. */
const answered: string[] = [];
let store: Store;
let ctx: AppContext;
let gitHub: GitHubSignIn;
let app: ReturnType<typeof createWebApp>;

/** The web app on the test simulator, with every answer noted. */
function webApp(signIn: GitHubSignIn | null = gitHub) {
  const web = createWebApp({ ctx, sandbox: false, sessionSecret, gitHubSignIn: signIn });
  return {
    request: async (path: string, init?: RequestInit) => {
      const response = await web.request(path, init);
      answered.push(JSON.stringify([...response.headers]), await response.clone().text());
      return response;
    },
  } as unknown as typeof web;
}

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  const log = createLogger(
    'debug',
    new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    }),
  );
  ctx = { store, now: clock.now, log };
  await importRoster(ctx, bot, devguideRoster());
  gitHub = testGitHubSignIn();
  app = webApp();
});

afterAll(async () => {
  await store?.close();
});

/** GitHub's answer for `login`, then psrt's callback with the pending sign-in's cookie (or `cookie`). */
async function finish(authorize: URL, pending: string, login = 'sethmlarson', cookie = pending) {
  const back = await pickOnGitHub(authorize, login);
  return { back, response: await app.request(`${back.pathname}${back.search}`, { headers: { cookie } }) };
}

describe('starting a sign-in', () => {
  it('sends the browser to GitHub with a random state and a PKCE S256 challenge, remembered in a signed HttpOnly cookie', async () => {
    const response = await app.request('/signin', { method: 'POST', headers: fromPsrt });
    expect(response.status).toBe(302);
    const to = new URL(response.headers.get('location') ?? '');
    expect(`${to.origin}${to.pathname}`).toBe('https://github.test/login/oauth/authorize');
    expect(Object.fromEntries(to.searchParams)).toEqual({
      client_id: gitHub.clientId,
      redirect_uri: 'http://localhost/signin/callback',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^psrt_signin=[^;]+/);
    for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Max-Age=600', 'Path=/'])
      expect(cookie).toContain(attribute);
    // Browsers hold a form's redirect to form-action too: GitHub's origin is allowed there, and only it.
    expect(response.headers.get('content-security-policy')).toContain(
      "form-action 'self' https://github.test;",
    );
    // The verifier stays with psrt: GitHub sees only its challenge.
    expect(to.toString()).not.toContain('verifier');
    const again = await app.request('/signin', { method: 'POST', headers: fromPsrt });
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('state')).not.toBe(
      to.searchParams.get('state'),
    );
  });

  it('the sign-in page has one button, "Sign in with GitHub", and carries a next path on psrt', async () => {
    const html = await (
      await app.request('/signin', {
        headers: { cookie: `psrt_next=${encodeURIComponent('/reports?state=all')}` },
      })
    ).text();
    expect(html).toContain('Sign in with GitHub');
    expect(html).toContain('<input type="hidden" name="next" value="/reports?state=all"/>');
    const offsite = await (
      await app.request('/signin', {
        headers: { cookie: `psrt_next=${encodeURIComponent('//evil.example/x')}` },
      })
    ).text();
    expect(offsite).not.toContain('name="next"');
  });
});

describe('coming back from GitHub', () => {
  it('signs the person in as their GitHub login and sends them to the reports', async () => {
    const { authorize, pending } = await startSignIn(app);
    const { response } = await finish(authorize, pending, 'gpshead');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/reports');
    const session = setCookie(response, 'psrt_session') ?? '';
    expect(response.headers.getSetCookie().some((c) => /^psrt_signin=;.*Max-Age=0/.test(c))).toBe(true);
    const page = await (await app.request('/signin', { headers: { cookie: session } })).text();
    expect(page).toContain('signed in as <strong>gpshead</strong>');
  });

  it.each([
    ['a state that is not the one it started with', (back: URL) => back.searchParams.set('state', 'forged')],
    ['no state', (back: URL) => back.searchParams.delete('state')],
    ['no code', (back: URL) => back.searchParams.delete('code')],
  ])('refuses a callback with %s (400, start again) and signs nobody in', async (_what, tamper) => {
    const { authorize, pending } = await startSignIn(app);
    const back = await pickOnGitHub(authorize, 'sethmlarson');
    tamper(back);
    const response = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Start again');
    expect(setCookie(response, 'psrt_session')).toBeUndefined();
  });

  it('refuses a callback in a browser that did not start the sign-in (someone else’s link), or with a cookie psrt did not sign', async () => {
    const { authorize, pending } = await startSignIn(app);
    const back = await pickOnGitHub(authorize, 'sethmlarson');
    const elsewhere = await app.request(`${back.pathname}${back.search}`);
    expect(elsewhere.status).toBe(400);
    expect(setCookie(elsewhere, 'psrt_session')).toBeUndefined();
    const [name, value = ''] = pending.split('=');
    const forged = `${name}=${Buffer.from(JSON.stringify({ state: back.searchParams.get('state') })).toString('base64url')}.${value.split('.')[1]}`;
    const unsigned = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: forged } });
    expect(unsigned.status).toBe(400);
    expect(setCookie(unsigned, 'psrt_session')).toBeUndefined();
  });

  it('refuses a sign-in that took longer than 10 minutes', async () => {
    const { authorize, pending } = await startSignIn(app);
    clock.advance(10 * 60 * 1000 + 1);
    const { response } = await finish(authorize, pending);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('took longer than 10 minutes');
    expect(setCookie(response, 'psrt_session')).toBeUndefined();
  });

  it('a callback replayed signs nobody in a second time: GitHub takes its code once', async () => {
    const { authorize, pending } = await startSignIn(app);
    const { back, response } = await finish(authorize, pending);
    expect(response.status).toBe(303);
    const replay = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    expect(replay.status).toBe(502);
    expect(await replay.text()).toContain('bad_verification_code');
    expect(setCookie(replay, 'psrt_session')).toBeUndefined();
  });

  it.each([
    ['/reports?state=all#top', '/reports?state=all#top'],
    ['//evil.example/steal', '/reports'],
    ['https://evil.example/steal', '/reports'],
    ['/\\evil.example', '/reports'],
    ['javascript:alert(1)', '/reports'],
    ['/signin', '/reports'],
  ])('next %s leads to %s: only paths on psrt, never another site', async (next, lands) => {
    const { authorize, pending } = await startSignIn(app, { next });
    const { response } = await finish(authorize, pending);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(lands);
  });

  it('Cancel on GitHub leads back to the sign-in page, saying nobody is signed in', async () => {
    const { authorize, pending } = await startSignIn(app);
    const back = await pickOnGitHub(authorize, { cancel: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    const response = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signin?problem=denied');
    expect(setCookie(response, 'psrt_session')).toBeUndefined();
    const page = await (await app.request('/signin?problem=denied')).text();
    expect(page).toContain('You cancelled on GitHub, so nobody is signed in.');
  });

  it('when GitHub refuses the code (a wrong client secret) or cannot be reached, the page says so (502) and nobody is signed in', async () => {
    const wrongSecret = webApp({ ...gitHub, clientSecret: 'f'.repeat(40) });
    const started = await startSignIn(wrongSecret);
    const back = await pickOnGitHub(started.authorize, 'sethmlarson');
    const refused = await wrongSecret.request(`${back.pathname}${back.search}`, {
      headers: { cookie: started.pending },
    });
    expect(refused.status).toBe(502);
    expect(await refused.text()).toContain(
      'GitHub did not accept this sign-in: incorrect_client_credentials',
    );
    expect(setCookie(refused, 'psrt_session')).toBeUndefined();

    const unreachable = webApp({
      ...gitHub,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const second = await startSignIn(unreachable);
    const again = await pickOnGitHub(second.authorize, 'sethmlarson');
    const down = await unreachable.request(`${again.pathname}${again.search}`, {
      headers: { cookie: second.pending },
    });
    expect(down.status).toBe(502);
    expect(await down.text()).toContain('GitHub could not be reached');
  });
});

describe('sessions', () => {
  it('signing in starts a new session: a session cookie planted in the browser before opens nothing after', async () => {
    const { cookie: planted, csrf } = await signIn(app, 'curious-visitor');
    const { authorize, pending } = await startSignIn(app, {
      headers: { cookie: planted, 'x-csrf-token': csrf },
    });
    const { response } = await finish(authorize, pending, 'sethmlarson', `${planted}; ${pending}`);
    const fresh = setCookie(response, 'psrt_session');
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(planted);
    expect((await app.request('/tokens', { headers: { cookie: planted } })).status).toBe(303);
    const page = await (await app.request('/tokens', { headers: { cookie: fresh ?? '' } })).text();
    expect(page).toContain('signed in as <strong>sethmlarson</strong>');
  });

  it('anyone with a GitHub account signs in; someone GitHub has never seen signs up on the way', async () => {
    const { cookie } = await signIn(app, 'first-time-here');
    const page = await (await app.request('/tokens', { headers: { cookie } })).text();
    expect(page).toContain('signed in as <strong>first-time-here</strong>');
  });

  it('the user access token only told psrt who signed in: it is in no answer and no log line', async () => {
    await signIn(app, 'sethmlarson');
    expect(logged.join('')).toContain('signed in');
    expect(logged.join('')).not.toMatch(/gh[ur]_/);
    expect(answered.join('')).not.toMatch(/gh[ur]_/);
  });

  it('without sign-in configured, the page says how to set it up (503)', async () => {
    const response = await webApp(null).request('/signin');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Set <code>github.oauthClientId</code>');
  });
});
