// Who is signed in: a signed, HTTP-only session cookie holding the login. The
// principal (member, roles) is resolved from the roster on every request, so a
// roster change takes effect at once.
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';

const COOKIE = 'psrt_session';
const MAX_AGE_S = 12 * 3600;

export async function sessionLogin(c: Context, secret: string): Promise<string | null> {
  const value = await getSignedCookie(c, secret, COOKIE);
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * `secure`: send the cookie over https only. Decided by the configured public
 * URL, not the request: behind a TLS proxy every request arrives as http.
 */
export async function startSession(
  c: Context,
  secret: string,
  login: string,
  secure: boolean,
): Promise<void> {
  await setSignedCookie(c, COOKIE, login, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: MAX_AGE_S,
    secure,
  });
}

export function endSession(c: Context, secure: boolean): void {
  deleteCookie(c, COOKIE, { path: '/', secure });
}
