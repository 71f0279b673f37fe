// The few headers psrt needs before a message is read in full: its
// Message-ID (a re-delivery is stored once) and whether it is automatic mail
// that must get no automatic answer. Read from the header block only.
import { createHash } from 'node:crypto';
import { bareMessageId } from '../domain/inbox.ts';

/** The header block, unfolded, as `name: value` lines; at most the first 256 KB are looked at. */
function headerLines(raw: Uint8Array): string[] {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 256 * 1024)).toString(
    'latin1',
  );
  const end = head.search(/\r?\n\r?\n/);
  const block = end === -1 ? head : head.slice(0, end);
  return block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

// Control characters (a NUL, a bare CR) are dropped from a value: it is stored, and
// PostgreSQL refuses a NUL in text, which would leave the message unstored or unread.
const withoutControls = (value: string): string =>
  [...value]
    .filter((char) => {
      const code = char.charCodeAt(0);
      return code === 0x09 || (code >= 0x20 && code !== 0x7f);
    })
    .join('');

function header(lines: readonly string[], name: string): string | null {
  const prefix = `${name.toLowerCase()}:`;
  const line = lines.find((l) => l.toLowerCase().startsWith(prefix));
  return line === undefined ? null : withoutControls(line.slice(prefix.length)).trim();
}

/**
 * The SHA-256 of a message's content: its body, after the header block. A
 * relay that delivers a message again adds its own trace headers (Received),
 * so the bytes differ while the message is the same one.
 */
export function contentDigest(raw: Uint8Array): string {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const ends = [crlf === -1 ? -1 : crlf + 4, lf === -1 ? -1 : lf + 2].filter((at) => at > 0);
  const start = ends.length > 0 ? Math.min(...ends) : 0;
  return createHash('sha256').update(bytes.subarray(start)).digest('hex');
}

/** The message's Message-ID without brackets, or null when it has none (or an empty one). */
export function peekMessageId(raw: Uint8Array): string | null {
  const value = header(headerLines(raw), 'Message-ID');
  if (value === null) return null;
  const id = bareMessageId(value.split(/\s+/)[0] ?? '');
  return id === '' ? null : id.slice(0, 998);
}

/**
 * Why a message must get no automatic answer (RFC 3834: `Auto-Submitted`
 * other than `no`; bulk and list mail; bounces), or null. Answering those is
 * how mail loops start.
 */
export function automaticMail(raw: Uint8Array): string | null {
  const lines = headerLines(raw);
  const auto = header(lines, 'Auto-Submitted');
  if (auto !== null && auto.toLowerCase() !== 'no') return `Auto-Submitted: ${auto.slice(0, 40)}`;
  const precedence = header(lines, 'Precedence')?.toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list')
    return `Precedence: ${precedence}`;
  if (header(lines, 'List-Id') !== null) return 'mailing-list mail (List-Id)';
  const returnPath = header(lines, 'Return-Path');
  if (returnPath !== null && /^<\s*>$/.test(returnPath)) return 'a bounce (empty Return-Path)';
  return null;
}
