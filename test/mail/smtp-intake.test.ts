// psrt's own SMTP server for security@: a sender is told a message was taken
// only once it is stored; what is too large or cannot be stored is refused so
// the sender keeps it. Driven by a real SMTP client (nodemailer).
import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.ts';
import { type ReceivedMail, type SmtpIntake, startSmtpIntake } from '../../src/mail/smtp-intake.ts';

const log = createLogger('silent');
let intake: SmtpIntake | null = null;
afterEach(async () => {
  await intake?.close();
  intake = null;
});

async function start(store: (mail: ReceivedMail) => Promise<void>, maxMessageBytes = 1024 * 1024) {
  intake = await startSmtpIntake({ host: '127.0.0.1', port: 0, maxMessageBytes }, store, log);
  return createTransport({
    host: '127.0.0.1',
    port: intake.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 5,
  });
}

const report = (n: number, body = 'Decoding a crafted input overflows a buffer. Tested on 3.13.1.') => ({
  from: 'Finder <finder@example.org>',
  to: 'security@python.org',
  subject: `report ${n}`,
  messageId: `<report-${n}@example.org>`,
  text: body,
});

describe('the SMTP intake', () => {
  it('answers 250 only after the message is stored, whole, with its envelope', async () => {
    const events: string[] = [];
    const stored: ReceivedMail[] = [];
    const client = await start(async (mail) => {
      events.push('storing');
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored.push(mail);
      events.push('stored');
    });
    const info = await client.sendMail(report(1));
    events.push('sender told');
    expect(events).toEqual(['storing', 'stored', 'sender told']);
    expect(info.response).toMatch(/^250 /);
    expect(stored[0]?.envelopeFrom).toBe('finder@example.org');
    expect(stored[0]?.envelopeTo).toEqual(['security@python.org']);
    expect(stored[0]?.raw.toString()).toContain('Message-ID: <report-1@example.org>');
    expect(stored[0]?.raw.toString()).toContain('Decoding a crafted input overflows a buffer.');
    client.close();
  });

  it('asks the sender to try again later (451) when the message cannot be stored, so it is not lost', async () => {
    const client = await start(async () => {
      throw new Error('database unreachable');
    });
    await expect(client.sendMail(report(2))).rejects.toMatchObject({ responseCode: 451 });
    client.close();
  });

  it('refuses a message larger than the limit (552) without storing any of it', async () => {
    let calls = 0;
    const client = await start(async () => {
      calls += 1;
    }, 64 * 1024);
    await expect(client.sendMail(report(3, 'x'.repeat(200 * 1024)))).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(calls).toBe(0);
    client.close();
  });

  it('takes 1,000 messages sent at once, each stored exactly once', async () => {
    const ids = new Set<string>();
    let count = 0;
    const client = await start(async (mail) => {
      count += 1;
      ids.add(/Message-ID: <([^>]+)>/i.exec(mail.raw.toString())?.[1] ?? '');
    });
    await Promise.all(Array.from({ length: 1_000 }, (_, n) => client.sendMail(report(n))));
    expect(count).toBe(1_000);
    expect(ids.size).toBe(1_000);
    client.close();
  });
});
