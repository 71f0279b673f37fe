// What the admins' triage queue shows: threads awaiting a decision (or any
// listing), and one thread in full with its messages and the sender's
// earlier reports. Mail is embargoed: admins only (intake.read).
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
  threadsFrom,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import type { AppContext } from './context.ts';
import { threadNotFound } from './intake-triage.ts';

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
}

export async function showThread(ctx: AppContext, actor: Principal, threadId: number): Promise<ThreadView> {
  authorize(actor, 'intake.read');
  const thread = await getThread(ctx.store.db, threadId);
  if (thread === null) throw threadNotFound(threadId);
  const [messages, earlier] = await Promise.all([
    listThreadMessages(ctx.store.db, [thread.id]),
    thread.fromAddress ? threadsFrom(ctx.store.db, thread.fromAddress, 21) : Promise.resolve([]),
  ]);
  return { thread, messages, history: earlier.filter((t) => t.id !== thread.id).slice(0, 20) };
}

/** An attachment's bytes, for an admin to download (never shown inline). */
export async function readAttachment(ctx: AppContext, actor: Principal, messageId: number, position: number) {
  authorize(actor, 'intake.read');
  const attachment = await getMailAttachment(ctx.store.db, messageId, position);
  if (attachment === null) throw threadNotFound(messageId);
  return attachment;
}
