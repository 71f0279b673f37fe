// The IMAP simulator speaks IMAP4rev1 (RFC 3501) as a mail client expects: driven by imapflow,
// the client psrt uses, and by a raw socket for the exact lines of the greeting, a login,
// SELECT and FETCH; and its fault switch drops connections and refuses logins on demand.
import { connect, type Socket } from 'node:net';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImapServer, startImapServer } from '../../sim/imap/index.ts';

const user = 'security@python.org';
const password = 'pw "quoted" \\ and spaces';
let server: ImapServer;

beforeAll(async () => {
  server = await startImapServer({
    users: { [user]: password },
    mailboxes: ['Archive'],
    now: () => new Date('2026-12-05T15:24:15Z'),
  });
});
afterAll(() => server.close());

const report = (subject: string) =>
  `From: "Larson, Seth" <seth@python.org>\r\nTo: ${user}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.length}@example.org>\r\n\r\nDetails.\r\n`;

/** A client that writes lines and reads the server's answer up to the tagged response. */
async function rawClient() {
  const socket: Socket = connect(server.port, '127.0.0.1');
  let received = Buffer.alloc(0);
  let wake = () => {};
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    wake();
  });
  const until = async (pattern: RegExp): Promise<string> => {
    while (!pattern.test(received.toString('latin1'))) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    const text = received.toString('latin1');
    received = Buffer.alloc(0);
    return text;
  };
  const greeting = await until(/\r\n$/);
  return {
    greeting,
    /** Sends `tag command` and answers everything up to the tagged response. */
    command: (tag: string, command: string) => {
      socket.write(`${tag} ${command}\r\n`);
      return until(new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)[^\\r]*\\r\\n$`));
    },
    write: (text: string) => socket.write(text),
    until,
    /** Resolves when the server closed the connection, with what it sent since the last answer. */
    closed: () =>
      new Promise<string>((resolve) => {
        const rest = () => resolve(received.toString('latin1'));
        if (socket.closed) rest();
        else socket.once('close', rest);
      }),
    end: () => socket.destroy(),
  };
}

async function imapflow(pass = password) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

describe('the IMAP simulator, driven by imapflow', () => {
  it('lists the mailboxes, finds unseen mail by UID, downloads it whole and marks it seen', async () => {
    const delivered = server.deliver(report('Heap overflow'), { mailbox: 'Archive' });
    const client = await imapflow();
    expect((await client.list()).map((box) => box.path).sort()).toEqual(['Archive', 'INBOX']);
    const box = await client.mailboxOpen('Archive');
    expect(box).toMatchObject({ exists: 1, uidNext: delivered.uid + 1 });
    expect(box.uidValidity).toBe(BigInt(Date.parse('2026-12-05T15:24:15Z') / 1000));
    expect(await client.search({ seen: false }, { uid: true })).toEqual([delivered.uid]);
    const message = await client.fetchOne(
      String(delivered.uid),
      { source: true, flags: true, size: true, envelope: true, internalDate: true },
      { uid: true },
    );
    if (!message) throw new Error('message not fetched');
    expect(message.source?.equals(delivered.raw)).toBe(true);
    expect(message.size).toBe(delivered.raw.length);
    expect(message.flags).toEqual(new Set());
    expect(message.internalDate).toEqual(new Date('2026-12-05T15:24:15Z'));
    expect(message.envelope).toMatchObject({
      subject: 'Heap overflow',
      messageId: '<13@example.org>',
      from: [{ name: 'Larson, Seth', address: 'seth@python.org' }],
      to: [{ address: user }],
    });
    // BODY.PEEK[] left it unseen; STORE marks it.
    expect(server.messages('Archive')[0]?.flags).toEqual([]);
    expect(await client.messageFlagsAdd(String(delivered.uid), ['\\Seen'], { uid: true })).toBe(true);
    expect(server.messages('Archive')[0]?.flags).toEqual(['\\Seen']);
    expect(await client.search({ seen: false }, { uid: true })).toEqual([]);
    await client.logout();
  });

  it('refuses a wrong password, and every login while logins are refused', async () => {
    await expect(imapflow('wrong')).rejects.toMatchObject({ authenticationFailed: true });
    server.faults.rejectLogins(true);
    await expect(imapflow()).rejects.toMatchObject({ authenticationFailed: true });
    server.faults.clear();
    await (await imapflow()).logout();
  });
});

describe('the IMAP simulator on the wire', () => {
  it('greets, logs in, selects and fetches with the lines RFC 3501 prescribes', async () => {
    const delivered = server.deliver('Subject: raw\r\n\r\nbody\r\n');
    const seq = server.messages().length;
    const c = await rawClient();
    expect(c.greeting).toBe(
      '* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN ID ENABLE NAMESPACE] psrt IMAP simulator ready\r\n',
    );
    expect(await c.command('a1', 'LOGIN "security@python.org" "nope"')).toBe(
      'a1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n',
    );
    expect(await c.command('a2', 'STARTTLS')).toBe(
      'a2 BAD STARTTLS is not offered: this simulator speaks plain IMAP only\r\n',
    );
    expect(await c.command('a3', 'SELECT INBOX')).toBe(
      'a3 BAD SELECT is not valid before LOGIN (or unknown)\r\n',
    );
    expect(await c.command('a4', 'LOGIN "security@python.org" "pw \\"quoted\\" \\\\ and spaces"')).toMatch(
      /^a4 OK \[CAPABILITY [^\]]+\] Logged in\r\n$/,
    );
    const select = await c.command('a5', 'SELECT inbox');
    expect(select.split('\r\n')).toEqual([
      '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)',
      '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Seen \\Draft \\*)] Flags permitted',
      `* ${seq} EXISTS`,
      '* 0 RECENT',
      expect.stringMatching(/^\* OK \[UNSEEN \d+\] First unseen$/),
      `* OK [UIDVALIDITY ${Date.parse('2026-12-05T15:24:15Z') / 1000}] UIDs valid`,
      `* OK [UIDNEXT ${delivered.uid + 1}] Predicted next UID`,
      'a5 OK [READ-WRITE] SELECT completed',
      '',
    ]);
    expect(await c.command('a6', `UID FETCH ${delivered.uid} (RFC822.SIZE BODY.PEEK[])`)).toBe(
      `* ${seq} FETCH (UID ${delivered.uid} RFC822.SIZE 22 BODY[] {22}\r\nSubject: raw\r\n\r\nbody\r\n)\r\n` +
        'a6 OK UID FETCH completed\r\n',
    );
    expect(await c.command('a7', `UID STORE ${delivered.uid} +FLAGS (\\Seen)`)).toBe(
      `* ${seq} FETCH (UID ${delivered.uid} FLAGS (\\Seen))\r\na7 OK UID STORE completed\r\n`,
    );
    expect(await c.command('a8', 'FETCH 1:* (FLAGS')).toBe('a8 BAD Missing ")"\r\n');
    expect(await c.command('a9', 'LOGOUT')).toBe('* BYE Logging out\r\na9 OK LOGOUT completed\r\n');
    await c.closed();
  });

  it('asks for a literal with "+" and reads it whole, and marks a message seen when BODY[] reads it', async () => {
    const delivered = server.deliver('Subject: read me\r\n\r\ntext\r\n');
    const seq = server.messages().length;
    const c = await rawClient();
    c.write(`b1 LOGIN {${user.length}}\r\n`);
    expect(await c.until(/\r\n$/)).toBe('+ Ready for literal data\r\n');
    c.write(`${user} {${password.length}+}\r\n${password}\r\n`);
    expect(await c.until(/b1 [^\r]*\r\n$/)).toMatch(/^b1 OK/);
    expect(await c.command('b2', 'EXAMINE INBOX')).toMatch(/b2 OK \[READ-ONLY\] EXAMINE completed\r\n$/);
    // Read-only: reading does not mark it, and flags cannot be changed.
    expect(await c.command('b3', `UID FETCH ${delivered.uid} BODY[TEXT]`)).toBe(
      `* ${seq} FETCH (UID ${delivered.uid} BODY[TEXT] {6}\r\ntext\r\n)\r\nb3 OK UID FETCH completed\r\n`,
    );
    expect(await c.command('b4', `UID STORE ${delivered.uid} +FLAGS (\\Seen)`)).toBe(
      'b4 NO [READ-ONLY] The mailbox was opened with EXAMINE\r\n',
    );
    expect(await c.command('b5', 'SELECT INBOX')).toMatch(/b5 OK \[READ-WRITE\]/);
    const header = 'Subject: read me\r\n\r\n';
    expect(await c.command('b6', `FETCH ${seq} BODY[HEADER]`)).toBe(
      `* ${seq} FETCH (BODY[HEADER] {${header.length}}\r\n${header} FLAGS (\\Seen))\r\nb6 OK FETCH completed\r\n`,
    );
    expect(server.messages().at(-1)?.flags).toEqual(['\\Seen']);
    c.end();
  });

  it('logs in with AUTHENTICATE PLAIN, tells a selected client about new mail with EXISTS, and searches by flag and UID', async () => {
    const c = await rawClient();
    // SASL PLAIN with the initial response inline (SASL-IR).
    const plain = Buffer.from(`\0${user}\0${password}`).toString('base64');
    expect(await c.command('c1', `AUTHENTICATE PLAIN ${plain}`)).toMatch(
      /^c1 OK \[CAPABILITY [^\]]+\] Logged in\r\n$/,
    );
    await c.command('c2', 'SELECT Archive');
    const before = server.messages('Archive').length;
    const delivered = server.deliver(report('New while selected'), { mailbox: 'Archive' });
    expect(await c.command('c3', 'NOOP')).toBe(`* ${before + 1} EXISTS\r\nc3 OK NOOP completed\r\n`);
    expect(await c.command('c4', `UID SEARCH UNSEEN UID ${delivered.uid}:*`)).toBe(
      `* SEARCH ${delivered.uid}\r\nc4 OK UID SEARCH completed\r\n`,
    );
    expect(await c.command('c5', 'UID SEARCH HEADER Subject x')).toBe(
      'c5 BAD The simulator does not search by HEADER\r\n',
    );
    c.end();
  });

  it('drops the connection at the Nth FETCH without answering it, or after answering the Nth STORE', async () => {
    const delivered = server.deliver('Subject: dropped\r\n\r\nx\r\n');
    const c = await rawClient();
    await c.command('d1', `LOGIN "${user}" {${password.length}+}\r\n${password}`);
    await c.command('d2', 'SELECT INBOX');
    server.faults.dropConnection({ command: 'FETCH', nth: 2 });
    expect(await c.command('d3', 'FETCH 1 (UID)')).toMatch(/d3 OK FETCH completed\r\n$/);
    c.write('d4 FETCH 1 (UID)\r\n');
    expect(await c.closed()).toBe('');

    const again = await rawClient();
    await again.command('e1', `LOGIN "${user}" {${password.length}+}\r\n${password}`);
    await again.command('e2', 'SELECT INBOX');
    server.faults.dropConnection({ command: 'STORE', nth: 1, when: 'after' });
    again.write(`e3 UID STORE ${delivered.uid} +FLAGS.SILENT (\\Flagged)\r\n`);
    expect(await again.closed()).toBe('e3 OK UID STORE completed\r\n');
    expect(server.messages().at(-1)?.flags).toEqual(['\\Flagged']);
  });
});
