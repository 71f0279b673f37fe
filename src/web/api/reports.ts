// /api/v1/reports: the reports the caller may see, and what they do with one.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listOpenReports, showReport } from '../../app/reports.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { withETag } from './etag.ts';
import { problemResponses } from './problem.ts';
import { ReportIdParam, ReportListSchema, ReportWithClocksSchema } from './schemas.ts';

const listReports = createRoute({
  method: 'get',
  path: '/v1/reports',
  operationId: 'listReports',
  tags: ['reports'],
  summary: 'Reports you may see, most urgent disclosure deadline first',
  request: {
    query: z.object({
      state: z.enum(['open', 'finished', 'all']).default('open'),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      cursor: z.string().optional(),
    }),
  },
  responses: {
    200: { description: 'A page of reports', content: { 'application/json': { schema: ReportListSchema } } },
    ...problemResponses(400, 401),
  },
});

const getReport = createRoute({
  method: 'get',
  path: '/v1/reports/{id}',
  operationId: 'getReport',
  tags: ['reports'],
  summary: 'One report with its clocks',
  request: { params: ReportIdParam },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: ReportWithClocksSchema } } },
    ...problemResponses(401, 404),
  },
});

export function reportOperations({ ctx }: WebDeps) {
  return new OpenAPIHono<WebEnv>()
    .openapi(listReports, async (c) => {
      const { state, limit, cursor } = c.req.valid('query');
      const offset = decodeCursor(cursor);
      const page = await listOpenReports(ctx, c.get('principal'), {
        open: state === 'open' ? true : state === 'finished' ? false : 'all',
        pageSize: limit,
        offset,
      });
      const end = offset + page.reports.length;
      return withETag(c, {
        reports: page.reports,
        total: page.total,
        next: end < page.total ? encodeCursor(end) : null,
      });
    })
    .openapi(getReport, async (c) => {
      const { report, clocks } = await showReport(ctx, c.get('principal'), c.req.valid('param').id);
      return withETag(c, { report, clocks });
    });
}
