// Signing in to the web app in tests, as a browser would, without sockets
// (`app.request()`): the session cookie to send, and the CSRF token every form
// and state-changing request of that session must carry.
import type { Hono } from 'hono';
import type { WebEnv } from '../../src/web/env.ts';

export interface SignedIn {
  /** `name=value`, for a `cookie` header. */
  cookie: string;
  csrf: string;
  /** Headers for a state-changing request from psrt's own page: cookie, Origin and the CSRF header. */
  headers: Record<string, string>;
}

/** What a browser sends with a request from one of psrt's own pages (app.request() addresses http://localhost). */
export const fromPsrt = { origin: 'http://localhost' };

export async function signIn(app: Hono<WebEnv>, login: string): Promise<SignedIn> {
  const response = await app.request('/signin', {
    method: 'POST',
    headers: fromPsrt,
    body: new URLSearchParams({ login }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || !cookie)
    throw new Error(`signing in as ${login} failed (${response.status})`);
  const html = await (await app.request('/reports', { headers: { cookie } })).text();
  const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('the signed-in page carries no CSRF field');
  return { cookie, csrf, headers: { cookie, ...fromPsrt, 'x-csrf-token': csrf } };
}
