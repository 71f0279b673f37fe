// /api/v1/reports: the reports the caller may see, and what they do with one.
// Each operation calls the one use-case the CLI command and the pages call.
import { OpenAPIHono } from '@hono/zod-openapi';
import {
  acceptHandoff,
  assignCoordinator,
  createReport,
  declineHandoff,
  determineReport,
  editReport,
  extendDeadline,
  listOpenReports,
  requestHandoff,
  showReport,
  transitionReport,
} from '../../app/reports.ts';
import type { Severity } from '../../domain/cvss.ts';
import type { Principal } from '../../domain/report.ts';
import type { ReportFilters } from '../../store/index.ts';
import type { WebEnv } from '../env.ts';
import { cursorAfter, decodeCursor } from './cursor.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import { ApiProblem } from './problem.ts';
import * as routes from './routes/reports.ts';

const severityWord: Record<(typeof routes.severities)[number], Severity | 'unscored'> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
  unscored: 'unscored',
};

/** The person acting, for what only a signed-in person can ask ("mine", "me"). */
function signedIn(principal: Principal, what: string): string {
  if (principal.kind !== 'user') throw new ApiProblem(401, `Sign in to ask for ${what}.`);
  return principal.login;
}

export function reportOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.listReports, async (c) => {
      const query = c.req.valid('query');
      const principal = c.get('principal');
      const filters: ReportFilters = {
        ...(query.repository ? { repository: query.repository } : {}),
        ...(query.severity ? { severity: severityWord[query.severity] } : {}),
        ...(query.coordinator
          ? { coordinator: query.coordinator === 'none' ? null : query.coordinator }
          : {}),
        ...(query.mine ? { involving: signedIn(principal, 'your own reports') } : {}),
      };
      const open = query.state === 'open' ? true : query.state === 'finished' ? false : 'all';
      if (query.cursor === undefined && query.page !== undefined) {
        // A numbered page, as the dashboard and the CLI show them; its `next` continues after it.
        const page = await listOpenReports(ctx, principal, {
          open,
          page: query.page,
          pageSize: query.limit,
          filters,
        });
        const last = page.reports.at(-1);
        const more = query.page * query.limit < page.total;
        const next = more && last ? cursorAfter(last.report) : null;
        return withETag(c, {
          reports: page.reports,
          total: page.total,
          page: query.page,
          pageSize: query.limit,
          next,
        });
      }
      const page = await listOpenReports(ctx, principal, {
        open,
        // One more than asked: whether it comes back says if there is a next page.
        pageSize: query.limit + 1,
        after: decodeCursor(query.cursor),
        filters,
      });
      const reports = page.reports.slice(0, query.limit);
      const last = reports.at(-1);
      const next = page.reports.length > query.limit && last ? cursorAfter(last.report) : null;
      return withETag(c, { reports, total: page.total, page: 1, pageSize: query.limit, next });
    })
    .openapi(routes.getReport, async (c) =>
      withETag(c, await showReport(ctx, c.get('principal'), c.req.valid('param').id)),
    )
    .openapi(routes.createReport, async (c) => {
      const { ghsaId, reporter, ...input } = c.req.valid('json');
      const report = await createReport(ctx, c.get('principal'), {
        ...input,
        ghsaId: ghsaId ?? null,
        reporter: reporter ?? null,
      });
      return c.json(report, 201);
    })
    .openapi(routes.editReport, async (c) => {
      const report = await editReport(ctx, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(report, 200);
    })
    .openapi(routes.assignCoordinator, async (c) => {
      const principal = c.get('principal');
      const login = c.req.valid('json').login ?? signedIn(principal, 'yourself as coordinator');
      return c.json(await assignCoordinator(ctx, principal, c.req.valid('param').id, login), 200);
    })
    .openapi(routes.requestHandoff, async (c) => {
      const { to } = c.req.valid('json');
      return c.json(await requestHandoff(ctx, c.get('principal'), c.req.valid('param').id, to), 200);
    })
    .openapi(routes.acceptHandoff, async (c) =>
      c.json(await acceptHandoff(ctx, c.get('principal'), c.req.valid('param').id), 200),
    )
    .openapi(routes.declineHandoff, async (c) =>
      c.json(await declineHandoff(ctx, c.get('principal'), c.req.valid('param').id), 200),
    )
    .openapi(routes.determineReport, async (c) => {
      const { determination } = c.req.valid('json');
      return c.json(
        await determineReport(ctx, c.get('principal'), c.req.valid('param').id, determination),
        200,
      );
    })
    .openapi(routes.acceptReport, async (c) =>
      c.json(await transitionReport(ctx, c.get('principal'), c.req.valid('param').id, 'accept'), 200),
    )
    .openapi(routes.rejectReport, async (c) => {
      const rejection = c.req.valid('json');
      const id = c.req.valid('param').id;
      return c.json(await transitionReport(ctx, c.get('principal'), id, 'reject', { rejection }), 200);
    })
    .openapi(routes.reopenReport, async (c) => {
      const { reason } = c.req.valid('json');
      const id = c.req.valid('param').id;
      return c.json(await transitionReport(ctx, c.get('principal'), id, 'reopen', { reason }), 200);
    })
    .openapi(routes.extendDeadline, async (c) => {
      const extension = c.req.valid('json');
      return c.json(await extendDeadline(ctx, c.get('principal'), c.req.valid('param').id, extension), 200);
    });
}
