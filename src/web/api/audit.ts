// /api/v1/audit: the tamper-evident audit log, read a page at a time and
// verified (admins).
import { OpenAPIHono } from '@hono/zod-openapi';
import { listAuditEvents, parseAuditHead, verifyAudit } from '../../app/audit.ts';
import { UseCaseError } from '../../app/errors.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/admin.ts';

/** The audit log's cursor is the last event's sequence number, as text. */
function afterSeq(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
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
      const { subject, limit, cursor } = c.req.valid('query');
      const events = await listAuditEvents(ctx, c.get('principal'), {
        afterSeq: afterSeq(cursor),
        limit,
        ...(subject === undefined ? {} : { subject }),
      });
      const last = events.at(-1);
      return withETag(c, { events, next: events.length === limit && last ? String(last.seq) : null });
    })
    .openapi(routes.verifyAudit, async (c) => {
      const { expectHead } = c.req.valid('query');
      const verdict = await verifyAudit(ctx, c.get('principal'), {
        expectHead: expectHead ? parseAuditHead(expectHead) : undefined,
      });
      return withETag(c, verdict);
    });
}
