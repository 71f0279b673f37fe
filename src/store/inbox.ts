// The security@ inbox: raw messages stored once and durably as they arrive,
// read later (a crash in between leaves them pending, never lost), grouped
// into threads, and the triage queue over those threads. src/app/intake.ts
// decides; this only stores and reads.
import { and, asc, count, desc, eq, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { MailAttachment, ThreadStatus } from '../domain/inbox.ts';
import type { Db, Tx } from './engine.ts';
import { mailAttachments, mailMessages, type mailSources, mailThreads } from './schema.ts';

export type MailSource = (typeof mailSources)[number];

// Bytes cross into the database as hex text and come back as base64 text, turned into bytes by
// Node's own codecs: PGlite's bytea parameters and results go byte by byte through JavaScript
// strings (13 s to store a 25 MB message, 4 s to read it back); these take a fraction of a second
// on either engine.
const bytesIn = (bytes: Uint8Array): SQL =>
  sql`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}, 'hex')`;
const bytesOut = (column: AnyPgColumn) => sql<string>`encode(${column}, 'base64')`.mapWith(fromBase64);
const nullableBytesOut = (column: AnyPgColumn) =>
  sql<string | null>`encode(${column}, 'base64')`.mapWith((value: string | null) =>
    value === null ? null : fromBase64(value),
  );
function fromBase64(value: string): Uint8Array {
  return Buffer.from(value, 'base64');
}
export type StoredThread = typeof mailThreads.$inferSelect;

export interface IncomingMail {
  messageId: string;
  sha256: string;
  raw: Uint8Array;
  source: MailSource;
  envelopeFrom: string | null;
  envelopeTo: string[];
  receivedAt: Date;
}

/**
 * Stores a message as received. `stored` is false for a re-delivery (same
 * Message-ID, same bytes), which keeps the first copy and its id.
 */
export async function storeIncomingMail(
  db: Db,
  mail: IncomingMail,
): Promise<{ id: number; stored: boolean }> {
  const inserted = await db
    .insert(mailMessages)
    .values({ ...mail, raw: bytesIn(mail.raw), size: mail.raw.byteLength })
    .onConflictDoNothing({ target: [mailMessages.messageId, mailMessages.sha256] })
    .returning({ id: mailMessages.id });
  if (inserted[0]) return { id: inserted[0].id, stored: true };
  const [earlier] = await db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(and(eq(mailMessages.messageId, mail.messageId), eq(mailMessages.sha256, mail.sha256)));
  return { id: earlier?.id ?? 0, stored: false };
}

/** A stored message waiting to be read, with its bytes. */
export interface PendingMail {
  id: number;
  messageId: string;
  raw: Uint8Array;
  receivedAt: Date;
}

/**
 * Takes the oldest message not read yet, locked until the transaction ends
 * (`SKIP LOCKED`: two readers never take the same one). Null when none waits.
 */
export async function claimPendingMail(tx: Tx): Promise<PendingMail | null> {
  const [row] = await tx
    .select({
      id: mailMessages.id,
      messageId: mailMessages.messageId,
      raw: bytesOut(mailMessages.raw),
      receivedAt: mailMessages.receivedAt,
    })
    .from(mailMessages)
    .where(eq(mailMessages.readStatus, 'pending'))
    .orderBy(asc(mailMessages.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row ?? null;
}

export async function countPendingMail(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mailMessages)
    .where(eq(mailMessages.readStatus, 'pending'));
  return row?.n ?? 0;
}

/** The thread of the first of `messageIds` psrt holds, in the order given. */
export async function threadOfMessages(db: Db, messageIds: readonly string[]): Promise<number | null> {
  if (messageIds.length === 0) return null;
  const rows = await db
    .select({ messageId: mailMessages.messageId, threadId: mailMessages.threadId })
    .from(mailMessages)
    .where(and(inArray(mailMessages.messageId, [...messageIds]), isNotNull(mailMessages.threadId)));
  for (const id of messageIds) {
    const hit = rows.find((row) => row.messageId === id);
    if (hit?.threadId) return hit.threadId;
  }
  return null;
}

export interface NewThread {
  subject: string;
  fromAddress: string | null;
  fromName: string | null;
  receivedAt: Date;
}

export async function insertThread(db: Db, thread: NewThread): Promise<StoredThread> {
  const [row] = await db
    .insert(mailThreads)
    .values({ ...thread, lastMessageAt: thread.receivedAt, messageCount: 0 })
    .returning();
  if (!row) throw new Error('inserting a mail thread returned no row');
  return row;
}

/** What reading a message found, saved on its row. */
export interface ReadMail {
  threadId: number;
  fromAddress: string | null;
  fromName: string | null;
  replyTo: string | null;
  subject: string;
  sentAt: Date | null;
  inReplyTo: string | null;
  refs: string[];
  text: string;
  html: string | null;
  attachments: (MailAttachment & { content: Uint8Array })[];
  encryption: 'none' | 'decrypted' | 'undecryptable';
  decrypted: Uint8Array | null;
  problem: string | null;
  autoSubmitted: string | null;
}

/** Saves what was read from message `id`, its attachments, and counts it on its thread. */
export async function saveReadMail(tx: Tx, id: number, read: ReadMail, receivedAt: Date): Promise<void> {
  const { attachments, decrypted, ...fields } = read;
  await tx
    .update(mailMessages)
    .set({
      ...fields,
      attachments: attachments.map(({ content: _content, ...meta }) => meta),
      decrypted: decrypted === null ? null : bytesIn(decrypted),
      readStatus: 'read',
    })
    .where(eq(mailMessages.id, id));
  if (attachments.length > 0) {
    await tx
      .insert(mailAttachments)
      .values(
        attachments.map((attachment, position) => ({
          messageId: id,
          position,
          ...attachment,
          content: bytesIn(attachment.content),
        })),
      )
      .onConflictDoNothing();
  }
  await tx
    .update(mailThreads)
    .set({
      messageCount: sql`${mailThreads.messageCount} + 1`,
      lastMessageAt: sql`greatest(${mailThreads.lastMessageAt}, ${receivedAt})`,
    })
    .where(eq(mailThreads.id, read.threadId));
}

export interface ThreadChange {
  status?: ThreadStatus;
  reportId?: string | null;
  triagedBy?: string;
  triagedAt?: Date;
  triageDetail?: string | null;
  nextUpdateBy?: Date | null;
}

export async function updateThread(db: Db, id: number, change: ThreadChange): Promise<void> {
  await db.update(mailThreads).set(change).where(eq(mailThreads.id, id));
}

export async function getThread(
  db: Db,
  id: number,
  options: { lock?: boolean } = {},
): Promise<StoredThread | null> {
  const query = db.select().from(mailThreads).where(eq(mailThreads.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export interface ThreadFilter {
  /**
   * `queue`: threads awaiting triage (new, needs information); `decided`: the others; `all`:
   * every thread; or one status.
   */
  status: 'queue' | 'decided' | 'all' | ThreadStatus;
  limit: number;
  offset: number;
}

/** Threads, the queue oldest first (first come, first triaged), any other listing newest first. */
export async function listThreads(
  db: Db,
  filter: ThreadFilter,
): Promise<{ threads: StoredThread[]; total: number }> {
  const where =
    filter.status === 'all'
      ? undefined
      : filter.status === 'queue'
        ? inArray(mailThreads.status, ['new', 'needs-information'])
        : filter.status === 'decided'
          ? sql`${mailThreads.status} not in ('new', 'needs-information')`
          : eq(mailThreads.status, filter.status);
  const order =
    filter.status === 'queue'
      ? [asc(mailThreads.receivedAt), asc(mailThreads.id)]
      : [desc(mailThreads.receivedAt), desc(mailThreads.id)];
  const [threads, [total]] = await Promise.all([
    db
      .select()
      .from(mailThreads)
      .where(where)
      .orderBy(...order)
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(mailThreads).where(where),
  ]);
  return { threads, total: total?.n ?? 0 };
}

const messageColumns = {
  id: mailMessages.id,
  threadId: mailMessages.threadId,
  messageId: mailMessages.messageId,
  size: mailMessages.size,
  source: mailMessages.source,
  receivedAt: mailMessages.receivedAt,
  readStatus: mailMessages.readStatus,
  fromAddress: mailMessages.fromAddress,
  fromName: mailMessages.fromName,
  replyTo: mailMessages.replyTo,
  subject: mailMessages.subject,
  sentAt: mailMessages.sentAt,
  inReplyTo: mailMessages.inReplyTo,
  refs: mailMessages.refs,
  text: mailMessages.text,
  html: mailMessages.html,
  attachments: mailMessages.attachments,
  encryption: mailMessages.encryption,
  problem: mailMessages.problem,
  autoSubmitted: mailMessages.autoSubmitted,
};

/** A message as people see it: what was read, never the raw bytes. */
export type StoredMessage = {
  [K in keyof typeof messageColumns]: (typeof mailMessages.$inferSelect)[K];
};

/** The messages of threads, oldest first. */
export async function listThreadMessages(db: Db, threadIds: readonly number[]): Promise<StoredMessage[]> {
  if (threadIds.length === 0) return [];
  return db
    .select(messageColumns)
    .from(mailMessages)
    .where(inArray(mailMessages.threadId, [...threadIds]))
    .orderBy(asc(mailMessages.receivedAt), asc(mailMessages.id));
}

/** A message's stored bytes: as received, and decrypted when it was encrypted to the team key. */
export async function getMailBytes(
  db: Db,
  id: number,
): Promise<{ raw: Uint8Array; decrypted: Uint8Array | null; threadId: number | null } | null> {
  const [row] = await db
    .select({
      raw: bytesOut(mailMessages.raw),
      decrypted: nullableBytesOut(mailMessages.decrypted),
      threadId: mailMessages.threadId,
    })
    .from(mailMessages)
    .where(eq(mailMessages.id, id));
  return row ?? null;
}

export async function getMailAttachment(
  db: Db,
  messageId: number,
  position: number,
): Promise<(typeof mailAttachments.$inferSelect & { threadId: number | null }) | null> {
  const [row] = await db
    .select({
      messageId: mailAttachments.messageId,
      position: mailAttachments.position,
      filename: mailAttachments.filename,
      contentType: mailAttachments.contentType,
      size: mailAttachments.size,
      sha256: mailAttachments.sha256,
      content: bytesOut(mailAttachments.content),
      threadId: mailMessages.threadId,
    })
    .from(mailAttachments)
    .innerJoin(mailMessages, eq(mailMessages.id, mailAttachments.messageId))
    .where(and(eq(mailAttachments.messageId, messageId), eq(mailAttachments.position, position)));
  return row ?? null;
}

/** Threads linked to a report: their messages belong on its timeline. */
export async function threadsOfReport(db: Db, reportId: string): Promise<StoredThread[]> {
  return db.select().from(mailThreads).where(eq(mailThreads.reportId, reportId)).orderBy(asc(mailThreads.id));
}

/** Earlier threads from the same sender, newest first: the reporter's history beside a thread. */
export async function threadsFrom(db: Db, address: string, limit: number): Promise<StoredThread[]> {
  return db
    .select()
    .from(mailThreads)
    .where(sql`lower(${mailThreads.fromAddress}) = lower(${address})`)
    .orderBy(desc(mailThreads.receivedAt), desc(mailThreads.id))
    .limit(limit);
}

/** The mail of every thread linked to a report, oldest first: it belongs on the report's timeline. */
export async function mailOfReport(db: Db, reportId: string): Promise<StoredMessage[]> {
  return db
    .select(messageColumns)
    .from(mailMessages)
    .innerJoin(mailThreads, eq(mailThreads.id, mailMessages.threadId))
    .where(eq(mailThreads.reportId, reportId))
    .orderBy(asc(mailMessages.receivedAt), asc(mailMessages.id));
}

/** Threads whose promised update falls due by `by` and has not been reminded of yet. */
export async function threadsOwingUpdate(db: Db, by: Date): Promise<StoredThread[]> {
  return db
    .select()
    .from(mailThreads)
    .where(
      and(
        lte(mailThreads.nextUpdateBy, by),
        sql`${mailThreads.remindedFor} is distinct from ${mailThreads.nextUpdateBy}`,
      ),
    )
    .orderBy(asc(mailThreads.nextUpdateBy), asc(mailThreads.id));
}

/** Marks the thread's promise reminded of; false when another scheduler did first (or it changed). */
export async function markUpdateReminded(tx: Db, id: number, nextUpdateBy: Date): Promise<boolean> {
  const rows = await tx
    .update(mailThreads)
    .set({ remindedFor: nextUpdateBy })
    .where(
      and(
        eq(mailThreads.id, id),
        eq(mailThreads.nextUpdateBy, nextUpdateBy),
        sql`${mailThreads.remindedFor} is distinct from ${mailThreads.nextUpdateBy}`,
      ),
    )
    .returning({ id: mailThreads.id });
  return rows.length > 0;
}

/** Recent threads with their first message's text: what a new thread may duplicate. */
export async function threadCandidates(
  db: Db,
  excludeId: number,
  limit: number,
): Promise<
  {
    id: number;
    reportId: string | null;
    subject: string;
    fromAddress: string | null;
    receivedAt: Date;
    text: string | null;
  }[]
> {
  return db
    .select({
      id: mailThreads.id,
      reportId: mailThreads.reportId,
      subject: mailThreads.subject,
      fromAddress: mailThreads.fromAddress,
      receivedAt: mailThreads.receivedAt,
      text: mailMessages.text,
    })
    .from(mailThreads)
    .innerJoin(
      mailMessages,
      eq(
        mailMessages.id,
        sql`(select min(m.id) from ${mailMessages} m where m.thread_id = ${mailThreads.id})`,
      ),
    )
    .where(sql`${mailThreads.id} <> ${excludeId}`)
    .orderBy(desc(mailThreads.receivedAt), desc(mailThreads.id))
    .limit(limit);
}
