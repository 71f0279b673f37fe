// /api/v1/audit: the tamper-evident audit log, read a page at a time and
// verified (admins): a GET only checks, a POST checks and records the check.
import { OpenAPIHono } from '@hono/zod-openapi';
import { parseAuditHead, verifyAudit } from '../../app/audit.ts';
import { auditLogAs, verifyAndRecordAudit } from '../../app/audit-log.ts';
import { UseCaseError } from '../../app/errors.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/admin.ts';

const headOf = (text: string | undefined) => (text ? parseAuditHead(text) : undefined);

/** The audit log's cursor is the sequence number the next (older) page starts below, as text. */
function before(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^\d{1,15}$/.test(cursor))
    throw new UseCaseError(
      'invalid',
      'The cursor is not one psrt gave: pass back the `next` of the previous page.',
    );
  return Number(cursor);
}

export function auditOperations({ ctx }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.listAuditEvents, async (c) => {
      const { subject, actor, limit, cursor } = c.req.valid('query');
      const page = await auditLogAs(ctx, c.get('principal'), {
        subject,
        actor,
        before: before(cursor),
        limit,
      });
      return withETag(c, { events: page.events, next: page.next === null ? null : String(page.next) });
    })
    .openapi(routes.verifyAudit, async (c) => {
      const { expectHead } = c.req.valid('query');
      return withETag(c, await verifyAudit(ctx, c.get('principal'), { expectHead: headOf(expectHead) }));
    })
    .openapi(routes.recordAuditVerification, async (c) => {
      const { expectHead } = c.req.valid('json');
      const verification = await verifyAndRecordAudit(ctx, c.get('principal'), {
        expectHead: headOf(expectHead),
      });
      return c.json(verification, 201);
    });
}
