// Signing in to the web app in tests as a browser does, through "Sign in with GitHub": psrt's
// `POST /signin` (`app.request()`, no sockets), the GitHub simulator's sign-in page (the sandbox's
// over HTTP, or an in-process one from `testGitHubSignIn()`), then psrt's callback. The answer is
// the session cookie to send and the CSRF token every form and state-changing request carries.
import type { Hono } from 'hono';
import { createGitHubSim, psrtAppSeed } from '../../sim/github/index.ts';
import type { GitHubSignIn } from '../../src/github/oauth.ts';
import type { WebEnv } from '../../src/web/env.ts';
import { testKey } from './app-key.ts';

export interface SignedIn {
  /** `name=value`, for a `cookie` header. */
  cookie: string;
  csrf: string;
  /** Headers for a state-changing request from psrt's own page: cookie, Origin and the CSRF header. */
  headers: Record<string, string>;
}

/** What a browser sends with a request from one of psrt's own pages (app.request() addresses http://localhost). */
export const fromPsrt = { origin: 'http://localhost' };

type Fetch = (request: Request) => Promise<Response>;
/** In-process simulators by the origins psrt is told they are at. */
const inProcess = new Map<string, Fetch>();
const reach = (origin: string): Fetch => inProcess.get(origin) ?? ((request) => fetch(request));

let testSimulator: GitHubSignIn | undefined;

/**
 * "Sign in with GitHub" for a web app outside the sandbox: an in-process GitHub simulator (one
 * per test process) with the psrt App, whose callback URLs are `http://localhost/signin/callback`
 * (what `app.request()` addresses) and `https://psrt.example.org/signin/callback`. Anyone can
 * sign in on it: a login it does not know signs up on the way.
 */
export function testGitHubSignIn(): GitHubSignIn {
  if (testSimulator) return testSimulator;
  const sim = createGitHubSim();
  sim.control.addOrg({ login: 'python' });
  const app = sim.control.createApp({
    ...psrtAppSeed(['python']),
    // A short key: generating 2048-bit ones is slow, and RS256 does not care.
    privateKey: testKey(),
    callbackUrls: ['http://localhost/signin/callback', 'https://psrt.example.org/signin/callback'],
  });
  const webUrl = 'https://github.test';
  const apiUrl = 'https://api.github.test';
  const simFetch: Fetch = (request) => sim.fetch(request);
  for (const origin of [webUrl, apiUrl]) inProcess.set(origin, simFetch);
  testSimulator = { clientId: app.clientId, clientSecret: app.clientSecret, webUrl, apiUrl, fetch: simFetch };
  return testSimulator;
}

/** `name=value` of the cookie a response sets whose name ends with `name`, if any. */
export function setCookie(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.split('=')[0]?.endsWith(name) && !pair.endsWith('='));
}

/** The way back a "sign in first" answer keeps (a cookie, never the address), if any. */
export function wayBack(response: Response): string | null {
  const kept = setCookie(response, 'psrt_next');
  return kept ? decodeURIComponent(kept.slice(kept.indexOf('=') + 1)) : null;
}

/** `POST /signin`: where psrt sends the browser (GitHub's sign-in page), and the pending sign-in's cookie. */
export async function startSignIn(
  app: Hono<WebEnv>,
  options: { next?: string; headers?: Record<string, string> } = {},
): Promise<{ authorize: URL; pending: string }> {
  const response = await app.request('/signin', {
    method: 'POST',
    headers: { ...fromPsrt, ...options.headers },
    body: new URLSearchParams(options.next ? { next: options.next } : {}),
  });
  const location = response.headers.get('location');
  const pending = setCookie(response, 'psrt_signin');
  if (response.status !== 302 || !location || !pending)
    throw new Error(
      `POST /signin answered ${response.status}, not GitHub's sign-in page (${(await response.text()).slice(0, 200)}): was the web app given gitHubSignIn (the sandbox's services.github.signIn, or testGitHubSignIn())?`,
    );
  return { authorize: new URL(location), pending };
}

/** A button on the GitHub simulator's sign-in page: a person's login, or Cancel. Answers where GitHub sends the browser. */
export async function pickOnGitHub(authorize: URL, who: string | { cancel: true }): Promise<URL> {
  const fields = {
    ...Object.fromEntries(authorize.searchParams),
    ...(typeof who === 'string' ? { decision: 'authorize', login: who } : { decision: 'cancel' }),
  };
  const response = await reach(authorize.origin)(
    new Request(new URL(authorize.pathname, authorize.origin), {
      method: 'POST',
      headers: { origin: authorize.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    }),
  );
  const location = response.headers.get('location');
  if (response.status !== 302 || !location)
    throw new Error(
      `GitHub's sign-in page answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  return new URL(location);
}

export async function signIn(app: Hono<WebEnv>, login: string): Promise<SignedIn> {
  const { authorize, pending } = await startSignIn(app);
  const back = await pickOnGitHub(authorize, login);
  const response = await app.request(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
  const cookie = setCookie(response, 'psrt_session');
  if (response.status !== 303 || !cookie)
    throw new Error(
      `signing in as ${login} failed (${response.status}): ${(await response.text()).slice(0, 300)}`,
    );
  // Every page of a session carries its CSRF token in the header's sign-out form.
  const html = await (await app.request('/signin', { headers: { cookie } })).text();
  const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('the signed-in page carries no CSRF field');
  return { cookie, csrf, headers: { cookie, ...fromPsrt, 'x-csrf-token': csrf } };
}
