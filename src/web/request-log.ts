// Every request gets an id: GitHub's delivery id for a webhook, the caller's X-Request-Id when it is
// a plain token (a proxy in front sets one), a new one otherwise. It is sent back in X-Request-Id,
// is on every log line written while the request is handled (withLogContext), and one line says how
// the request ended. That line names the route pattern (/reports/:id), never the path: a path can
// name a report, and a query can hold search words.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { type Logger, withLogContext } from '../config/logger.ts';

const plainId = /^[A-Za-z0-9._:-]{1,64}$/;

/** Probes and static files are logged at debug: at info they would drown what matters. */
const quiet = new Set(['/healthz', '/readyz', '/metrics', '/static/app.css', '/static/cvss.js']);

export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const offered = c.req.header('x-github-delivery') ?? c.req.header('x-request-id');
    const requestId = offered && plainId.test(offered) ? offered : randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await withLogContext({ requestId }, async () => {
      await next();
      const route = routePath(c);
      const line = {
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (quiet.has(route)) log.debug(line, 'request');
      else log.info(line, 'request');
    });
  };
}
