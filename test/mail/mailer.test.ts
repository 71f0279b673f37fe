// The mailer against a real SMTP server (smtp-server, in-process): what the
// relay receives is what psrt meant to send, with the Message-ID the caller
// chose; a relay that is down or refuses says so in a way the effect runner
// can act on (retry later, or give up).
import { createServer, type Server } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, MailError, type Mailer } from '../../src/mail/mailer.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

interface Relay {
  url: string;
  received: Received[];
  connections: number;
  close(): Promise<void>;
}

const relays: Relay[] = [];
const mailers: Mailer[] = [];
afterEach(async () => {
  for (const mailer of mailers.splice(0)) mailer.close();
  await Promise.all(relays.splice(0).map((relay) => relay.close()));
});

/** A local SMTP relay that keeps what it is given. */
async function startRelay(options: SMTPServerOptions = {}): Promise<Relay> {
  const relay: Relay = { url: '', received: [], connections: 0, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      relay.connections++;
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        raw += chunk;
      });
      stream.on('end', () => {
        relay.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          user: session.user,
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  relay.url = `smtp://127.0.0.1:${port}`;
  relay.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  relays.push(relay);
  return relay;
}

function mailerFor(url: string, password?: string): Mailer {
  const mailer = createMailer({ url, password, from: 'security@python.org', team: 'psrt@python.org' });
  mailers.push(mailer);
  return mailer;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

const message = {
  to: 'psrt@python.org',
  subject: 'PSRT-2026-0001 needs a coordinator',
  text: 'Open the dashboard to take it.\n',
  messageId: '<effect-42@psrt.python.org>',
};

describe('the mailer', () => {
  it('hands the relay the message from the configured sender with the Message-ID the caller chose', async () => {
    const relay = await startRelay();
    const sent = await mailerFor(relay.url).send({
      ...message,
      headers: { 'X-PSRT-Report': 'PSRT-2026-0001' },
    });
    expect(sent.messageId).toBe('<effect-42@psrt.python.org>');
    expect(sent.accepted).toEqual(['psrt@python.org']);
    expect(sent.rejected).toEqual([]);
    expect(relay.received).toHaveLength(1);
    const [mail] = relay.received;
    expect(mail?.from).toBe('security@python.org');
    expect(mail?.to).toEqual(['psrt@python.org']);
    expect(mail?.raw).toMatch(/^Message-ID: <effect-42@psrt\.python\.org>\r$/m);
    expect(mail?.raw).toMatch(/^Subject: PSRT-2026-0001 needs a coordinator\r$/m);
    // Header names are case-insensitive; nodemailer writes this one X-Psrt-Report.
    expect(mail?.raw).toMatch(/^X-PSRT-Report: PSRT-2026-0001\r$/im);
    expect(mail?.raw).toContain('Open the dashboard to take it.');
  });

  it('wraps a bare Message-ID in angle brackets, as the header requires', async () => {
    const relay = await startRelay();
    const sent = await mailerFor(relay.url).send({ ...message, messageId: 'effect-43@psrt.python.org' });
    expect(sent.messageId).toBe('<effect-43@psrt.python.org>');
    expect(relay.received[0]?.raw).toMatch(/^Message-ID: <effect-43@psrt\.python\.org>\r$/m);
  });

  it('logs in as the user in the URL with the password given apart from it', async () => {
    const relay = await startRelay({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'psrt-bot' && auth.password === 'relay-password')
          callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
    });
    const url = relay.url.replace('smtp://', 'smtp://psrt-bot@');
    await mailerFor(url, 'relay-password').send(message);
    expect(relay.received[0]?.user).toBe('psrt-bot');

    const refused = mailerFor(url, 'wrong-password').send(message);
    await expect(refused).rejects.toThrow(/refused the login.*PSRT_SMTP_PASSWORD/);
    await expect(refused).rejects.not.toThrow(/wrong-password/);
    await expect(refused).rejects.toMatchObject({ temporary: false });
  });

  it('connects to nobody until there is something to send', async () => {
    const relay = await startRelay();
    mailerFor(relay.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(relay.connections).toBe(0);
  });

  it('a relay that is down is a temporary failure naming the relay', async () => {
    const port = await closedPort();
    const sending = mailerFor(`smtp://127.0.0.1:${port}`).send(message);
    await expect(sending).rejects.toBeInstanceOf(MailError);
    await expect(sending).rejects.toThrow(`smtp://127.0.0.1:${port}`);
    await expect(sending).rejects.toMatchObject({ temporary: true });
  });

  it('a relay that refuses the recipient for good is a permanent failure', async () => {
    const relay = await startRelay({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      },
    });
    const sending = mailerFor(relay.url).send(message);
    await expect(sending).rejects.toMatchObject({ name: 'MailError', temporary: false });
    expect(relay.received).toEqual([]);
  });

  it('a relay that asks to come back later is a temporary failure', async () => {
    const relay = await startRelay({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Greylisted, try again later'), { responseCode: 451 }));
      },
    });
    await expect(mailerFor(relay.url).send(message)).rejects.toMatchObject({ temporary: true });
  });
});
