// How the IMAP intake reaches its mailbox: the URL read into imapflow's options (TLS for
// imaps://, STARTTLS required for imap:// unless the server is on this machine, so the
// password never crosses a network in the clear), and imapflow's failures said in the PSRT's
// words: what went wrong and what to check, never the password.
import type { ImapFlowOptions } from 'imapflow';

export interface ImapSettings {
  /** imaps://user@host:port (TLS), or imap://user@host:port (STARTTLS; plain only on the loopback). */
  url: string;
  /** The password of the user in `url`; never part of the URL. */
  password: string;
  /** The mailbox to read, such as INBOX. */
  mailbox: string;
}

export type ImapFailure = 'settings' | 'unreachable' | 'tls' | 'login' | 'mailbox' | 'connection-lost';

/** A run that could not use the server; `progress` is what it had fetched and stored by then. */
export class ImapIntakeError extends Error {
  override name = 'ImapIntakeError';
  constructor(
    readonly reason: ImapFailure,
    message: string,
    readonly progress: { fetched: number; stored: number } = { fetched: 0, stored: 0 },
  ) {
    super(message);
  }
}

export interface ImapConnection {
  options: ImapFlowOptions;
  user: string;
  /** `imap://host:port`, for messages (no user, no password). */
  where: string;
}

const seconds = 1_000;
const loopback = /^(localhost|127(\.\d{1,3}){3}|::1)$/i;

export function connectionSettings(settings: ImapSettings): ImapConnection {
  const usage = 'The IMAP URL must look like imaps://user@host:port or imap://user@host:port';
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new ImapIntakeError('settings', `${usage}; it is not a URL.`);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') {
    throw new ImapIntakeError('settings', `${usage}; it starts with ${url.protocol}//.`);
  }
  if (url.password !== '') {
    throw new ImapIntakeError(
      'settings',
      'The IMAP URL holds a password: remove it and set the IMAP password instead.',
    );
  }
  const user = decodeURIComponent(url.username);
  if (user === '') throw new ImapIntakeError('settings', `${usage}; it names no user.`);
  const secure = url.protocol === 'imaps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : secure ? 993 : 143;
  return {
    user,
    where: `${url.protocol}//${url.host}`,
    options: {
      host,
      port,
      secure,
      // Over imap:// the password goes in the clear unless STARTTLS protects it: required for
      // any server but one on this machine (the sandbox's and the tests' simulator).
      doSTARTTLS: secure ? undefined : !loopback.test(host),
      auth: { user, pass: settings.password },
      // imapflow's own log lines name the user and the mailbox's traffic: psrt logs for itself.
      logger: false,
      // One run fetches and leaves; nothing waits in IDLE between runs.
      disableAutoIdle: true,
      connectionTimeout: 30 * seconds,
      greetingTimeout: 30 * seconds,
      socketTimeout: 5 * 60 * seconds,
      clientInfo: { name: 'psrt' },
    },
  };
}

interface ImapFlowError {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  serverResponseCode?: string;
  mailboxMissing?: boolean;
}

/** imapflow's error as the ImapIntakeError a person can act on. */
export function describeFailure(
  error: unknown,
  connection: ImapConnection,
  mailbox: string,
  progress: { fetched: number; stored: number },
): ImapIntakeError {
  if (error instanceof ImapIntakeError) return error;
  const e = (error ?? {}) as ImapFlowError;
  const { user, where } = connection;
  if (e.authenticationFailed) {
    return new ImapIntakeError(
      'login',
      `IMAP login failed for ${user} at ${where}: the server refused the user and password. Check the user in the IMAP URL and the IMAP password.`,
      progress,
    );
  }
  if (e.tlsFailed) {
    return new ImapIntakeError(
      'tls',
      `The IMAP server ${where} offers no working TLS, and psrt sends a password in the clear only to a server on this machine. Use imaps://, or a server that offers STARTTLS.`,
      progress,
    );
  }
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT') {
    return new ImapIntakeError(
      'mailbox',
      `The IMAP mailbox ${mailbox} does not exist for ${user} at ${where}. Check the mailbox name.`,
      progress,
    );
  }
  if (
    e.code &&
    /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|CONNECT_TIMEOUT)$/.test(e.code)
  ) {
    return new ImapIntakeError(
      'unreachable',
      `Could not reach the IMAP server ${where} (${e.code}). Check the host and port in the IMAP URL and that the server is up.`,
      progress,
    );
  }
  const closed = e.code && /^(NoConnection|EConnectionClosed|ECONNRESET|EPIPE)$/.test(e.code);
  const what = closed
    ? 'the server closed the connection'
    : e.code === 'ETIMEOUT'
      ? 'the server stopped answering'
      : (e.code ?? (error instanceof Error ? error.message : 'unknown error'));
  const done = `${progress.stored} new message${progress.stored === 1 ? '' : 's'} stored`;
  return new ImapIntakeError(
    'connection-lost',
    `The IMAP session with ${where} failed (${what}) after ${done}. What was stored is kept; the rest is fetched on the next run.`,
    progress,
  );
}
