// The sandbox page's "Send a report to security@": a real message, by SMTP, to psrt's own
// intake (the server `psrt serve` runs in the sandbox), as a reporter's mail program sends it.
// It then goes the way every report by mail goes: stored, read into a thread, acknowledged.
import { randomUUID } from 'node:crypto';
import { createMailer } from '../mail/mailer.ts';

export interface MailToSecurity {
  from: string;
  subject: string;
  text: string;
}

/** A mailbox as the form takes it: `name@host` or `Name <name@host>`. */
const mailbox = /^(?:[^<>@\r\n]{0,100}<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/;

/** What is wrong with the form, or null. */
export function mailProblem(mail: MailToSecurity): string | null {
  if (!mailbox.test(mail.from.trim()))
    return 'From must be an email address, such as reporter@example.org or "Ana <ana@example.org>".';
  if (mail.subject.trim() === '') return 'Give the mail a subject.';
  if (/[\r\n]/.test(mail.subject)) return 'The subject must be one line.';
  if (mail.text.trim() === '') return 'Write the report in the body.';
  return null;
}

/** Sends `mail` to security@ through the SMTP intake at `smtpUrl`. */
export async function sendToIntake(smtpUrl: string, mail: MailToSecurity): Promise<void> {
  const mailer = createMailer({ url: smtpUrl, from: mail.from.trim(), team: 'security@python.org' });
  try {
    await mailer.send({
      to: 'security@python.org',
      subject: mail.subject.trim(),
      text: mail.text,
      messageId: `${randomUUID()}@sandbox.psrt.invalid`,
    });
  } finally {
    mailer.close();
  }
}
