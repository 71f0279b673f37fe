// Mail to security@ entering psrt: stored whole first (the only step before
// the sender is answered), then read into the thread it belongs to, and the
// reporter acknowledged. Reading is a separate pass so a crash, a bug in a
// parser or a hostile message never loses a stored message.
import { createHash } from 'node:crypto';
import { bareMessageId, type ReadMessage, threadParents } from '../domain/inbox.ts';
import { addDays } from '../domain/time.ts';
import { automaticMail, contentDigest, peekMessageId } from '../mail/headers.ts';
import { readMessage } from '../mail/read.ts';
import type { TeamKey } from '../mail/team-key.ts';
import { acknowledgementReply } from '../records/intake-replies.ts';
import {
  claimPendingMail,
  enqueueEffects,
  insertThread,
  type MailSource,
  saveReadMail,
  storeIncomingMail,
  type Tx,
  threadOfMessages,
  updateThread,
} from '../store/index.ts';
import type { AppContext } from './context.ts';

export interface RawMail {
  raw: Uint8Array;
  source: MailSource;
  envelopeFrom?: string | null;
  envelopeTo?: readonly string[];
}

/**
 * Stores a message as received; `stored` is false for a re-delivery (same
 * Message-ID, same bytes). Nothing is parsed here: what the sender is told
 * depends only on the bytes being safely stored.
 */
export async function receiveMail(ctx: AppContext, mail: RawMail): Promise<{ id: number; stored: boolean }> {
  const sha256 = contentDigest(mail.raw);
  // Without a Message-ID, the whole message is what identifies it.
  const messageId =
    peekMessageId(mail.raw) ?? `missing-${createHash('sha256').update(mail.raw).digest('hex')}@psrt`;
  const result = await storeIncomingMail(ctx.store.db, {
    messageId,
    sha256,
    raw: mail.raw,
    source: mail.source,
    envelopeFrom: mail.envelopeFrom ?? null,
    envelopeTo: [...(mail.envelopeTo ?? [])],
    receivedAt: ctx.now(),
  });
  ctx.log.info(
    { mail: result.id, bytes: mail.raw.byteLength, source: mail.source, redelivery: !result.stored },
    result.stored ? 'mail stored' : 'mail re-delivered; kept the first copy',
  );
  return result;
}

export interface IntakeSettings {
  /** The team's OpenPGP key, for mail encrypted to it; null when none is configured. */
  teamKey: TeamKey | null;
  /** Days until the update the acknowledgement promises; null sends no acknowledgement. */
  acknowledgeDays: number | null;
  /** psrt's own addresses: mail from them is never answered (no loops). */
  ownAddresses: readonly string[];
}

/** Reads every stored message not read yet, oldest first; returns how many were read. */
export async function readPendingMail(ctx: AppContext, settings: IntakeSettings): Promise<number> {
  let read = 0;
  for (;;) {
    const done = await ctx.store.transaction(async (tx) => {
      const pending = await claimPendingMail(tx);
      if (pending === null) return false;
      await readOne(ctx, tx, pending, settings);
      return true;
    });
    if (!done) return read;
    read += 1;
  }
}

async function readOne(
  ctx: AppContext,
  tx: Tx,
  pending: { id: number; messageId: string; raw: Uint8Array; receivedAt: Date },
  settings: IntakeSettings,
): Promise<void> {
  const message = await readSafely(ctx, pending, settings);
  const from = message.replyTo ?? message.from;
  // A resend of a message psrt has (same Message-ID, other bytes) joins its thread, as a reply does.
  const parentThread = await threadOfMessages(tx, [
    ...(message.messageId ? [message.messageId] : []),
    ...threadParents(message),
  ]);
  const thread =
    parentThread ??
    (
      await insertThread(tx, {
        subject: message.subject.trim() || '(no subject)',
        fromAddress: message.from?.address ?? null,
        fromName: message.from?.name ?? null,
        receivedAt: pending.receivedAt,
      })
    ).id;
  const autoSubmitted = automaticMail(pending.raw);
  await saveReadMail(
    tx,
    pending.id,
    {
      threadId: thread,
      fromAddress: message.from?.address ?? null,
      fromName: message.from?.name ?? null,
      replyTo: message.replyTo?.address ?? null,
      subject: message.subject,
      sentAt: message.sentAt,
      inReplyTo: message.inReplyTo,
      refs: message.references,
      text: message.text,
      html: message.html,
      attachments: message.attachments,
      encryption: message.encryption,
      decrypted: message.decrypted,
      problem: message.problem,
      autoSubmitted,
    },
    pending.receivedAt,
  );
  ctx.log.info(
    { mail: pending.id, thread, newThread: parentThread === null, encryption: message.encryption },
    message.problem ? 'mail read, with a problem' : 'mail read',
  );
  const answerable = from !== null && autoSubmitted === null && !isOwn(from.address, settings.ownAddresses);
  if (parentThread === null && answerable && settings.acknowledgeDays !== null) {
    const nextUpdateBy = addDays(pending.receivedAt, settings.acknowledgeDays);
    await updateThread(tx, thread, { nextUpdateBy });
    const text = acknowledgementReply(nextUpdateBy).body;
    await enqueueEffects(
      tx,
      [
        {
          key: `intake.reply:${thread}:acknowledgement`,
          kind: 'intake.reply',
          payload: {
            kind: 'intake.reply',
            key: `intake.reply:${thread}:acknowledgement`,
            reportId: null,
            threadId: thread,
            purpose: 'acknowledgement',
            text,
          },
        },
      ],
      ctx.now(),
    );
  }
}

const isOwn = (address: string, own: readonly string[]): boolean =>
  own.some((mine) => mine.toLowerCase() === address.toLowerCase());

/** Reading never fails a stored message: what cannot be read is kept with the reason. */
async function readSafely(
  ctx: AppContext,
  pending: { id: number; messageId: string; raw: Uint8Array },
  settings: IntakeSettings,
): Promise<ReadMessage> {
  try {
    return await readMessage(pending.raw, { teamKey: settings.teamKey });
  } catch (error) {
    ctx.log.error(
      { mail: pending.id, err: error instanceof Error ? error.name : 'error' },
      'mail could not be read',
    );
    return {
      messageId: bareMessageId(pending.messageId),
      inReplyTo: null,
      references: [],
      from: null,
      replyTo: null,
      to: [],
      subject: '(unreadable message)',
      sentAt: null,
      text: '',
      html: null,
      attachments: [],
      encryption: 'none',
      decrypted: null,
      problem: 'psrt could not read this message; its raw form is kept',
    };
  }
}
