// The headers psrt keeps of a message: threading ids, sender and recipients,
// subject and date, read from mailparser's result. Ids and the date come from
// the raw header lines, because mailparser mends them (an unreadable Date
// becomes "now", an In-Reply-To comment sticks to the id).
import type { AddressObject, EmailAddress, ParsedMail } from 'mailparser';
import { bareMessageId, type MailAddress, type ReadMessage } from '../domain/inbox.ts';
import { oneLine } from './safe-text.ts';

export type MessageHeaders = Pick<
  ReadMessage,
  'messageId' | 'inReplyTo' | 'references' | 'from' | 'replyTo' | 'to' | 'subject' | 'sentAt'
>;

/** A message-id longer than a header line may be is not one. */
const maxIdLength = 998;
/** The newest References kept: a thread is found by the nearest ones, and a hostile header may list thousands. */
const maxReferences = 100;

/** The headers of a message that has none (each call its own, so changing one changes no other). */
export const noHeaders = (): MessageHeaders => ({
  messageId: null,
  inReplyTo: null,
  references: [],
  from: null,
  replyTo: null,
  to: [],
  subject: '',
  sentAt: null,
});

/** The headers of a parsed message; those it does not have are empty or null. */
export function readHeaders(mail: ParsedMail): MessageHeaders {
  return {
    messageId: messageIds(rawHeader(mail, 'message-id'))[0] ?? null,
    inReplyTo: messageIds(rawHeader(mail, 'in-reply-to'))[0] ?? null,
    references: [...new Set(messageIds(rawHeader(mail, 'references')))].slice(-maxReferences),
    from: addresses(mail.from)[0] ?? null,
    replyTo: addresses(mail.replyTo)[0] ?? null,
    to: addresses(mail.to),
    subject: oneLine(mail.subject),
    sentAt: date(rawHeader(mail, 'date')),
  };
}

/**
 * The outer headers, with those the decrypted part carries in their place:
 * OpenPGP "protected headers" put the real Subject (and sometimes From, To…)
 * inside the encryption and a placeholder outside.
 */
export function withProtectedHeaders(outer: MessageHeaders, inner: ParsedMail): MessageHeaders {
  const protectedHeaders = readHeaders(inner);
  const has = (name: string) => (inner.headerLines ?? []).some((line) => line.key === name);
  return {
    messageId: has('message-id') ? protectedHeaders.messageId : outer.messageId,
    inReplyTo: has('in-reply-to') ? protectedHeaders.inReplyTo : outer.inReplyTo,
    references: has('references') ? protectedHeaders.references : outer.references,
    from: has('from') ? protectedHeaders.from : outer.from,
    replyTo: has('reply-to') ? protectedHeaders.replyTo : outer.replyTo,
    to: has('to') ? protectedHeaders.to : outer.to,
    subject: has('subject') ? protectedHeaders.subject : outer.subject,
    sentAt: has('date') ? protectedHeaders.sentAt : outer.sentAt,
  };
}

/** The first header line of that name, unfolded, without its name. */
function rawHeader(mail: ParsedMail, name: string): string | null {
  const line = (mail.headerLines ?? []).find((header) => header.key === name)?.line;
  if (line === undefined) return null;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/** The ids a Message-ID, In-Reply-To or References header names, in order, without brackets. */
function messageIds(value: string | null): string[] {
  if (value === null) return [];
  // Ids are bracketed; what is outside (comments, phrases) is not an id. A
  // header without brackets at all is read as space-separated ids.
  const bracketed = value.match(/<[^<>]*>/g);
  const tokens = bracketed ?? value.split(/\s+/);
  return tokens
    .map((token) => bareMessageId(token).replace(/[\p{Cc}\p{Cf}\s]/gu, ''))
    .filter((id) => id !== '' && id.length <= maxIdLength);
}

/** The mailboxes of an address header, groups opened, those without an address left out. */
function addresses(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!header) return [];
  const flat = (entries: EmailAddress[]): EmailAddress[] =>
    entries.flatMap((entry) => (entry.group ? flat(entry.group) : [entry]));
  return flat([header].flat().flatMap((object) => object.value)).flatMap((entry) => {
    const address = oneLine(entry.address).replace(/\s/g, '');
    if (address === '') return [];
    return [{ address, name: oneLine(entry.name) || null }];
  });
}

/** The Date header's time, or null when there is none or it cannot be read. */
function date(value: string | null): Date | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}
