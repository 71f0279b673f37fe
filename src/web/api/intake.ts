// /api/v1/intake: the security@ triage queue (admins).
import { OpenAPIHono } from '@hono/zod-openapi';
import { listIntake, showThread } from '../../app/intake-queue.ts';
import { triageThread } from '../../app/intake-triage.ts';
import type { StoredMessage } from '../../store/index.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import * as routes from './routes/intake.ts';

/** A message as the API shows it: its text, never its HTML or bytes. */
export const messageBody = ({
  html,
  threadId: _t,
  readStatus: _r,
  replyTo: _p,
  inReplyTo: _i,
  refs: _f,
  autoSubmitted: _a,
  ...message
}: StoredMessage) => ({
  ...message,
  hasHtml: html !== null,
  attachments: message.attachments ?? [],
});

export function intakeOperations({ ctx, services }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.listIntake, async (c) =>
      withETag(c, await listIntake(ctx, c.get('principal'), c.req.valid('query'))),
    )
    .openapi(routes.showThread, async (c) => {
      const view = await showThread(ctx, c.get('principal'), c.req.valid('param').threadId);
      return withETag(c, { ...view, messages: view.messages.map(messageBody) });
    })
    .openapi(routes.triageThread, async (c) => {
      const result = await triageThread(
        ctx,
        c.get('principal'),
        c.req.valid('param').threadId,
        c.req.valid('json'),
        {
          forwardTo: services.forwardTo ?? [],
        },
      );
      return c.json({ thread: result.thread, reportId: result.report?.id ?? null }, 200);
    });
}
