// Sending an effect's message once: SMTP cannot be asked whether it already
// accepted a message, so the server's acceptance is noted on the effect as
// soon as it answers, and a retry that finds the note does not send again.
// What remains is a resend of the same message (same Message-ID) after a
// crash between the server's answer and that note: docs/decisions/0009.
import { sha256 } from '../../domain/digest.ts';
import { noteEffectProgress, type StoredEffect } from '../../store/index.ts';
import type { Performed, RunContext } from './run-context.ts';
import type { OutgoingMail } from './services.ts';

/** One Message-ID per effect: every copy an effect sends is the same message to list software and readers. */
export const effectMessageId = (key: string): string => `<${sha256(key).slice(0, 40)}@psrt>`;

/** What an earlier attempt noted: the mail server accepted the message. */
function acceptedBefore(stored: StoredEffect): { messageId: string; acceptedAt: string } | null {
  const noted = stored.result as { messageId?: unknown; acceptedAt?: unknown } | null;
  return typeof noted?.messageId === 'string' && typeof noted.acceptedAt === 'string'
    ? { messageId: noted.messageId, acceptedAt: noted.acceptedAt }
    : null;
}

/** Sends `message` for the effect unless an earlier attempt was accepted; `step` names its checkpoints. */
export async function sendMailOnce(
  run: RunContext,
  stored: StoredEffect,
  step: 'mail.send' | 'advisory.send' | 'intake.reply' | 'intake.forward',
  message: Omit<OutgoingMail, 'messageId'>,
): Promise<Performed> {
  const mailer = run.require('mailer');
  const messageId = effectMessageId(stored.key);
  const earlier = acceptedBefore(stored);
  if (earlier) return { result: { ...earlier, unchanged: 'the mail server accepted it before' } };
  await run.checkpoint(`${step}:before-send`);
  await mailer.send({ ...message, messageId });
  // The one window left: accepted, not yet noted. A crash here sends the same message again.
  await run.checkpoint(`${step}:accepted`);
  const sent = { messageId, recipients: message.to.length, acceptedAt: run.now().toISOString() };
  await noteEffectProgress(run.store.db, stored.id, sent);
  await run.checkpoint(`${step}:sent`);
  return { result: sent };
}
