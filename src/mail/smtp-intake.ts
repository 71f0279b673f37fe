// security@'s own front door: a real SMTP server (smtp-server) that takes a
// message whole, hands it to be stored, and only then answers 250. A message
// too large is refused (552) before it is stored; a store that fails answers
// 451, so the sending server keeps the message and tries again later.
import type { Readable } from 'node:stream';
import type { Logger } from '../config/logger.ts';

export interface SmtpIntakeSettings {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Larger messages are refused with 552 (RFC 1870 SIZE is advertised). */
  maxMessageBytes: number;
}

export interface ReceivedMail {
  raw: Buffer;
  /** `performance.now()` when the sender's DATA began: with the time it is stored, what a sender waits. */
  dataStartedAt: number;
  envelopeFrom: string | null;
  envelopeTo: string[];
}

export interface SmtpIntake {
  /** `smtp://host:port`, as the sandbox logs it. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** An SMTP answer with its code, which smtp-server sends as given. */
const answer = (code: number, message: string): Error & { responseCode: number } =>
  Object.assign(new Error(message), { responseCode: code });

export async function startSmtpIntake(
  settings: SmtpIntakeSettings,
  store: (mail: ReceivedMail) => Promise<void>,
  log: Logger,
): Promise<SmtpIntake> {
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    name: 'psrt',
    banner: 'psrt security@ intake',
    // Mail arrives from the team's mail exchanger or a local relay; TLS and logins are theirs.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: settings.maxMessageBytes,
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    onData(stream: Readable & { sizeExceeded?: boolean }, session, callback) {
      const dataStartedAt = performance.now();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          log.warn(
            { limit: settings.maxMessageBytes },
            'mail refused: larger than mail.intake.maxMessageBytes',
          );
          callback(
            answer(552, `Message exceeds the fixed maximum message size (${settings.maxMessageBytes} bytes)`),
          );
          return;
        }
        const mail: ReceivedMail = {
          raw: Buffer.concat(chunks),
          dataStartedAt,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        store(mail).then(
          () => callback(null, 'Stored'),
          (error: unknown) => {
            // The sender keeps it and retries: nothing is lost by answering "try later".
            log.error(
              { err: error instanceof Error ? error.message : String(error) },
              'mail not stored; asked the sender to retry',
            );
            callback(answer(451, 'Could not store the message; try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => log.warn({ err: error.message }, 'SMTP intake connection error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return {
    url: `smtp://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
