// A local SMTP server that accepts every message and keeps it in memory: where
// psrt's mail goes in the sandbox, the tests and the crash loop, so what was
// sent can be read back and counted. Real SMTP (`smtp-server`), no auth, no TLS.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope sender and recipients, as the client gave them. */
  from: string;
  to: string[];
  /** The message as received (headers and body). */
  raw: string;
  messageId: string | null;
  subject: string | null;
  receivedAt: Date;
}

export interface Mailbox {
  host: string;
  port: number;
  /** `smtp://host:port`, for logs and configuration. */
  url: string;
  /** Every message accepted, oldest first (at most `keep`). */
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** The value of a header in a raw message (the first occurrence, unfolded). */
function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = head.match(new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? null;
}

export async function startMailbox(
  options: { port?: number; host?: string; keep?: number } = {},
): Promise<Mailbox> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 10_000;
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw,
          messageId: header(raw, 'Message-ID'),
          subject: header(raw, 'Subject'),
          receivedAt: new Date(),
        });
        if (received.length > keep) received.shift();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
