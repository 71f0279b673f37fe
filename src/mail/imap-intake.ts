// Fetching security@ mail from an IMAP mailbox (the other way in besides psrt's own SMTP
// server): new messages (without \Seen) are downloaded whole, in UID order, handed to the
// intake's store, and marked \Seen only once stored, so nothing is lost to a crash or a failed
// store: an unmarked message is simply fetched again (the store makes a repeat a no-op).
import { loggableError } from '../app/errors.ts';
import {
  connectionSettings,
  describeFailure,
  ImapIntakeError,
  type ImapSettings,
} from './imap-connection.ts';

export { ImapIntakeError, type ImapSettings } from './imap-connection.ts';

/** Where the intake logs; a pino logger fits. Lines carry counts and UIDs, never mail content. */
export interface IntakeLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface FetchResult {
  /** Messages downloaded in this run. */
  fetched: number;
  /** Of those, stored and marked \Seen. */
  stored: number;
}

/**
 * One run: connects, opens the mailbox, and for each unseen message (oldest UID first)
 * downloads it, awaits `store(raw)`, then marks it \Seen. A store that rejects leaves its
 * message unseen (logged, and tried again next run) and the run goes on with the next one.
 * Rejects with an ImapIntakeError when the server cannot be used (login refused, no such
 * mailbox, connection lost); what was stored and marked until then stays so.
 */
export async function fetchNewMail(
  settings: ImapSettings,
  store: (raw: Buffer) => Promise<void>,
  log: IntakeLog,
  options: { signal?: AbortSignal } = {},
): Promise<FetchResult> {
  const connection = connectionSettings(settings);
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow(connection.options);
  // imapflow reports a lost socket as an 'error' event too; the command in flight rejects with
  // it, which is where it is handled. Without a listener the event would end the process.
  client.on('error', () => {});
  const progress: FetchResult = { fetched: 0, stored: 0 };
  try {
    await client.connect();
    await client.mailboxOpen(settings.mailbox);
    const unseen = await client.search({ seen: false }, { uid: true });
    // imapflow answers false, not an error, when the search itself failed: not "no new mail".
    if (!unseen) throw new Error('the server did not answer the search for unseen mail');
    for (const uid of unseen.sort((a, b) => a - b)) {
      if (options.signal?.aborted) break;
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      // Gone since the search (another client moved or expunged it): nothing to store.
      if (message === false || !message.source) continue;
      progress.fetched += 1;
      try {
        await store(message.source);
      } catch (error) {
        log.warn(
          { uid, mailbox: settings.mailbox, err: loggableError(error) },
          'A fetched message could not be stored; it stays unseen in the mailbox and is fetched again on the next run',
        );
        continue;
      }
      if (!(await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }))) {
        throw new Error(`the server did not mark message UID ${uid} as seen`);
      }
      progress.stored += 1;
    }
    await client.logout();
    return progress;
  } catch (error) {
    throw describeFailure(error, connection, settings.mailbox, progress);
  } finally {
    client.close();
  }
}

export interface ImapPolling {
  /** Resolves once polling has stopped (after the signal aborted and the run in hand ended). */
  stopped: Promise<void>;
}

/**
 * Runs `fetchNewMail` at once and then `intervalSeconds` after each run ends (so runs never
 * overlap), until `signal` aborts. A failed run is logged with its reason and the next one
 * tries again; a run in hand stops after the message it is on.
 */
export function startImapPolling(
  settings: ImapSettings,
  store: (raw: Buffer) => Promise<void>,
  options: { intervalSeconds: number; log: IntakeLog; signal: AbortSignal },
): ImapPolling {
  const { log, signal } = options;
  const pause = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, options.intervalSeconds * 1_000);
      signal.addEventListener('abort', done);
    });
  const stopped = (async () => {
    while (!signal.aborted) {
      try {
        const result = await fetchNewMail(settings, store, log, { signal });
        if (result.fetched > 0)
          log.info({ mailbox: settings.mailbox, ...result }, 'IMAP intake fetched new mail');
      } catch (error) {
        // An ImapIntakeError's message is the whole story; anything else is unexpected, with its frames.
        if (error instanceof ImapIntakeError) {
          log.error({ mailbox: settings.mailbox, reason: error.reason, ...error.progress }, error.message);
        } else {
          log.error({ mailbox: settings.mailbox, err: loggableError(error) }, 'IMAP intake failed');
        }
      }
      if (!signal.aborted) await pause();
    }
  })();
  return { stopped };
}

/**
 * Logs in and opens the mailbox read-only, then leaves: whether intake could run
 * (`psrt config check`). `timeoutMs` bounds the connection and the greeting.
 * Rejects with the ImapIntakeError a run would give; answers the mailbox's message count.
 */
export async function probeMailbox(settings: ImapSettings, timeoutMs: number): Promise<{ messages: number }> {
  const connection = connectionSettings(settings);
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    ...connection.options,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen(settings.mailbox, { readOnly: true });
    await client.logout();
    return { messages: mailbox.exists };
  } catch (error) {
    throw describeFailure(error, connection, settings.mailbox, { fetched: 0, stored: 0 });
  } finally {
    client.close();
  }
}
