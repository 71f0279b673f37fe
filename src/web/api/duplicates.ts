// /api/v1/reports/{id}/merge and /similar: each calls the one use-case the CLI
// command and the report page call.
import { OpenAPIHono } from '@hono/zod-openapi';
import { mergeReport } from '../../app/merge.ts';
import { similarToReport } from '../../app/similar.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/duplicates.ts';

export function duplicateOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.mergeReport, async (c) => {
      const { into } = c.req.valid('json');
      return c.json(await mergeReport(ctx, c.get('principal'), c.req.valid('param').id, into), 200);
    })
    .openapi(routes.similarReports, async (c) =>
      withETag(c, { suggestions: await similarToReport(ctx, c.get('principal'), c.req.valid('param').id) }),
    );
}
