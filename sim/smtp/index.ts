// A local SMTP server on 127.0.0.1 that accepts every message and keeps the last ones in
// memory: where psrt's mail goes in the sandbox (its "Outgoing mail" page), the effect-runner
// tests and the crash loop, so what was sent can be read back and counted. It reads what a
// person looks at (From, To, Subject, Message-ID, Date and the text body) and keeps the raw message.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Order of arrival, from 1. */
  id: number;
  receivedAt: Date;
  from: string;
  /** The To header's addresses, or the envelope's recipients when there is no To (Bcc only). */
  to: string[];
  subject: string;
  messageId: string | null;
  /** The Date header as written. */
  date: string | null;
  /** The text body, transfer encoding undone (the text/plain part of a multipart message). */
  text: string;
  raw: string;
}

export interface Mailbox {
  /** Newest first. */
  messages(): readonly ReceivedMail[];
  host: string;
  port: number;
  /** `smtp://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

/** Starts the SMTP server on a free 127.0.0.1 port, keeping the last `keep` messages (default 10,000). */
export async function startMailbox(options: { keep?: number; now?: () => Date } = {}): Promise<Mailbox> {
  const keep = options.keep ?? 10_000;
  const now = options.now ?? (() => new Date());
  const kept: ReceivedMail[] = [];
  let count = 0;
  const server = new SMTPServer({
    // Local and plain: no TLS to negotiate, no account to sign in with.
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    // A mailer's pooled connection stays open between messages; closing the mailbox ends it after
    // a second rather than smtp-server's 30, so a test or a sandbox stops promptly.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        count += 1;
        kept.unshift(parseMail(count, raw, envelopeTo, now()));
        if (kept.length > keep) kept.length = keep;
        callback();
      });
    },
  });
  const host = '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  // A client that goes away mid-conversation (a runner killed with SIGKILL) resets its socket:
  // that ends the conversation, not the server (without a listener it would crash the process).
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;
  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    messages: () => kept,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Reads the headers and text body the page shows; anything it cannot read stays in `raw`. */
export function parseMail(id: number, raw: string, envelopeTo: string[], receivedAt: Date): ReceivedMail {
  const { headers, body } = splitMessage(raw);
  const to = addresses(headers.get('to') ?? '');
  return {
    id,
    receivedAt,
    from: decodeWords(headers.get('from') ?? ''),
    to: to.length > 0 ? to : envelopeTo,
    subject: decodeWords(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? null,
    date: headers.get('date') ?? null,
    // Lines travel as CRLF; the page shows them as text.
    text: textOf(headers, body).replace(/\r\n/g, '\n'),
    raw,
  };
}

function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const end = /\r?\n\r?\n/.exec(raw);
  const head = end ? raw.slice(0, end.index) : raw;
  const body = end ? raw.slice(end.index + end[0].length) : '';
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace (RFC 5322 §2.2.3).
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

function textOf(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1).map(splitMessage);
    const text = parts.find((part) => /^text\/plain/i.test(part.headers.get('content-type') ?? 'text/plain'));
    return text ? textOf(text.headers, text.body) : body;
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return quotedPrintable(body.replace(/=\r?\n/g, ''));
  return body;
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as non-ASCII subjects and names arrive. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([bBqQ])\?([^?]*)\?=/g, (_word, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replace(/_/g, ' ')),
    );
}

function addresses(header: string): string[] {
  // Commas inside a quoted display name ("Larson, Seth" <seth@…>) do not separate addresses.
  return (header.match(/(?:"[^"]*"|[^,])+/g) ?? [])
    .map((part) => decodeWords(part).trim())
    .filter((part) => part !== '');
}
