// /api/v1/intake: the security@ triage queue (admins).
import { OpenAPIHono } from '@hono/zod-openapi';
import { listIntake, showThread } from '../../app/intake-queue.ts';
import { triageThread } from '../../app/intake-triage.ts';
import type { StoredMessage, StoredThread } from '../../store/index.ts';
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

/** A thread as the API shows it: the queue's fields, not psrt's own bookkeeping (when it last reminded). */
export const threadBody = ({ remindedFor: _r, ...thread }: StoredThread) => thread;

export function intakeOperations({ ctx, services }: ApiDeps): OpenAPIHono<WebEnv> {
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.listIntake, async (c) =>
      withETag(
        c,
        await listIntake(ctx, c.get('principal'), c.req.valid('query')).then((page) => ({
          ...page,
          threads: page.threads.map(threadBody),
        })),
      ),
    )
    .openapi(routes.showThread, async (c) => {
      const view = await showThread(ctx, c.get('principal'), c.req.valid('param').threadId);
      return withETag(c, {
        thread: threadBody(view.thread),
        messages: view.messages.map(messageBody),
        history: view.history.map(threadBody),
        policy: view.policy,
        notice: view.notice,
        similar: view.similar,
      });
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
      return c.json({ thread: threadBody(result.thread), reportId: result.report?.id ?? null }, 200);
    });
}
