// The security@ inbox's vocabulary: a message as psrt read it, the threads
// messages form, and where an admin's triage leaves a thread. Pure types and
// rules; receiving, reading and storing mail live at the edges (src/mail, store).

/** A mailbox as a message names it. */
export interface MailAddress {
  address: string;
  name: string | null;
}

/** An attachment as kept: its name made safe to show and to save, never trusted as a path. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
}

/**
 * How the message reached psrt: in the clear, encrypted to the team's OpenPGP
 * key and decrypted (the encrypted original is what is stored as raw), or
 * encrypted and not readable with the team key (queued with the reason).
 */
export const encryptions = ['none', 'decrypted', 'undecryptable'] as const;
export type Encryption = (typeof encryptions)[number];

/** What psrt read from a raw message. Nothing here is ever rendered as live HTML. */
export interface ReadMessage {
  /** Without angle brackets; null when the message has none. */
  messageId: string | null;
  inReplyTo: string | null;
  /** The References header, oldest first, without angle brackets. */
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  subject: string;
  /** The Date header; null when absent or unreadable. */
  sentAt: Date | null;
  /** The plain-text body; from the HTML part (as text) when there is no plain one. */
  text: string;
  /** The HTML part as sent, kept for reference and shown only as text or in a script-free sandbox. */
  html: string | null;
  attachments: (MailAttachment & { content: Uint8Array })[];
  encryption: Encryption;
  /** The decrypted message (MIME), when `encryption` is `decrypted`. */
  decrypted: Uint8Array | null;
  /** Why the message could not be read in full (undecryptable, malformed MIME…); null when it was. */
  problem: string | null;
}

/**
 * Where a thread stands in the admins' triage queue. `new` and
 * `needs-information` wait for an admin; the rest are decided:
 * spam is discarded without a reply, `not-a-vulnerability` got the
 * devguide's reply, `forwarded` went to another project or venue,
 * `redirected` got the devguide's "Submit using GitHub Security Advisories"
 * reply, `reported` is linked to a report (filed on the reporter's behalf,
 * or an existing report the thread belongs to).
 */
export const threadStatuses = [
  'new',
  'needs-information',
  'spam',
  'not-a-vulnerability',
  'forwarded',
  'redirected',
  'reported',
] as const;
export type ThreadStatus = (typeof threadStatuses)[number];

/** Threads an admin still has to decide on: the triage queue. */
export const awaitsTriage = (status: ThreadStatus): boolean =>
  status === 'new' || status === 'needs-information';

/** A message id as the headers carry it (`<id@host>`), without brackets or surrounding space. */
export function bareMessageId(value: string): string {
  return value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

/**
 * The message ids a message refers to, nearest first: its In-Reply-To, then
 * its References from the newest. A reply joins the thread of the first one
 * psrt knows.
 */
export function threadParents(message: Pick<ReadMessage, 'inReplyTo' | 'references'>): string[] {
  const parents = [message.inReplyTo, ...[...message.references].reverse()].filter(
    (id): id is string => id !== null && id !== '',
  );
  return [...new Set(parents)];
}
