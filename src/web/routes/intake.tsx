// `/intake`: the admins' security@ triage queue and threads, through the intake use-cases
// (listIntake, showThread, readAttachment, triageThread). Mail is embargoed: who may not
// read it is refused before anything is read, the same answer whatever thread they name.
// A decision posts to `/intake/:id/triage` and lands back on the thread with a flash (or on
// the report it was filed as or linked to); a refusal is the thread page with its message.
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAllowed } from '../../app/authorize.ts';
import { UseCaseError } from '../../app/errors.ts';
import { listIntake, readAttachment, showThread } from '../../app/intake-queue.ts';
import { triageThread } from '../../app/intake-triage.ts';
import type { Action } from '../../domain/access.ts';
import { renderReply } from '../../records/replies.ts';
import { statusOfUseCaseError } from '../api/problem.ts';
import { attachmentHeaders } from '../attachment.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { leaveFlash, takeFlash } from '../flash.ts';
import { PolicyCheck, SimilarReports } from '../pages/intake-advice.tsx';
import { IntakeQueuePage, intakeTabs } from '../pages/intake-queue.tsx';
import { IntakeThreadPage } from '../pages/intake-thread.tsx';
import { decisionOf, decisionWords } from './intake-form.ts';
import { setFlash } from './report-view.tsx';
import { signInFirst } from './signin.tsx';

const PAGE_SIZE = 50;
const idPattern = /^[1-9]\d{0,15}$/;

/** Admins only (PEP 811), refused before anything is read or parsed. */
function admin(c: Context<WebEnv>, action: Action): void {
  if (!isAllowed(c.get('principal'), action))
    throw new UseCaseError('forbidden', 'Only PSRT admins may read and triage security@ mail; ask an admin.');
}

function numberOf(value: string, what: string): number {
  if (!idPattern.test(value))
    throw new UseCaseError('not-found', `There is no ${what} ${value}: they are numbered.`);
  return Number(value);
}

const flashOf = (threadId: number) => ({ path: '/intake', key: String(threadId) });

export function intakeRoutes(deps: WebDeps): Hono<WebEnv> {
  const { ctx, sandbox } = deps;
  const forwardTo = deps.forwardTo ?? [];
  const app = new Hono<WebEnv>();

  const renderThread = async (
    c: Context<WebEnv>,
    threadId: number,
    problem?: { status: ContentfulStatusCode; message: string },
  ) => {
    const view = await showThread(ctx, c.get('principal'), threadId);
    const flash = takeFlash(c, flashOf(threadId));
    if (problem) c.status(problem.status);
    return c.render(
      <IntakeThreadPage
        {...view}
        now={ctx.now()}
        sandbox={sandbox}
        flash={problem ? null : flash}
        problem={problem?.message ?? null}
        triage={{
          forwardTo,
          rejectionReply: renderReply({ reason: 'not-a-vulnerability', detail: null })?.body ?? null,
          missing: view.policy.missing,
        }}
        advice={{
          policyCheck: <PolicyCheck policy={view.policy} notice={view.notice} />,
          similarReports: <SimilarReports similar={view.similar} />,
        }}
      />,
    );
  };

  app.get('/intake', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    admin(c, 'intake.read');
    const asked = c.req.query('tab') ?? 'queue';
    const tab = intakeTabs.find((name) => name === asked);
    if (!tab) throw new UseCaseError('invalid', `No tab "${asked}": choose ${intakeTabs.join(', ')}.`);
    const pageText = c.req.query('page') ?? '1';
    const page = idPattern.test(pageText) ? Math.min(Number(pageText), 10_000) : 1;
    const listing = await listIntake(ctx, c.get('principal'), {
      status: tab,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return c.render(
      <IntakeQueuePage
        tab={tab}
        {...listing}
        page={page}
        pageSize={PAGE_SIZE}
        now={ctx.now()}
        sandbox={sandbox}
      />,
    );
  });

  app.get('/intake/:id', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    admin(c, 'intake.read');
    return renderThread(c, numberOf(c.req.param('id'), 'security@ thread'));
  });

  app.post('/intake/:id/triage', async (c) => {
    // Back to the thread: the form's action is no page to land on.
    if (!c.get('login')) return signInFirst(c, `/intake/${encodeURIComponent(c.req.param('id'))}`);
    admin(c, 'intake.triage');
    const threadId = numberOf(c.req.param('id'), 'security@ thread');
    try {
      const decision = decisionOf(await c.req.parseBody({ all: true }));
      const result = await triageThread(ctx, c.get('principal'), threadId, decision, { forwardTo });
      const words = decisionWords(decision, threadId, forwardTo);
      if (result.report) {
        setFlash(c, result.report.id, words);
        return c.redirect(`/reports/${encodeURIComponent(result.report.id)}`, 303);
      }
      leaveFlash(c, flashOf(threadId), words);
      return c.redirect(`/intake/${threadId}`, 303);
    } catch (error) {
      if (!(error instanceof UseCaseError) || error.code === 'not-found' || error.code === 'forbidden')
        throw error;
      return renderThread(c, threadId, { status: statusOfUseCaseError[error.code], message: error.message });
    }
  });

  app.get('/intake/messages/:messageId/attachments/:position', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    admin(c, 'intake.read');
    const messageId = numberOf(c.req.param('messageId'), 'message');
    const position = c.req.param('position');
    if (!/^\d{1,4}$/.test(position))
      throw new UseCaseError('not-found', `Message ${messageId} has no attachment ${position}.`);
    const attachment = await readAttachment(ctx, c.get('principal'), messageId, Number(position));
    return c.body(new Uint8Array(attachment.content), 200, attachmentHeaders(attachment.filename));
  });

  return app;
}
