// FETCH's data items (RFC 3501 §6.4.5, §7.4.2): which parts of a message a client asked for,
// and the untagged FETCH response carrying them. The whole message (BODY[]), its header and
// text, flags, size, arrival date, UID and ENVELOPE; no MIME structure (BODYSTRUCTURE, parts).
import type { Token } from './command-reader.ts';
import { BadArgument, type StoredMessage } from './mail-store.ts';
import { flagList, internalDate, list, nstr, type Parts, str } from './wire.ts';

export type FetchItem =
  | { kind: 'UID' | 'FLAGS' | 'INTERNALDATE' | 'RFC822.SIZE' | 'ENVELOPE' }
  | {
      kind: 'BODY';
      section: '' | 'HEADER' | 'TEXT';
      peek: boolean;
      partial: { start: number; length: number } | null;
      /** How the response names it: BODY[...]<start>, or RFC822 / RFC822.HEADER / RFC822.TEXT. */
      label: string;
    };

const macros: Record<string, string[]> = {
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
};

/** The items of a FETCH command's second argument (one item, a macro, or a list). UID FETCH always adds UID. */
export function parseFetchItems(arg: Token | undefined, byUid: boolean): FetchItem[] {
  const names =
    arg?.kind === 'atom'
      ? (macros[arg.value.toUpperCase()] ?? [arg.value])
      : arg?.kind === 'list'
        ? arg.items.map((item) => (item.kind === 'atom' ? item.value : ''))
        : [];
  if (names.length === 0) throw new BadArgument('FETCH needs data items');
  const items = names.map(fetchItem);
  if (byUid && !items.some((item) => item.kind === 'UID')) items.unshift({ kind: 'UID' });
  return items;
}

function fetchItem(name: string): FetchItem {
  const upper = name.toUpperCase();
  switch (upper) {
    case 'UID':
    case 'FLAGS':
    case 'INTERNALDATE':
    case 'RFC822.SIZE':
    case 'ENVELOPE':
      return { kind: upper };
    case 'RFC822':
      return { kind: 'BODY', section: '', peek: false, partial: null, label: 'RFC822' };
    case 'RFC822.HEADER':
      return { kind: 'BODY', section: 'HEADER', peek: true, partial: null, label: 'RFC822.HEADER' };
    case 'RFC822.TEXT':
      return { kind: 'BODY', section: 'TEXT', peek: false, partial: null, label: 'RFC822.TEXT' };
  }
  const body = /^BODY(\.PEEK)?\[(HEADER|TEXT)?\](?:<(\d+)\.(\d+)>)?$/.exec(upper);
  if (!body) throw new BadArgument(`The simulator does not fetch ${name}`);
  const section = (body[2] ?? '') as '' | 'HEADER' | 'TEXT';
  const partial = body[3] ? { start: Number(body[3]), length: Number(body[4]) } : null;
  const label = `BODY[${section}]${partial ? `<${partial.start}>` : ''}`;
  return { kind: 'BODY', section, peek: body[1] !== undefined, partial, label };
}

/** Whether fetching these items reads the message, which sets \Seen in a read-write mailbox (§6.4.5). */
export const readsBody = (items: FetchItem[]): boolean =>
  items.some((item) => item.kind === 'BODY' && !item.peek);

/** `* seq FETCH (...)` for one message, the items in the order asked. */
export function fetchResponse(message: StoredMessage, seq: number, items: FetchItem[]): Parts {
  const values = items.map((item): Parts => {
    switch (item.kind) {
      case 'UID':
        return [`UID ${message.uid}`];
      case 'FLAGS':
        return [`FLAGS ${flagList(message.flags)}`];
      case 'INTERNALDATE':
        return [`INTERNALDATE ${internalDate(message.internalDate)}`];
      case 'RFC822.SIZE':
        return [`RFC822.SIZE ${message.raw.length}`];
      case 'ENVELOPE':
        return ['ENVELOPE ', ...envelope(message.raw)];
      default: {
        let bytes = section(message.raw, item.section);
        if (item.partial)
          bytes = bytes.subarray(item.partial.start, item.partial.start + item.partial.length);
        return [`${item.label} `, ...str(bytes)];
      }
    }
  });
  return [`* ${seq} FETCH `, ...list(values), '\r\n'];
}

/** The header ends at the first empty line, which belongs to it (§6.4.5 HEADER). */
function headerEnd(raw: Buffer): number {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? raw.length : end + 4;
}

function section(raw: Buffer, name: '' | 'HEADER' | 'TEXT'): Buffer {
  if (name === 'HEADER') return raw.subarray(0, headerEnd(raw));
  if (name === 'TEXT') return raw.subarray(headerEnd(raw));
  return raw;
}

/** The header fields by lower-case name, first occurrence, unfolded (RFC 5322 §2.2.3). */
function headerFields(raw: Buffer): Map<string, string> {
  const fields = new Map<string, string>();
  const text = raw.subarray(0, headerEnd(raw)).toString('utf8');
  for (const line of text.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** ENVELOPE (§7.4.2): date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to, message-id, raw as in the header. */
function envelope(raw: Buffer): Parts {
  const fields = headerFields(raw);
  const from = fields.get('from');
  // Sender and Reply-To default to From when the message has none (§7.4.2).
  const addressFields = [from, fields.get('sender') ?? from, fields.get('reply-to') ?? from];
  addressFields.push(fields.get('to'), fields.get('cc'), fields.get('bcc'));
  return list([
    nstr(fields.get('date')),
    nstr(fields.get('subject')),
    ...addressFields.map(addresses),
    nstr(fields.get('in-reply-to')),
    nstr(fields.get('message-id')),
  ]);
}

/** An address list as `((name NIL mailbox host) ...)`, or NIL; groups are flattened to their members. */
function addresses(value: string | undefined): Parts {
  if (!value) return ['NIL'];
  const found = (value.replace(/[^:;,]*:/g, '').match(/(?:"[^"]*"|<[^>]*>|[^,;])+/g) ?? [])
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const angle = /^(.*)<([^>]*)>$/.exec(part);
      const name = angle ? (angle[1] ?? '').trim().replace(/^"(.*)"$/, '$1') : '';
      const address = (angle ? (angle[2] ?? '') : part).trim();
      const at = address.lastIndexOf('@');
      const mailbox = at < 0 ? address : address.slice(0, at);
      const host = at < 0 ? null : address.slice(at + 1);
      return list([nstr(name || null), ['NIL'], nstr(mailbox), nstr(host)]);
    });
  return found.length > 0 ? list(found) : ['NIL'];
}
