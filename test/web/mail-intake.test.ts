// security@ as `psrt serve` runs it: its SMTP server, the store and the reader
// together, fed hostile mail by a real SMTP client. Each message is stored or
// refused cleanly with a logged reason, the server keeps serving, and no log
// line carries anything a sender wrote.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { botPrincipal } from '../../src/app/context.ts';
import { listIntake, showThread } from '../../src/app/intake-queue.ts';
import { importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { type MailIntake, startMailIntake } from '../../src/web/mail-intake.ts';
import { devguideRoster } from '../app/support.ts';

const lines: string[] = [];
const log = createLogger(
  'info',
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  }),
);

let store: Store;
let intake: MailIntake;
let read: Promise<void> = Promise.resolve();
let settled: () => void = () => {};

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  const ctx = { store, now: () => new Date(), log };
  await importRoster(ctx, botPrincipal, devguideRoster());
  const folder = mkdtempSync(join(tmpdir(), 'psrt-intake-'));
  writeFileSync(
    join(folder, 'psrt.config.json'),
    JSON.stringify({ intake: { smtpPort: 0, maxMessageBytes: 256 * 1024 }, database: { dataDir: 'data' } }),
  );
  const config = loadConfig({ env: {}, cwd: folder });
  intake = await startMailIntake(ctx, config, { afterRead: () => settled() });
});
afterAll(async () => {
  for (const loop of intake?.loops ?? []) await loop.stop();
  await store.close();
});

const port = () => Number(new URL(intake.smtpUrl ?? '').port);

/** Sends raw bytes as one SMTP transaction; resolves with the server's answer. */
async function sendRaw(raw: string | Buffer): Promise<{ ok: boolean; code: number | null }> {
  const transport = createTransport({ host: '127.0.0.1', port: port(), secure: false, ignoreTLS: true });
  read = new Promise((resolve) => {
    settled = resolve;
  });
  try {
    await transport.sendMail({ envelope: { from: 'x@example.org', to: ['security@python.org'] }, raw });
    return { ok: true, code: 250 };
  } catch (error) {
    return { ok: false, code: (error as { responseCode?: number }).responseCode ?? null };
  } finally {
    transport.close();
  }
}

const secret = 'ZEBRA-LANTERN-8841';
const hostile = [
  // Header injection: CR LF smuggled into an encoded subject.
  `From: a@example.org\r\nSubject: =?utf-8?B?${Buffer.from(`hi ${secret}\r\nBcc: victim@example.org`).toString('base64')}?=\r\nMessage-ID: <h1@example.org>\r\n\r\nbody\r\n`,
  // HTML only, with a script and an event handler.
  `From: b@example.org\r\nSubject: html ${secret}\r\nMessage-ID: <h2@example.org>\r\nContent-Type: text/html\r\n\r\n<p>Hello</p><script>alert('${secret}')</script><img src=x onerror=alert(1)>\r\n`,
  // A multipart that never closes, with a hostile attachment name.
  `From: c@example.org\r\nSubject: cut ${secret}\r\nMessage-ID: <h3@example.org>\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\n${secret}\r\n--XX\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="../../etc/passwd"\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n`,
  // No headers at all, binary garbage.
  Buffer.concat([
    Buffer.from('\r\n'),
    Buffer.from([0, 1, 2, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]),
    Buffer.from(secret),
  ]),
];

it('stores every hostile message and reads it safely: one line subjects, scripts as text, safe attachment names', async () => {
  for (const raw of hostile) {
    expect(await sendRaw(raw)).toEqual({ ok: true, code: 250 });
    await read;
  }
  const admin = await resolvePrincipal({ store, now: () => new Date(), log }, 'sethmlarson');
  const ctx = { store, now: () => new Date(), log };
  const { threads, unread } = await listIntake(ctx, admin, { status: 'queue', limit: 10, offset: 0 });
  expect(unread).toBe(0);
  expect(threads).toHaveLength(4);
  const views = await Promise.all(threads.map((t) => showThread(ctx, admin, t.id)));
  const messages = views.flatMap((v) => v.messages);
  expect(messages.every((m) => !/[\r\n]/.test(m.subject ?? ''))).toBe(true);
  const html = messages.find((m) => m.subject?.startsWith('html'));
  expect(html?.text).not.toContain('<script');
  expect(html?.text).not.toContain('alert(');
  const cut = messages.find((m) => m.subject?.startsWith('cut'));
  expect(cut?.problem).toBeTruthy();
  expect(cut?.attachments?.map((a) => a.filename)).toEqual(['passwd']);
});

it('refuses a message over the size limit with 552 and a logged reason, and keeps serving', async () => {
  const big = `From: d@example.org\r\nSubject: big\r\nMessage-ID: <h5@example.org>\r\n\r\n${'x'.repeat(400 * 1024)}\r\n`;
  expect(await sendRaw(big)).toEqual({ ok: false, code: 552 });
  expect(lines.some((line) => line.includes('larger than mail.intake.maxMessageBytes'))).toBe(true);
  expect(
    await sendRaw('From: e@example.org\r\nSubject: after\r\nMessage-ID: <h6@example.org>\r\n\r\nok\r\n'),
  ).toEqual({
    ok: true,
    code: 250,
  });
});

it('logs what happened to each message, never a word of it', () => {
  expect(lines.filter((line) => line.includes('"mail stored"')).length).toBeGreaterThanOrEqual(5);
  expect(lines.join('\n')).not.toContain(secret);
  expect(lines.join('\n')).not.toContain('example.org');
});
