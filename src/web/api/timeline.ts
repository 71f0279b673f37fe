// /api/v1/reports/{id}/timeline: a report's timeline, read through the same
// use-case as its page, so a collaborator gets exactly what the page shows them
// and a report they may not see is the same 404 as one that does not exist.
import { OpenAPIHono } from '@hono/zod-openapi';
import { reportTimeline } from '../../app/timeline.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/reports.ts';

export function timelineOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>().openapi(routes.getReportTimeline, async (c) => {
    const { id } = c.req.valid('param');
    // The use-case finds a report by its exact id only: the id asked for is the report's.
    return withETag(c, { reportId: id, entries: await reportTimeline(ctx, c.get('principal'), id) });
  });
}
