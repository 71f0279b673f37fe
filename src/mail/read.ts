// Reading a raw message as received by security@: headers, text, HTML and
// attachments made safe, OpenPGP-encrypted mail decrypted with the team key.
// Hostile or broken input never throws: what could be read is returned, with
// the reason the rest could not in `problem`. Only a bug in psrt throws.
import type { Attachment, ParsedMail } from 'mailparser';
import type { ReadMessage } from '../domain/inbox.ts';
import { hasHeaders, mimeProblems } from './mime-check.ts';
import {
  armoredMessage,
  type ContentType,
  decrypt,
  hasArmoredMessage,
  isPgpMime,
  pgpMimePayload,
} from './openpgp-mail.ts';
import { declaredType, type MessageBody, parse, readBody } from './read-body.ts';
import { type MessageHeaders, noHeaders, readHeaders, withProtectedHeaders } from './read-headers.ts';
import { bodyText } from './safe-text.ts';
import type { TeamKey } from './team-key.ts';

export interface ReadOptions {
  /** The team's OpenPGP key; without it encrypted mail is kept as undecryptable. */
  teamKey?: TeamKey | null;
  /**
   * Attachments larger than this keep their name, type, size and SHA-256 but
   * not their content (an empty array), which stays in the raw message; the
   * message's `problem` says so. No limit by default.
   */
  maxAttachmentBytes?: number;
  /** The most an encrypted message may decrypt (and decompress) to; 100 MB by default. */
  maxDecryptedBytes?: number;
}

const unreadable = 'psrt could not read the message’s MIME structure: it is kept only as received.';

/** Reads a raw message (RFC 5322 bytes). Resolves for any input; `problem` says what could not be read. */
export async function readMessage(raw: Uint8Array, options: ReadOptions = {}): Promise<ReadMessage> {
  const maxAttachmentBytes = options.maxAttachmentBytes ?? Number.POSITIVE_INFINITY;
  const maxDecryptedBytes = options.maxDecryptedBytes ?? 100 * 1024 * 1024;
  const teamKey = options.teamKey ?? null;
  // A view on the same memory: a 25 MB message is never copied whole.
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const problems = mimeProblems(buffer);
  if (!hasHeaders(buffer)) {
    // Without headers nothing is MIME; what there is, is shown as text.
    return message(
      noHeaders(),
      { text: bodyText(buffer.toString('utf8')), html: null, attachments: [] },
      problems,
    );
  }
  const outer = await parse(buffer);
  if (!outer) return message(noHeaders(), emptyBody(), [...problems, unreadable]);
  const headers = readHeaders(outer);

  if (isPgpMime(contentTypeOf(outer))) {
    const payload = pgpMimePayload(
      outer.attachments.map((part) => ({
        contentType: declaredType(part),
        content: part.content,
      })),
    );
    if (!payload) {
      return undecryptable(headers, [
        ...problems,
        'The message says it is encrypted but holds no encrypted part.',
      ]);
    }
    const decryption = await decrypt(payload, teamKey, maxDecryptedBytes);
    if (!decryption.ok) return undecryptable(headers, [...problems, decryption.problem]);
    return readDecrypted(headers, decryption.data, maxAttachmentBytes, problems);
  }

  const body = await readBody(outer, maxAttachmentBytes, problems, isSignature);
  if (!hasArmoredMessage(body.text)) return message(headers, body, problems);
  return readInline(headers, body, teamKey, maxDecryptedBytes, problems);
}

/** A PGP/MIME message's decrypted MIME entity: its content, and its protected headers over the outer ones. */
async function readDecrypted(
  outerHeaders: MessageHeaders,
  decrypted: Uint8Array,
  maxAttachmentBytes: number,
  problems: string[],
): Promise<ReadMessage> {
  const entity = Buffer.from(decrypted.buffer, decrypted.byteOffset, decrypted.byteLength);
  const innerProblems = mimeProblems(entity);
  let headers = outerHeaders;
  let body: MessageBody;
  if (!hasHeaders(entity)) {
    // Some clients encrypt bare text rather than a MIME entity: it is the body.
    body = { text: bodyText(entity.toString('utf8')), html: null, attachments: [] };
  } else {
    const inner = await parse(entity);
    if (!inner)
      return { ...message(outerHeaders, emptyBody(), [...problems, unreadable]), ...decryptedWith(entity) };
    headers = withProtectedHeaders(outerHeaders, inner);
    problems.push(...innerProblems);
    body = await readBody(inner, maxAttachmentBytes, problems, isSignature);
  }
  return { ...message(headers, body, problems), ...decryptedWith(entity) };
}

/**
 * A body with armored OpenPGP blocks: each decrypted in place. `decrypted`
 * is then the body as a text/plain MIME entity, so it reads like any other.
 */
async function readInline(
  headers: MessageHeaders,
  body: MessageBody,
  teamKey: TeamKey | null,
  maxDecryptedBytes: number,
  problems: string[],
): Promise<ReadMessage> {
  const blocks = body.text.match(armoredMessage) ?? [];
  if (blocks.length === 0) {
    return undecryptable(headers, [
      ...problems,
      'The message’s OpenPGP block is cut off (it has no END line).',
    ]);
  }
  const plain = new Map<string, string>();
  for (const block of blocks) {
    const decryption = await decrypt(block, teamKey, maxDecryptedBytes);
    if (!decryption.ok) return undecryptable(headers, [...problems, decryption.problem]);
    const data = decryption.data;
    plain.set(block, bodyText(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')));
  }
  const text = body.text.replace(armoredMessage, (block) => plain.get(block) ?? '');
  const entity = Buffer.from(
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}`,
  );
  return { ...message(headers, { ...body, text }, problems), ...decryptedWith(entity) };
}

/** An OpenPGP signature part: not verified (out of psrt's scope), and not an attachment a person sent. */
function isSignature(attachment: Attachment): boolean {
  return declaredType(attachment) === 'application/pgp-signature';
}

function decryptedWith(entity: Uint8Array): Pick<ReadMessage, 'encryption' | 'decrypted'> {
  return { encryption: 'decrypted', decrypted: entity };
}

/** No content: each result gets its own, so changing one changes no other. */
const emptyBody = (): MessageBody => ({ text: '', html: null, attachments: [] });

/** Encrypted mail psrt cannot read: the outer headers and why, nothing of the content. */
function undecryptable(headers: MessageHeaders, problems: string[]): ReadMessage {
  return { ...message(headers, emptyBody(), problems), encryption: 'undecryptable' };
}

function message(headers: MessageHeaders, body: MessageBody, problems: string[]): ReadMessage {
  return {
    ...headers,
    ...body,
    encryption: 'none',
    decrypted: null,
    problem: problems.length > 0 ? [...new Set(problems)].join(' ') : null,
  };
}

function contentTypeOf(mail: ParsedMail): ContentType | null {
  const header = mail.headers?.get('content-type');
  if (!header || typeof header !== 'object' || !('value' in header) || !('params' in header)) return null;
  return { value: String(header.value), params: header.params as Record<string, string> };
}
