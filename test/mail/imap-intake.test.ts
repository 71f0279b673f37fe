// The IMAP intake against the IMAP simulator: new security@ mail is fetched in arrival order,
// stored, and marked \Seen only once stored, so a failed store, a dropped connection or a
// crash leaves the message to be fetched again; a server that cannot be used says why, never
// with the password.
import { Writable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ImapServer, startImapServer } from '../../sim/imap/index.ts';
import { createLogger } from '../../src/config/logger.ts';
import { connectionSettings, describeFailure } from '../../src/mail/imap-connection.ts';
import {
  fetchNewMail,
  ImapIntakeError,
  type ImapSettings,
  startImapPolling,
} from '../../src/mail/imap-intake.ts';

const user = 'security@python.org';
const password = 'correct horse battery staple';
let server: ImapServer;
let settings: ImapSettings;

beforeAll(async () => {
  server = await startImapServer({ users: { [user]: password }, mailboxes: ['Reports'] });
});
afterAll(() => server.close());

// Each test reads its own mailbox so the messages of one do not reach another.
let box = 0;
beforeEach(() => {
  box += 1;
  server.faults.clear();
  settings = { url: `imap://security%40python.org@127.0.0.1:${server.port}`, password, mailbox: 'INBOX' };
});

/** The log as pino writes it, one JSON object a line. */
function recordedLog() {
  const lines: string[] = [];
  const log = createLogger(
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { log, text: () => lines.join(''), entries: () => lines.map((line) => JSON.parse(line)) };
}

const mail = (subject: string, body = 'Found a heap overflow in the tokenizer.') =>
  `From: Reporter <reporter@example.org>\r\nTo: ${user}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}-${box}@example.org>\r\n\r\n${body}\r\n`;

/** Marks what is in INBOX seen, so each test starts with only its own new mail. */
function emptyInbox() {
  return fetchNewMail(settings, async () => {}, recordedLog().log);
}

describe('fetching new security@ mail over IMAP', () => {
  it('fetches new mail oldest first, stores each message whole, and marks it seen only after it is stored', async () => {
    await emptyInbox();
    const first = server.deliver(mail('First report'));
    const second = server.deliver(mail('Second report'));
    const stored: string[] = [];
    const seenWhileStoring: string[][] = [];
    const result = await fetchNewMail(
      settings,
      async (raw) => {
        stored.push(raw.toString('utf8'));
        seenWhileStoring.push(server.messages().find((m) => m.raw.equals(raw))?.flags ?? ['missing']);
      },
      recordedLog().log,
    );
    expect(result).toEqual({ fetched: 2, stored: 2 });
    expect(stored).toEqual([first.raw.toString('utf8'), second.raw.toString('utf8')]);
    expect(seenWhileStoring).toEqual([[], []]);
    const now = server.messages().filter((m) => m.uid >= first.uid);
    expect(now.map((m) => m.flags)).toEqual([['\\Seen'], ['\\Seen']]);
    // Seen mail is not fetched again.
    expect(await fetchNewMail(settings, async () => {}, recordedLog().log)).toEqual({
      fetched: 0,
      stored: 0,
    });
  });

  it('reads the configured mailbox, not INBOX', async () => {
    await emptyInbox();
    server.deliver(mail('In INBOX'));
    server.deliver(mail('In Reports'), { mailbox: 'Reports' });
    const stored: string[] = [];
    await fetchNewMail(
      { ...settings, mailbox: 'Reports' },
      async (raw) => void stored.push(String(raw)),
      recordedLog().log,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('Subject: In Reports');
    expect(server.messages('INBOX').at(-1)?.flags).toEqual([]);
  });

  it('leaves a message whose store fails unseen, stores the others, and fetches it again on the next run', async () => {
    await emptyInbox();
    server.deliver(mail('Will fail once'));
    server.deliver(mail('Stored fine'));
    const { log, text, entries } = recordedLog();
    let failures = 1;
    const stored: string[] = [];
    const store = async (raw: Buffer) => {
      if (raw.includes('Will fail once') && failures-- > 0) throw new Error('the database is unreachable');
      stored.push(raw.toString('utf8'));
    };
    expect(await fetchNewMail(settings, store, log)).toEqual({ fetched: 2, stored: 1 });
    expect(
      server
        .messages()
        .slice(-2)
        .map((m) => m.flags),
    ).toEqual([[], ['\\Seen']]);
    const warning = entries().find((entry) => entry.level === 40);
    expect(warning?.msg).toMatch(/could not be stored; it stays unseen/);
    expect(warning?.err.message).toBe('the database is unreachable');
    // The log says which message, never what it says.
    expect(text()).not.toContain('Will fail once');
    expect(text()).not.toContain('heap overflow');

    expect(await fetchNewMail(settings, store, log)).toEqual({ fetched: 1, stored: 1 });
    expect(stored.map((raw) => /Subject: (.*)/.exec(raw)?.[1])).toEqual(['Stored fine', 'Will fail once']);
    expect(
      server
        .messages()
        .slice(-2)
        .map((m) => m.flags),
    ).toEqual([['\\Seen'], ['\\Seen']]);
  });

  it('fetches a message again when the connection dropped after it was stored but before it was marked seen', async () => {
    await emptyInbox();
    server.deliver(mail('Interrupted'));
    const calls: string[] = [];
    const store = async (raw: Buffer) => void calls.push(/Subject: (.*)/.exec(raw.toString())?.[1] ?? '');
    server.faults.dropConnection({ command: 'STORE', nth: 1 });
    const failure = await fetchNewMail(settings, store, recordedLog().log).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImapIntakeError);
    expect(failure).toMatchObject({ reason: 'connection-lost', progress: { fetched: 1, stored: 0 } });
    expect(server.messages().at(-1)?.flags).toEqual([]);

    // The intake's store makes the repeat a no-op; here it is counted.
    expect(await fetchNewMail(settings, store, recordedLog().log)).toEqual({ fetched: 1, stored: 1 });
    expect(calls).toEqual(['Interrupted', 'Interrupted']);
    expect(server.messages().at(-1)?.flags).toEqual(['\\Seen']);
  });

  it('keeps what was stored before the connection dropped, and fetches the rest on the next run', async () => {
    await emptyInbox();
    for (const n of [1, 2, 3]) server.deliver(mail(`Message ${n}`));
    const calls: string[] = [];
    const store = async (raw: Buffer) => void calls.push(/Subject: (.*)/.exec(raw.toString())?.[1] ?? '');
    server.faults.dropConnection({ command: 'FETCH', nth: 2 });
    await expect(fetchNewMail(settings, store, recordedLog().log)).rejects.toThrow(
      /failed \(the server closed the connection\) after 1 new message stored\. What was stored is kept; the rest is fetched on the next run/,
    );
    expect(
      server
        .messages()
        .slice(-3)
        .map((m) => m.flags),
    ).toEqual([['\\Seen'], [], []]);
    expect(await fetchNewMail(settings, store, recordedLog().log)).toEqual({ fetched: 2, stored: 2 });
    expect(calls).toEqual(['Message 1', 'Message 2', 'Message 3']);
  });

  it('says the login failed and for whom, without the password, when the password is wrong', async () => {
    const failure = (await fetchNewMail(
      { ...settings, password: 'hunter2' },
      async () => {},
      recordedLog().log,
    ).catch((error: unknown) => error)) as ImapIntakeError;
    expect(failure).toBeInstanceOf(ImapIntakeError);
    expect(failure.reason).toBe('login');
    expect(failure.message).toBe(
      `IMAP login failed for security@python.org at imap://127.0.0.1:${server.port}: the server refused the user and password. Check the user in the IMAP URL and the IMAP password.`,
    );
    expect(failure.message).not.toContain('hunter2');
    server.faults.rejectLogins(true);
    await expect(fetchNewMail(settings, async () => {}, recordedLog().log)).rejects.toMatchObject({
      reason: 'login',
    });
  });

  it('says which mailbox does not exist, and which server cannot be reached', async () => {
    await expect(
      fetchNewMail({ ...settings, mailbox: 'Security' }, async () => {}, recordedLog().log),
    ).rejects.toThrow(
      `The IMAP mailbox Security does not exist for security@python.org at imap://127.0.0.1:${server.port}. Check the mailbox name.`,
    );
    await expect(
      fetchNewMail(
        { ...settings, url: 'imap://security%40python.org@127.0.0.1:1' },
        async () => {},
        recordedLog().log,
      ),
    ).rejects.toThrow(
      /Could not reach the IMAP server imap:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)\. Check the host and port/,
    );
  });

  it('fetches a backlog of 1,000 messages in one run', async () => {
    await emptyInbox();
    for (let n = 1; n <= 1000; n += 1) server.deliver(mail(`Backlog ${n}`, 'short'));
    let count = 0;
    let last = '';
    const result = await fetchNewMail(
      settings,
      async (raw) => {
        count += 1;
        last = /Subject: (.*)/.exec(raw.toString())?.[1] ?? '';
      },
      recordedLog().log,
    );
    expect(result).toEqual({ fetched: 1000, stored: 1000 });
    expect([count, last]).toEqual([1000, 'Backlog 1000']);
    expect(server.messages().filter((m) => m.flags.length === 0)).toEqual([]);
  }, 30_000);

  it('fetches a 25 MB message byte for byte', async () => {
    await emptyInbox();
    // A large attachment, base64 in 76-character lines as a mailer writes it.
    const line = `${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx'.padEnd(76, 'A')}\r\n`;
    const body = line.repeat(Math.ceil((25 * 1024 * 1024) / line.length));
    const held = server.deliver(Buffer.from(mail('Crash dump attached', body)));
    expect(held.raw.length).toBeGreaterThan(25 * 1024 * 1024);
    let received: Buffer | null = null;
    const result = await fetchNewMail(
      settings,
      async (raw) => {
        received = raw;
      },
      recordedLog().log,
    );
    expect(result).toEqual({ fetched: 1, stored: 1 });
    expect(received && Buffer.compare(received, held.raw)).toBe(0);
  }, 30_000);
});

