// /api/v1/reports: the reports the caller may see, and what they do with one.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { listOpenReports, showReport } from '../../app/reports.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { cursorAfter, decodeCursor } from './cursor.ts';
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
      const page = await listOpenReports(ctx, c.get('principal'), {
        open: state === 'open' ? true : state === 'finished' ? false : 'all',
        // One more than asked: whether it comes back says if there is a next page.
        pageSize: limit + 1,
        after: decodeCursor(cursor),
      });
      const reports = page.reports.slice(0, limit);
      const last = reports.at(-1);
      const next = page.reports.length > limit && last ? cursorAfter(last.report) : null;
      return withETag(c, { reports, total: page.total, next });
    })
    .openapi(getReport, async (c) => {
      const { report, clocks } = await showReport(ctx, c.get('principal'), c.req.valid('param').id);
      return withETag(c, { report, clocks });
    });
}
