// How the simulator writes values in its responses (RFC 3501 §4): a string is quoted when it is
// plain 7-bit text, and sent as a `{n}` literal otherwise (line breaks, 8-bit bytes, long text);
// NIL for a missing value; flag lists in parentheses. Responses are built as Buffer parts so a
// message body goes to the socket as it is, never copied into a larger string.

/** A response being written: text and raw bytes, in order. */
export type Parts = (string | Buffer)[];

const quotable = /^[\x20-\x7e]*$/;

/** A string value (§4.3): quoted when it may be, a literal otherwise. */
export function str(value: string | Buffer): Parts {
  const text = typeof value === 'string' ? value : null;
  if (text !== null && text.length < 1000 && quotable.test(text)) {
    return [`"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`];
  }
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return [`{${bytes.length}}\r\n`, bytes];
}

/** A string or NIL (§4.5). */
export const nstr = (value: string | Buffer | null | undefined): Parts =>
  value === null || value === undefined ? ['NIL'] : str(value);

/** `(\Seen \Flagged)` */
export const flagList = (flags: Iterable<string>): string => `(${[...flags].join(' ')})`;

/** A parenthesised list of values, each already written. */
export function list(items: Parts[]): Parts {
  const out: Parts = ['('];
  items.forEach((item, index) => {
    if (index > 0) out.push(' ');
    out.push(...item);
  });
  out.push(')');
  return out;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** INTERNALDATE's form (§9 "date-time"): `"05-Dec-2026 15:24:15 +0000"`, in UTC. */
export function internalDate(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = two(at.getUTCDate());
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
  return `"${day}-${months[at.getUTCMonth()]}-${at.getUTCFullYear()} ${time} +0000"`;
}
