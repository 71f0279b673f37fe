// /api/v1/reports/{id}/grants and /credits: who may see a report besides the
// team, and who the publication credits.
import { OpenAPIHono } from '@hono/zod-openapi';
import { dropCredit } from '../../app/credits.ts';
import { grantAccess, revokeAccess } from '../../app/grants.ts';
import { showReport } from '../../app/reports.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/access.ts';

export function accessOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.grantAccess, async (c) => {
      const grant = await grantAccess(ctx, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(grant, 201);
    })
    .openapi(routes.revokeAccess, async (c) => {
      const { id, login } = c.req.valid('param');
      return c.json({ revoked: await revokeAccess(ctx, c.get('principal'), id, login) }, 200);
    })
    .openapi(routes.listCredits, async (c) => {
      // The credits are the report's own: whoever may see the report sees them, as on its page.
      const { report } = await showReport(ctx, c.get('principal'), c.req.valid('param').id);
      return withETag(c, { reportId: report.id, credits: report.publication.credits });
    })
    .openapi(routes.dropCredit, async (c) => {
      const { id, who } = c.req.valid('param');
      return c.json(await dropCredit(ctx, c.get('principal'), id, who), 200);
    });
}