describe('polling the mailbox', () => {
  it('fetches at once and after each interval, logs a failed run with its reason, and stops when aborted', async () => {
    await emptyInbox();
    const { log, entries, text } = recordedLog();
    const controller = new AbortController();
    const arrived: string[] = [];
    let notify = () => {};
    const store = async (raw: Buffer) => {
      arrived.push(/Subject: (.*)/.exec(raw.toString())?.[1] ?? '');
      notify();
    };
    const next = () =>
      new Promise<void>((resolve) => {
        notify = resolve;
      });
    server.deliver(mail('Before polling'));
    let waiting = next();
    const polling = startImapPolling(settings, store, {
      intervalSeconds: 0.02,
      log,
      signal: controller.signal,
    });
    await waiting;
    expect(arrived).toEqual(['Before polling']);

    // A run that cannot log in is logged with the reason, and the next run tries again.
    server.faults.rejectLogins(true);
    await expect.poll(() => entries().some((entry) => entry.level === 50), { interval: 5 }).toBe(true);
    const failed = entries().find((entry) => entry.level === 50);
    expect(failed.msg).toMatch(/^IMAP login failed for security@python\.org at imap:\/\/127\.0\.0\.1:\d+/);
    expect(failed).toMatchObject({ mailbox: 'INBOX', reason: 'login' });
    expect(text()).not.toContain(password);
    waiting = next();
    server.faults.rejectLogins(false);
    server.deliver(mail('While polling'));
    await waiting;
    expect(arrived).toEqual(['Before polling', 'While polling']);

    // Stopping ends the loop (this would time out otherwise) and leaves no connection open.
    controller.abort();
    await polling.stopped;
    await expect.poll(() => server.connections(), { interval: 5 }).toBe(0);
  });
});

