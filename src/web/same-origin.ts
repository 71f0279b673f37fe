// Cross-site request forgery: a page elsewhere can make a signed-in
// browser post a form here. Every state-changing request must prove it comes
// from psrt's own pages; one middleware, so each new form is covered.
import type { MiddlewareHandler } from 'hono';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403) a POST, PUT, PATCH or DELETE that does not come from `origin`
 * (psrt's public origin; the request's own origin when none is configured).
 * The browser's Origin header decides; without one, Sec-Fetch-Site, then the
 * Referer; a request that proves nothing is refused.
 */
export function sameOriginOnly(publicOrigin: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const expected = publicOrigin ?? new URL(c.req.url).origin;
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const referer = c.req.header('referer');
    let same: boolean;
    if (origin !== undefined) same = origin === expected;
    else if (fetchSite !== undefined) same = fetchSite === 'same-origin';
    else if (referer !== undefined) same = originOf(referer) === expected;
    else same = false;
    if (!same)
      return c.text(
        'Refused: this request did not come from a psrt page. Go back to psrt and submit the form there.',
        403,
      );
    return next();
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
