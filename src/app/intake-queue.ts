// What the admins' triage queue shows: threads awaiting a decision (or any
// listing), and one thread in full with its messages and the sender's
// earlier reports. Mail is embargoed: admins only (intake.read).
import { defaultPythonBranches } from '../config/python-branches.ts';
import { type ManufacturerNotice, manufacturerNotice } from '../domain/manufacturer-notice.ts';
import { type PolicyChecklist, policyChecklist } from '../domain/policy-check.ts';
import type { Principal } from '../domain/report.ts';
import {
  countPendingMail,
  getMailAttachment,
  getThread,
  listThreadMessages,
  listThreads,
  type StoredMessage,
  type StoredThread,
  type ThreadFilter,
  threadCandidates,
  threadsFrom,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import type { AppContext } from './context.ts';
import { threadNotFound } from './intake-triage.ts';
import { type SimilarItem, type Suggestion, suggestDuplicates } from './similar.ts';

export interface IntakePage {
  threads: StoredThread[];
  total: number;
  /** Messages stored and not read yet (a moment after arriving, or left by a crash). */
  unread: number;
}

export async function listIntake(
  ctx: AppContext,
  actor: Principal,
  filter: ThreadFilter,
): Promise<IntakePage> {
  authorize(actor, 'intake.read');
  const [page, unread] = await Promise.all([
    listThreads(ctx.store.db, filter),
    countPendingMail(ctx.store.db),
  ]);
  return { ...page, unread };
}

export interface ThreadView {
  thread: StoredThread;
  messages: StoredMessage[];
  /** The sender's other threads, newest first, with where each ended. */
  history: StoredThread[];
  /** The first message checked against the devguide's security policy. */
  policy: PolicyChecklist;
  /** Whether it reads as a manufacturer's notice under CRA Art. 13(6). */
  notice: ManufacturerNotice;
  /** Reports and other threads it may duplicate, most likely first. */
  similar: Suggestion[];
}

export async function showThread(ctx: AppContext, actor: Principal, threadId: number): Promise<ThreadView> {
  authorize(actor, 'intake.read');
  const thread = await getThread(ctx.store.db, threadId);
  if (thread === null) throw threadNotFound(threadId);
  const [messages, earlier] = await Promise.all([
    listThreadMessages(ctx.store.db, [thread.id]),
    thread.fromAddress ? threadsFrom(ctx.store.db, thread.fromAddress, 21) : Promise.resolve([]),
  ]);
  const first = messages[0];
  const input = {
    subject: thread.subject,
    text: first?.text ?? '',
    attachments: first?.attachments ?? [],
  };
  const item: SimilarItem = {
    repository: null,
    title: thread.subject,
    text: input.text,
    reporters: thread.fromAddress ? [thread.fromAddress.toLowerCase()] : [],
    receivedAt: thread.receivedAt,
  };
  const others = await threadCandidates(ctx.store.db, thread.id, 200);
  const ranked = await suggestDuplicates(ctx, item, {
    excludeReportId: thread.reportId,
    limit: 10,
    // A thread that became (or joined) a report stands for that report.
    threads: others.map((other) => ({
      kind: other.reportId ? 'report' : 'thread',
      id: other.reportId ?? String(other.id),
      repository: null,
      title: other.subject,
      text: other.text ?? '',
      reporters: other.fromAddress ? [other.fromAddress.toLowerCase()] : [],
      receivedAt: other.receivedAt,
    })),
  });
  const seen = new Set<string>();
  const similar = ranked
    .filter(
      (s) => s.id !== thread.reportId && !seen.has(`${s.kind}:${s.id}`) && seen.add(`${s.kind}:${s.id}`),
    )
    .slice(0, 5);
  return {
    thread,
    messages,
    history: earlier.filter((t) => t.id !== thread.id).slice(0, 20),
    policy: policyChecklist({ ...input, repository: null }, { supportedVersions: branchesOf(ctx) }),
    notice: manufacturerNotice({ subject: thread.subject, text: input.text, from: thread.fromAddress }),
    similar,
  };
}

/** CPython's branches as the policy check takes them. */
const branchesOf = (ctx: AppContext) =>
  Object.entries(ctx.pythonBranches ?? defaultPythonBranches).map(([series, status]) => ({ series, status }));

/** An attachment's bytes, for an admin to download (never shown inline). */
export async function readAttachment(ctx: AppContext, actor: Principal, messageId: number, position: number) {
  authorize(actor, 'intake.read');
  const attachment = await getMailAttachment(ctx.store.db, messageId, position);
  if (attachment === null) throw threadNotFound(messageId);
  return attachment;
}