describe('how the intake connects', () => {
  it('uses TLS for imaps://, requires STARTTLS for imap:// to another machine, and allows plain IMAP only on this one', () => {
    const options = (url: string) => connectionSettings({ url, password, mailbox: 'INBOX' }).options;
    expect(options('imaps://security%40python.org@mail.python.org')).toMatchObject({
      host: 'mail.python.org',
      port: 993,
      secure: true,
      auth: { user: 'security@python.org', pass: password },
    });
    expect(options('imap://security%40python.org@mail.python.org')).toMatchObject({
      port: 143,
      secure: false,
      doSTARTTLS: true,
    });
    expect(options('imap://security%40python.org@127.0.0.1:1143')).toMatchObject({
      port: 1143,
      doSTARTTLS: false,
    });
    expect(options('imap://security%40python.org@[::1]:1143')).toMatchObject({
      host: '::1',
      doSTARTTLS: false,
    });
  });

  it('stops before the password when a plain imap:// server offers no STARTTLS, and says to use TLS', async () => {
    const connection = connectionSettings(settings);
    // As for a server on another machine: STARTTLS required.
    const client = new ImapFlow({ ...connection.options, doSTARTTLS: true });
    client.on('error', () => {});
    const error = await client.connect().catch((e: unknown) => e);
    client.close();
    expect(describeFailure(error, connection, 'INBOX', { fetched: 0, stored: 0 }).message).toBe(
      `The IMAP server imap://127.0.0.1:${server.port} offers no working TLS, and psrt sends a password in the clear only to a server on this machine. Use imaps://, or a server that offers STARTTLS.`,
    );
  });

  it('refuses a URL that is not IMAP, names no user, or carries the password', () => {
    const read = (url: string) => () => connectionSettings({ url, password, mailbox: 'INBOX' });
    expect(read('https://mail.python.org')).toThrow('The IMAP URL must look like imaps://user@host:port');
    expect(read('imaps://mail.python.org')).toThrow(/it names no user/);
    // The message says so without repeating it.
    expect(read('imaps://security:s3cret@mail.python.org')).toThrow(
      /^The IMAP URL holds a password: remove it and set the IMAP password instead\.$/,
    );
  });
});
