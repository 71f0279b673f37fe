// /api/v1/roster: the member and emeritus lists, public as the devguide
// publishes them, and replacing them from devguide CSV (admins).
import { OpenAPIHono } from '@hono/zod-openapi';
import { exportRoster, getRoster, importRoster } from '../../app/roster.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/admin.ts';

export function rosterOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.listRoster, async (c) =>
      withETag(c, { entries: await getRoster(ctx, c.req.valid('query').list) }),
    )
    .openapi(routes.exportRoster, async (c) => {
      const csv = await exportRoster(ctx, c.req.valid('param').list);
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .openapi(routes.importRoster, async (c) =>
      c.json(await importRoster(ctx, c.get('principal'), c.req.valid('json')), 200),
    )
    .openapi(routes.whoAmI, (c) => {
      const principal = c.get('principal');
      return withETag(
        c,
        principal.kind === 'user'
          ? { login: principal.login, member: principal.member, roles: [...principal.roles] }
          : { login: null, member: false, roles: [] },
      );
    });
}
