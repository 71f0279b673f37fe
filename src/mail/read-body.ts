// A message's content as psrt keeps it: the plain text (from the HTML when
// there is no plain part), the HTML as sent (never rendered), and the
// attachments with safe names and their SHA-256. Parsing is mailparser's.
import { createHash } from 'node:crypto';
import { type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import type { ReadMessage } from '../domain/inbox.ts';
import { bodyText, safeFilename } from './safe-text.ts';

export type MessageBody = Pick<ReadMessage, 'text' | 'html' | 'attachments'>;

/** HTML longer than this is kept but not converted to text (converting it costs seconds). */
const maxHtmlToConvert = 5 * 1024 * 1024;

/**
 * Parses a message (or a decrypted MIME entity), without mailparser's
 * conveniences psrt has no use for: no HTML made from the text, no links,
 * `cid:` images left as they are, SHA-256 (not MD5) of each attachment.
 * HTML is turned into text separately, only when there is no plain part.
 * Null when mailparser gives up, which it does only on input it cannot read at all.
 */
export async function parse(raw: Buffer): Promise<ParsedMail | null> {
  try {
    return await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      keepCidLinks: true,
      checksumAlgo: 'sha256',
    });
  } catch {
    return null;
  }
}

/** The text, HTML and attachments of a parsed message; what could not be kept is added to `problems`. */
export async function readBody(
  mail: ParsedMail,
  maxAttachmentBytes: number,
  problems: string[],
  skip: (attachment: Attachment) => boolean = () => false,
): Promise<MessageBody> {
  const html = typeof mail.html === 'string' ? mail.html.replaceAll('\u0000', '') : null;
  let text = bodyText(mail.text ?? '');
  if (text.trim() === '' && html !== null) text = await htmlAsText(html, problems);
  const attachments = mail.attachments
    .filter((attachment) => !skip(attachment))
    .map((attachment, index) => {
      const content: Uint8Array = attachment.content;
      const kept = content.length <= maxAttachmentBytes;
      if (!kept) {
        problems.push(
          `An attachment of ${content.length} bytes is larger than psrt keeps (${maxAttachmentBytes} bytes): ` +
            'it is only in the message as received.',
        );
      }
      return {
        filename: safeFilename(attachment.filename, index + 1),
        contentType: declaredType(attachment),
        size: content.length,
        // mailparser hashed it while decoding (checksumAlgo); hashing again only if it did not.
        sha256: attachment.checksum ?? createHash('sha256').update(content).digest('hex'),
        content: kept ? content : new Uint8Array(0),
      };
    });
  return { text, html, attachments };
}

/**
 * An HTML body as plain text, through mailparser's converter (html-to-text):
 * scripts and styles are dropped, and link targets other than web and mail
 * addresses (`javascript:`, `data:`…) are left out of the text.
 */
async function htmlAsText(html: string, problems: string[]): Promise<string> {
  if (html.length > maxHtmlToConvert) {
    problems.push('The HTML body is too large to convert to text: it is kept as sent.');
    return '';
  }
  const converted = await simpleParser(
    Buffer.concat([Buffer.from('Content-Type: text/html; charset=utf-8\r\n\r\n'), Buffer.from(html)]),
    { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, keepCidLinks: true },
  ).catch(() => null);
  if (!converted || converted.textConversionError) {
    problems.push('The HTML body could not be converted to text: it is kept as sent.');
    return '';
  }
  return bodyText(withoutScriptLinks(converted.text ?? '')).trim();
}

/** Schemes that run or embed something; removed from the text however they are spaced. */
const activeScheme = /^(?:javascript|vbscript|livescript|data|file):/i;
/** Schemes whose targets are worth reading in a report: web pages and mail addresses. */
const readableScheme = /^(?:https?|mailto):/i;
/** A `[target]` html-to-text wrote after a link or image, when it starts like a URL scheme. */
const bracketedTarget = /[ \t]?\[(?=\s*[a-z][a-z0-9+.\-\s]{0,30}:)([\s\S]{0,4000}?)\](?=\s|$)/gi;

/**
 * The converted text without the targets of active links: html-to-text
 * writes a link as `text [href]`, and `[javascript:…]` has no place in a
 * report's text. A bracketed note such as `[Note: …]` stays.
 */
function withoutScriptLinks(text: string): string {
  return text.replace(bracketedTarget, (whole, target: string) => {
    const trimmed = target.trim();
    if (activeScheme.test(trimmed.replace(/\s+/g, ''))) return '';
    if (/\s/.test(trimmed) || readableScheme.test(trimmed)) return whole;
    return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? '' : whole;
  });
}

/** A token as RFC 2045 allows in a media type. */
const mediaType = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/**
 * The attachment's type as the sender declared it, lower-cased (mailparser
 * guesses one from the name for application/octet-stream; psrt keeps what was
 * said), or application/octet-stream when it is not a media type.
 */
export function declaredType(attachment: Attachment): string {
  const header = attachment.headers.get('content-type');
  const declared =
    header && typeof header === 'object' && 'value' in header && typeof header.value === 'string'
      ? header.value
      : attachment.contentType;
  const type = (typeof declared === 'string' ? declared : '').trim().toLowerCase();
  return mediaType.test(type) ? type : 'application/octet-stream';
}
