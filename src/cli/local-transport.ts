// Calling the API in this process, on the database the command opened, when
// no server is configured: the same API app `psrt serve` mounts, called with
// `app.request()` and with the person the command acts as (`--as`, trusted as
// the local operator always was). Loaded only then, with the database code.
import { Hono } from 'hono';
import type { AppContext } from '../app/context.ts';
import type { OpenedApp } from '../app/open.ts';
import type { Config } from '../config/config.ts';
import type { Principal } from '../domain/report.ts';
import { apiRoutes } from '../web/api/index.ts';
import { problem } from '../web/api/problem.ts';
import type { WebEnv } from '../web/env.ts';
import type { ApiTransport } from './api-client.ts';

export function localTransport(
  ctx: AppContext,
  config: Config,
  opened: OpenedApp,
  principal: Principal,
): ApiTransport {
  const app = new Hono<WebEnv>();
  app.use(async (c, next) => {
    c.set('login', principal.kind === 'user' ? principal.login : null);
    c.set('principal', principal);
    // The operator at the terminal acts with every right the person has.
    c.set('auth', { kind: 'local' });
    await next();
  });
  app.route(
    '/api',
    apiRoutes({
      ctx,
      sandbox: config.sandbox,
      services: {
        github: opened.github,
        cna: opened.cna,
        cnaOperators: config.cna.operators,
        forwardTo: config.intake.forwardTo,
      },
    }),
  );
  app.notFound((c) => problem(c, 404, 'No such API operation.'));
  return {
    where: `psrt (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir})`,
    async send(method, path, body) {
      const response = await app.request(`http://psrt.local/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body,
      });
      return { status: response.status, text: await response.text() };
    },
  };
}
