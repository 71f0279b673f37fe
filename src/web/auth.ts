// Who is asking, for every request past the webhook endpoint: a personal API
// token (`Authorization: Bearer psrt_…`), else a browser session cookie, else
// nobody. Then the guard against cross-site request forgery: a state-changing
// request with a session must come from psrt's own origin AND carry the
// session's CSRF token; one with a token must have a scope that may act.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../app/context.ts';
import { type HolderView, sessionFor, signIn, signOut, tokenPrincipal } from '../app/sessions.ts';
import { SESSION_MAX_MS, scopeAllowsChanges } from '../domain/sessions.ts';
import type { WebEnv } from './env.ts';
import { isSafeMethod, sameOrigin } from './same-origin.ts';

/** The form field and header that carry a session's CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface CookiePolicy {
  /** Sent over https only (psrt's public URL is https): then named `__Host-…`, bound to this host. */
  secure: boolean;
}

const cookieName = ({ secure }: CookiePolicy) => (secure ? '__Host-psrt_session' : 'psrt_session');

/** What a refusal looks like to the caller: a page's text, or an API problem. */
export type Refuse = (c: Context<WebEnv>, status: 401 | 403, message: string) => Response | Promise<Response>;

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/** Members' reads may be answered again while nothing changed (web/read-cache); no one else's. */
function setReadKey(c: Context<WebEnv>, holder: HolderView): void {
  if (holder.principal.kind === 'user' && holder.principal.member)
    c.set('readKey', `${holder.snapshot} ${holder.credential}`);
}

/** Sets `login`, `principal` and `auth` for the rest of the request. */
export function whoIsAsking(
  ctx: AppContext,
  cookies: CookiePolicy,
  refuse: Refuse,
): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const bearer = bearerToken(c);
    if (bearer !== null) {
      const owner = await tokenPrincipal(ctx, bearer);
      if (!owner) {
        c.header('WWW-Authenticate', 'Bearer realm="psrt"');
        return refuse(
          c,
          401,
          'This API token is unknown, expired or revoked: make a new one on the Tokens page.',
        );
      }
      c.set('login', owner.login);
      c.set('principal', owner.principal);
      c.set('auth', { kind: 'token', scope: owner.scope });
      setReadKey(c, owner);
      return next();
    }
    const cookie = getCookie(c, cookieName(cookies));
    const session = cookie ? await sessionFor(ctx, cookie) : null;
    if (session) {
      c.set('login', session.login);
      c.set('principal', session.principal);
      c.set('auth', { kind: 'session', csrf: session.csrf, token: cookie ?? '' });
      setReadKey(c, session);
    } else {
      // A cookie that opens nothing (ended, or never ours) is dropped so the browser stops sending it.
      if (cookie !== undefined) deleteCookie(c, cookieName(cookies), { path: '/', secure: cookies.secure });
      c.set('login', null);
      c.set('principal', { kind: 'anonymous' });
      c.set('auth', { kind: 'anonymous' });
    }
    return next();
  };
}

/**
 * Refuses (403) a state-changing request that psrt's pages did not send: from
 * another origin, or with a session but without its CSRF token, or with a
 * token that may only read.
 */
export function forgeryGuard(publicOrigin: string | null, refuse: Refuse): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (isSafeMethod(c.req.method)) return next();
    const auth = c.get('auth');
    if (auth.kind === 'token') {
      if (!scopeAllowsChanges(auth.scope))
        return refuse(
          c,
          403,
          'This API token may only read: make one with the act scope to change anything.',
        );
      return next();
    }
    if (!sameOrigin(c, publicOrigin))
      return refuse(
        c,
        403,
        'Refused: this request did not come from a psrt page. Go back to psrt and submit the form there.',
      );
    if (auth.kind === 'session' && (await sentCsrfToken(c)) !== auth.csrf)
      return refuse(
        c,
        403,
        'Refused: this form is out of date (it was not made for your current sign-in). Reload the page and try again.',
      );
    return next();
  };
}

async function sentCsrfToken(c: Context): Promise<string | null> {
  const header = c.req.header(CSRF_HEADER);
  if (header !== undefined) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    return null;
  const value = (await c.req.parseBody())[CSRF_FIELD];
  return typeof value === 'string' ? value : null;
}

/** Signs `login` in on this browser: a new session (any earlier one of this browser ends). */
export async function startSession(
  c: Context<WebEnv>,
  ctx: AppContext,
  login: string,
  cookies: CookiePolicy,
): Promise<void> {
  const auth = c.get('auth');
  const { token } = await signIn(ctx, login, auth.kind === 'session' ? auth.token : null);
  setCookie(c, cookieName(cookies), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: cookies.secure,
    maxAge: SESSION_MAX_MS / 1000,
  });
}

export async function endSession(c: Context<WebEnv>, ctx: AppContext, cookies: CookiePolicy): Promise<void> {
  const auth = c.get('auth');
  if (auth.kind === 'session') await signOut(ctx, auth.token);
  deleteCookie(c, cookieName(cookies), { path: '/', secure: cookies.secure });
}
