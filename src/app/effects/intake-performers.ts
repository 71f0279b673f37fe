// Mail to a security@ reporter and forwards of their thread: sent once each
// (sendMailOnce), in the reporter's own thread (In-Reply-To and References),
// so their mail program shows the answer under their report.
import type { EffectOf } from '../../domain/effects.ts';
import { getMailBytes, getThread, listThreadMessages, type StoredEffect } from '../../store/index.ts';
import { sendMailOnce } from './mail-once.ts';
import type { Performed, RunContext } from './run-context.ts';

const unchanged = (why: string): Performed => ({ result: { unchanged: why } });

/** `Re: subject`, once: a reply to a reply does not pile them up. */
export const replySubject = (subject: string): string =>
  /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;

export async function replyToReporter(
  effect: EffectOf<'intake.reply'>,
  run: RunContext,
  stored: StoredEffect,
): Promise<Performed> {
  const thread = await getThread(run.store.db, effect.threadId);
  if (thread === null) return unchanged('the thread is not in psrt');
  const messages = await listThreadMessages(run.store.db, [thread.id]);
  const reporter = thread.fromAddress?.toLowerCase() ?? null;
  const first = messages[0];
  const to = first?.replyTo ?? thread.fromAddress;
  if (!to || reporter === null) return unchanged('the thread names no one to reply to');
  const theirs = messages.filter((m) => m.fromAddress?.toLowerCase() === reporter).at(-1) ?? first;
  return sendMailOnce(run, stored, 'intake.reply', {
    to: [to],
    subject: replySubject(thread.subject),
    text: effect.text,
    ...(theirs ? { inReplyTo: theirs.messageId } : {}),
    references: messages.map((m) => m.messageId).slice(-20),
  });
}

export async function forwardThread(
  effect: EffectOf<'intake.forward'>,
  run: RunContext,
  stored: StoredEffect,
): Promise<Performed> {
  const thread = await getThread(run.store.db, effect.threadId);
  if (thread === null) return unchanged('the thread is not in psrt');
  const messages = await listThreadMessages(run.store.db, [thread.id]);
  const attached: { filename: string; raw: Uint8Array }[] = [];
  for (const [i, message] of messages.entries()) {
    const bytes = await getMailBytes(run.store.db, message.id);
    // Sent as received: an encrypted report goes on decrypted only if psrt could read it.
    if (bytes) attached.push({ filename: `report-${i + 1}.eml`, raw: bytes.decrypted ?? bytes.raw });
  }
  const from = thread.fromName
    ? `${thread.fromName} <${thread.fromAddress}>`
    : (thread.fromAddress ?? 'an unknown sender');
  return sendMailOnce(run, stored, 'intake.forward', {
    to: [effect.to],
    subject: `Fwd: ${thread.subject}`,
    text: [
      'The Python Security Response Team received the attached report at security@python.org.',
      `It concerns ${effect.destination}, not a project the PSRT handles, so we are forwarding it to you.`,
      `The reporter is ${from}; please reply to them directly.`,
      '',
    ].join('\n'),
    attachedMessages: attached,
  });
}
