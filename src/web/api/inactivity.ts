// /api/v1/inactivity: the yearly inactivity report to the Steering Council
// (admins), the same use-cases as the Inactivity reports page.
import { OpenAPIHono } from '@hono/zod-openapi';
import {
  listInactivity,
  periodChoiceOf,
  previewInactivity,
  produceInactivityReport,
  recordCouncilDecision,
  sendInactivityReport,
  showInactivityReport,
} from '../../app/inactivity.ts';
import type { InactivityReport } from '../../domain/inactivity.ts';
import { inactivityEmail } from '../../records/inactivity-email.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/inactivity.ts';

/** The report with its mail to the Council, as the page shows it. */
const withEmail = <R extends InactivityReport>(report: R) => ({ ...report, email: inactivityEmail(report) });

export function inactivityOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.previewInactivity, async (c) => {
      const { from, to } = c.req.valid('query');
      return withETag(
        c,
        withEmail(await previewInactivity(ctx, c.get('principal'), periodChoiceOf(from, to))),
      );
    })
    .openapi(routes.listInactivityReports, async (c) =>
      withETag(c, { reports: (await listInactivity(ctx, c.get('principal'))).map(withEmail) }),
    )
    .openapi(routes.produceInactivityReport, async (c) => {
      const { from, to } = c.req.valid('json');
      const report = await produceInactivityReport(ctx, c.get('principal'), periodChoiceOf(from, to));
      return c.json(withEmail(report), 201);
    })
    .openapi(routes.showInactivityReport, async (c) =>
      withETag(
        c,
        withEmail(await showInactivityReport(ctx, c.get('principal'), c.req.valid('param').reportId)),
      ),
    )
    .openapi(routes.sendInactivityReport, async (c) => {
      const report = await sendInactivityReport(ctx, c.get('principal'), c.req.valid('param').reportId);
      return c.json(withEmail(report), 200);
    })
    .openapi(routes.recordCouncilDecision, async (c) => {
      const { login, verdict, decision } = c.req.valid('json');
      const recorded = await recordCouncilDecision(ctx, c.get('principal'), c.req.valid('param').reportId, {
        login,
        verdict,
        councilDecision: decision,
      });
      return c.json(recorded, 201);
    });
}
