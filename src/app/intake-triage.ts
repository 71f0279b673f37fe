// An admin's triage of a security@ thread, as one transaction: the thread's
// new status, the audit event, the reply or forward (an effect, sent once),
// and for a plausible report the report it becomes or joins, received when
// the email was (its 90-day clock starts then).
import { disclosureDeadline } from '../domain/clocks.ts';
import type { Effect } from '../domain/effects.ts';
import { newReport } from '../domain/intake.ts';
import type { Principal, Report } from '../domain/report.ts';
import { GHSA_DESCRIPTION_MAX } from '../domain/report.ts';
import { decideTriage, earliestReceipt, keepsUpdateOwed, type TriageDecision } from '../domain/triage.ts';
import { forwardedReply, needsInformationReply, submitUsingGhsaReply } from '../records/intake-replies.ts';
import { renderReply } from '../records/replies.ts';
import {
  appendAudit,
  enqueueEffects,
  getThread,
  insertReport,
  listThreadMessages,
  nextReportId,
  type StoredThread,
  type Tx,
  updateThread,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import { type AppContext, actorName } from './context.ts';
import { UseCaseError } from './errors.ts';
import { asUseCaseError, loadVisibleReport, saveDecision, toOutbox } from './report-change.ts';

/** Where an admin may forward a thread (config `intake.forwardTo`). */
export interface ForwardDestination {
  name: string;
  address: string;
}

export interface TriageResult {
  thread: StoredThread;
  /** The report the thread was filed as or linked to. */
  report: Report | null;
}

export const threadNotFound = (id: number) =>
  new UseCaseError('not-found', `There is no security@ thread ${id}.`);

export async function triageThread(
  ctx: AppContext,
  actor: Principal,
  threadId: number,
  decision: TriageDecision,
  options: { forwardTo: readonly ForwardDestination[] },
): Promise<TriageResult> {
  authorize(actor, 'intake.triage');
  const now = ctx.now();
  const destination =
    decision.action === 'forward'
      ? options.forwardTo.find((d) => d.name === decision.destination || d.address === decision.destination)
      : undefined;
  if (decision.action === 'forward' && destination === undefined) {
    const known = options.forwardTo.map((d) => d.name).join(', ');
    throw new UseCaseError(
      'invalid',
      known
        ? `Forward to one of the configured destinations: ${known}.`
        : 'No forwarding destinations are configured (intake.forwardTo).',
    );
  }
  try {
    return await ctx.store.transaction(async (tx) => {
      const thread = await getThread(tx, threadId, { lock: true });
      if (thread === null) throw threadNotFound(threadId);
      const outcome = decideTriage(thread.status, decision);
      const version = `${thread.id}:${(thread.triagedAt ?? thread.receivedAt).toISOString()}`;
      let report: Report | null = null;
      if (decision.action === 'file') report = await fileReport(tx, actor, thread, decision, now);
      if (decision.action === 'link') report = await linkReport(tx, actor, thread, decision.reportId, now);
      const effects = repliesFor(thread, decision, version, report, destination);
      await updateThread(tx, thread.id, {
        status: outcome.status,
        reportId: report?.id ?? null,
        triagedBy: actorName(actor),
        triagedAt: now,
        triageDetail: outcome.detail,
        // Answered (or discarded): the update the acknowledgement promised is given, or owed no more.
        ...(keepsUpdateOwed(decision) ? {} : { nextUpdateBy: null }),
      });
      await appendAudit(tx, {
        actor: actorName(actor),
        action: `intake.${decision.action}`,
        subject: `mail-thread:${thread.id}`,
        at: now,
        change: { status: { from: thread.status, to: outcome.status }, detail: outcome.detail },
      });
      if (effects.length > 0) await enqueueEffects(tx, toOutbox(effects), now);
      const updated = await getThread(tx, thread.id);
      return { thread: updated ?? thread, report };
    });
  } catch (error) {
    throw asUseCaseError(error);
  }
}

function repliesFor(
  thread: StoredThread,
  decision: TriageDecision,
  version: string,
  report: Report | null,
  destination: ForwardDestination | undefined,
): Effect[] {
  const reply = (purpose: string, text: string): Effect => ({
    kind: 'intake.reply',
    key: `intake.reply:${version}:${purpose}`,
    reportId: report?.id ?? null,
    threadId: thread.id,
    purpose,
    text,
  });
  switch (decision.action) {
    case 'not-a-vulnerability': {
      const rendered = renderReply({ reason: 'not-a-vulnerability', detail: null });
      return rendered ? [reply('not-a-vulnerability', rendered.body)] : [];
    }
    case 'needs-information':
      return [reply('needs-information', needsInformationReply(decision.missing).body)];
    case 'redirect':
      return [reply('submit-using-ghsa', submitUsingGhsaReply(decision.repository).body)];
    case 'forward':
      return destination
        ? [
            reply('forwarded', forwardedReply(destination.name).body),
            {
              kind: 'intake.forward',
              key: `intake.forward:${version}:${destination.address}`,
              reportId: null,
              threadId: thread.id,
              to: bareAddress(destination.address),
              destination: destination.name,
            },
          ]
        : [];
    case 'file':
      // GitHub lets no integration submit a private report: the App opens the advisory itself.
      return report
        ? [
            {
              kind: 'ghsa.create',
              key: `ghsa.create:${report.id}`,
              reportId: report.id,
              repository: report.repository,
            },
          ]
        : [];
    default:
      return [];
  }
}

const bareAddress = (mailbox: string): string => /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox;

/** A new triage report from the thread, received when the first email was. */
async function fileReport(
  tx: Tx,
  actor: Principal,
  thread: StoredThread,
  decision: Extract<TriageDecision, { action: 'file' }>,
  now: Date,
): Promise<Report> {
  const [first] = await listThreadMessages(tx, [thread.id]);
  const from = thread.fromName
    ? `${thread.fromName} <${thread.fromAddress}>`
    : (thread.fromAddress ?? 'unknown');
  const description = [
    `Reported to security@python.org by ${from} on ${thread.receivedAt.toISOString().slice(0, 10)}.`,
    '',
    first?.text ?? '',
  ]
    .join('\n')
    .slice(0, GHSA_DESCRIPTION_MAX);
  const id = await nextReportId(tx, now.getUTCFullYear());
  const report = newReport(
    id,
    {
      repository: decision.repository,
      title: decision.title.trim(),
      description,
      receivedAt: thread.receivedAt,
      reporter: decision.reporterLogin || null,
    },
    now,
  );
  const credited: Report = {
    ...report,
    publication: {
      ...report.publication,
      credits:
        thread.fromName || thread.fromAddress
          ? [
              {
                name: thread.fromName ?? thread.fromAddress ?? '',
                type: 'finder',
                login: decision.reporterLogin || null,
                state: 'pending',
              },
            ]
          : [],
    },
  };
  await insertReport(tx, credited, disclosureDeadline(credited));
  await saveDecision(
    tx,
    actor,
    'report.create',
    null,
    { report: credited, audit: { created: id, fromThread: thread.id } },
    now,
  );
  return credited;
}

/** Joins the thread to a report the actor can see; the report's clock moves to the email's receipt if earlier. */
async function linkReport(
  tx: Tx,
  actor: Principal,
  thread: StoredThread,
  reportId: string,
  now: Date,
): Promise<Report> {
  const { report: before } = await loadVisibleReport(tx, actor, reportId, now);
  const receivedAt = earliestReceipt(before.receivedAt, thread.receivedAt);
  const after: Report = receivedAt === before.receivedAt ? before : { ...before, receivedAt, updatedAt: now };
  await saveDecision(
    tx,
    actor,
    'report.link-mail',
    before,
    { report: after, audit: { thread: thread.id, receivedAt: { from: before.receivedAt, to: receivedAt } } },
    now,
  );
  return after;
}
