// The one way psrt sends mail: SMTP to the relay in the configuration, through
// nodemailer. Nothing is loaded or connected until the first message, so a
// start-up (or a CLI command) that sends none pays nothing for it.
import type { Transporter } from 'nodemailer';

export interface MailerSettings {
  /** smtp://host:port (STARTTLS when the relay offers it) or smtps://host:port; a user may precede the host. */
  url: string;
  /** The password of the user in `url` (PSRT_SMTP_PASSWORD); never part of the URL. */
  password?: string | null;
  /** The sender of every message. */
  from: string;
  /** Where notifications for the whole team go. */
  team: string;
  /** How long connecting and the relay's greeting may take (default 10 s). */
  connectTimeoutMs?: number;
}

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  /**
   * The Message-ID, chosen by the caller so a retried send is recognisably the
   * same message (and replies can be matched to it). Angle brackets are optional.
   */
  messageId: string;
  headers?: Record<string, string>;
  /** For a reply: the message answered, and the thread's ids (angle brackets optional). */
  inReplyTo?: string;
  references?: string[];
  /** Messages sent along whole (a forwarded report), each as `message/rfc822`. */
  attachedMessages?: { filename: string; raw: Uint8Array }[];
}

/** What the relay said when it took the message. */
export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

export interface Mailer {
  readonly from: string;
  readonly team: string;
  /** Where mail goes, for logs and messages (no password in it). */
  readonly relay: string;
  /** Hands the message to the relay; rejects with a MailError when it cannot. */
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Connects, greets (EHLO) and logs in as a send would, sending nothing; rejects with a MailError. */
  verify(): Promise<void>;
  /** Closes the connection to the relay, if one was opened. */
  close(): void;
}

/** A message the relay did not take. `temporary` when trying again later may succeed. */
export class MailError extends Error {
  override name = 'MailError';
  constructor(
    message: string,
    readonly temporary: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const seconds = 1_000;

export function createMailer(settings: MailerSettings): Mailer {
  const url = new URL(settings.url);
  const relay = `${url.protocol}//${url.host}`;
  let transport: Promise<Transporter> | null = null;

  const open = async (): Promise<Transporter> => {
    const { createTransport } = await import('nodemailer');
    const user = decodeURIComponent(url.username);
    return createTransport({
      host: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      secure: url.protocol === 'smtps:',
      ...(user ? { auth: { user, pass: settings.password ?? '' } } : {}),
      // One connection reused for message after message: a new one per message costs the
      // relay's greeting delay each time (100 ms and more), which the effect runner would wait out.
      pool: true,
      maxConnections: 2,
      // Fail in seconds, not nodemailer's minutes: the effect runner retries later anyway.
      connectionTimeout: settings.connectTimeoutMs ?? 10 * seconds,
      greetingTimeout: settings.connectTimeoutMs ?? 10 * seconds,
      socketTimeout: 60 * seconds,
      // psrt only sends text it wrote; never let a message pull in files or URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  };

  return {
    from: settings.from,
    team: settings.team,
    relay,
    async send(mail) {
      transport ??= open();
      try {
        const info = await (await transport).sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: inAngleBrackets(mail.messageId),
          ...(mail.headers ? { headers: mail.headers } : {}),
          ...(mail.inReplyTo ? { inReplyTo: inAngleBrackets(mail.inReplyTo) } : {}),
          ...(mail.references?.length ? { references: mail.references.map(inAngleBrackets) } : {}),
          ...(mail.attachedMessages?.length
            ? {
                attachments: mail.attachedMessages.map((message) => ({
                  filename: message.filename,
                  content: Buffer.from(message.raw.buffer, message.raw.byteOffset, message.raw.byteLength),
                  contentType: 'message/rfc822',
                })),
              }
            : {}),
        });
        return {
          messageId: info.messageId,
          accepted: addresses(info.accepted),
          rejected: addresses(info.rejected),
          response: info.response ?? '',
        };
      } catch (error) {
        throw toMailError(error, relay);
      }
    },
    async verify() {
      transport ??= open();
      try {
        await (await transport).verify();
      } catch (error) {
        throw toMailError(error, relay);
      }
    },
    close() {
      void transport?.then((t) => t.close()).catch(() => {});
      transport = null;
    },
  };
}

const addresses = (list: Array<string | { address: string }> | undefined): string[] =>
  (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));

/** `id@host` as the header writes it, `<id@host>`: what `send` answers is then the header's value. */
const inAngleBrackets = (id: string): string => (/^<.*>$/.test(id) ? id : `<${id}>`);

/** nodemailer's error, said in one line; 4xx answers and network trouble are worth retrying, 5xx are not. */
function toMailError(error: unknown, relay: string): MailError {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const said = e.message ?? String(error);
  const temporary =
    e.responseCode !== undefined
      ? e.responseCode < 500
      : ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL'].includes(e.code ?? '');
  const what =
    e.code === 'EAUTH'
      ? 'refused the login (check the user in mail.smtp and PSRT_SMTP_PASSWORD)'
      : e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'EDNS'
        ? 'could not be reached (check mail.smtp)'
        : 'did not take the message';
  return new MailError(`The mail relay ${relay} ${what}: ${said}`, temporary, { cause: error });
}
