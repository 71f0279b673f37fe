// Whether a request comes from psrt's own origin, as a browser tells it: the
// Origin header, else Sec-Fetch-Site, else the Referer. A request that proves
// nothing counts as foreign. Used by the forgery guard (web/auth).
import type { Context } from 'hono';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => safeMethods.has(method);

/** `publicOrigin`: psrt's configured public origin; the request's own origin when none is. */
export function sameOrigin(c: Context, publicOrigin: string | null): boolean {
  const expected = publicOrigin ?? new URL(c.req.url).origin;
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin === expected;
  const fetchSite = c.req.header('sec-fetch-site');
  if (fetchSite !== undefined) return fetchSite === 'same-origin';
  const referer = c.req.header('referer');
  if (referer !== undefined) return originOf(referer) === expected;
  return false;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
