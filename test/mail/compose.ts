// Messages as a mail client would send them to security@, for the reading
// tests: composed by nodemailer's MailComposer, or written out by hand when
// the point is a message no client would write.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** A message composed from nodemailer's options, as raw bytes. */
export async function compose(options: Mail.Options): Promise<Uint8Array> {
  return new MailComposer(options).compile().build();
}

/** A raw message from its lines, joined with CR LF as on the wire. */
export function rawMessage(...lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\r\n'));
}

/** A header value as an RFC 2047 encoded word (UTF-8, base64): how a sender smuggles any character into a header. */
export function encodedWord(value: string): string {
  return `=?utf-8?B?${Buffer.from(value).toString('base64')}?=`;
}
