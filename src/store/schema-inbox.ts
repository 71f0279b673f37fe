// The security@ inbox's tables: every message as received (raw, whole, before
// the SMTP reply or the IMAP \Seen), what psrt read from it, and the threads
// admins triage. Part of the one schema (re-exported by schema.ts).

import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { encryptions, type MailAttachment, threadStatuses } from '../domain/inbox.ts';
import { at, oneOf } from './schema-columns.ts';

/** Bytes as PostgreSQL keeps them; both engines hand back a Uint8Array (pg: a Buffer). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const mailSources = ['smtp', 'imap'] as const;
/** `pending`: stored, not read yet (a crash between the two leaves it so; it is read on the next pass). */
export const mailReadStatuses = ['pending', 'read'] as const;

/**
 * The security@ threads: the first message opens one, replies join it. Admins
 * triage a thread, not a message; a thread linked to a report shows its
 * messages on the report's timeline.
 */
export const mailThreads = pgTable(
  'mail_threads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The first message's subject and sender: what the queue lists. */
    subject: text('subject').notNull(),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    /** When psrt received the first message: the report's received time, which starts its 90-day clock. */
    receivedAt: at('received_at').notNull(),
    lastMessageAt: at('last_message_at').notNull(),
    messageCount: integer('message_count').notNull().default(0),
    status: text('status', { enum: threadStatuses }).notNull().default('new'),
    reportId: text('report_id'),
    /** The last triage decision: who, when, and what it named (a forward's destination, what is missing…). */
    triagedBy: text('triaged_by'),
    triagedAt: at('triaged_at'),
    triageDetail: text('triage_detail'),
    /** The date the acknowledgement promised the reporter an update by; null when none was sent. */
    nextUpdateBy: at('next_update_by'),
    /** The `next_update_by` a reminder went out for, so each promise is reminded of once. */
    remindedFor: at('reminded_for'),
  },
  (t) => [
    check('mail_threads_status_check', oneOf(t.status, threadStatuses)),
    // The triage queue: undecided threads, oldest first.
    index('mail_threads_queue_idx')
      .on(t.receivedAt, t.id)
      .where(oneOf(sql.raw('status'), ['new', 'needs-information'])),
    index('mail_threads_received_idx').on(t.receivedAt, t.id),
    index('mail_threads_report_idx').on(t.reportId).where(sql`report_id is not null`),
    index('mail_threads_from_idx').on(sql`lower(${t.fromAddress})`),
  ],
);

/**
 * Every message received, stored whole and durably before the sender is told
 * it was taken. The same Message-ID with the same bytes (a re-delivery) is
 * stored once; the same id with other bytes is kept too (a resend can differ).
 * Mail text is embargoed: it is never logged, and shown only to who may see it.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Without angle brackets; a message without one gets `missing-<sha256>@psrt`. */
    messageId: text('message_id').notNull(),
    /** SHA-256 of the content (the body: a relay's re-delivery adds trace headers, the body stays). */
    sha256: text('sha256').notNull(),
    /** The message as received: for encrypted mail, the encrypted original. */
    raw: bytea('raw').notNull(),
    size: integer('size').notNull(),
    source: text('source', { enum: mailSources }).notNull(),
    envelopeFrom: text('envelope_from'),
    envelopeTo: jsonb('envelope_to').$type<string[]>().notNull(),
    receivedAt: at('received_at').notNull(),
    readStatus: text('read_status', { enum: mailReadStatuses }).notNull().default('pending'),
    threadId: bigint('thread_id', { mode: 'number' }).references(() => mailThreads.id),
    // What psrt read (null while pending).
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    replyTo: text('reply_to'),
    subject: text('subject'),
    sentAt: at('sent_at'),
    inReplyTo: text('in_reply_to'),
    refs: jsonb('refs').$type<string[]>(),
    text: text('text'),
    html: text('html'),
    attachments: jsonb('attachments').$type<MailAttachment[]>(),
    encryption: text('encryption', { enum: encryptions }),
    /** The decrypted message (MIME), for mail encrypted to the team key. */
    decrypted: bytea('decrypted'),
    /** Why the message could not be read in full; null when it was. */
    problem: text('problem'),
    /** Set on mail that must get no automatic answer (auto-replies, bulk, our own). */
    autoSubmitted: text('auto_submitted'),
  },
  (t) => [
    check('mail_messages_source_check', oneOf(t.source, mailSources)),
    check('mail_messages_read_status_check', oneOf(t.readStatus, mailReadStatuses)),
    check(
      'mail_messages_encryption_check',
      sql`${t.encryption} is null or ${oneOf(t.encryption, encryptions)}`,
    ),
    uniqueIndex('mail_messages_delivery_key').on(t.messageId, t.sha256),
    index('mail_messages_message_id_idx').on(t.messageId),
    index('mail_messages_pending_idx').on(t.id).where(sql`read_status = 'pending'`),
    index('mail_messages_thread_idx').on(t.threadId, t.receivedAt),
  ],
);

/** Attachments' bytes, apart from the listing so lists never load them. */
export const mailAttachments = pgTable(
  'mail_attachments',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => mailMessages.id),
    position: integer('position').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [uniqueIndex('mail_attachments_key').on(t.messageId, t.position)],
);
