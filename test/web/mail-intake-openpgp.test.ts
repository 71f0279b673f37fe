// The team's OpenPGP key as `psrt serve` loads it (intake.openpgpKey, its
// passphrase in PSRT_OPENPGP_PASSPHRASE): mail encrypted to it arrives at the
// SMTP intake and reaches the queue decrypted, the encrypted original kept;
// a key psrt cannot unlock stops the start, saying which setting to fix.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { botPrincipal } from '../../src/app/context.ts';
import { listIntake, showThread } from '../../src/app/intake-queue.ts';
import { importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/config/logger.ts';
import { getMailBytes, openStore, type Store } from '../../src/store/index.ts';
import { type MailIntake, startMailIntake } from '../../src/web/mail-intake.ts';
import { devguideRoster } from '../app/support.ts';

const passphrase = 'correct horse battery staple';
let store: Store;
let intake: MailIntake | null = null;
let folder: string;
let publicKey: openpgp.PublicKey;
const log = createLogger('silent');
const ctx = () => ({ store, now: () => new Date(), log });
let settled: () => void = () => {};

beforeAll(async () => {
  const team = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'Python Security Response Team', email: 'security@python.org' }],
    passphrase,
    format: 'armored',
  });
  publicKey = await openpgp.readKey({ armoredKey: team.publicKey });
  folder = mkdtempSync(join(tmpdir(), 'psrt-openpgp-'));
  writeFileSync(join(folder, 'team-key.asc'), team.privateKey);
  writeFileSync(
    join(folder, 'psrt.config.json'),
    JSON.stringify({ intake: { smtpPort: 0, openpgpKey: 'team-key.asc' }, database: { dataDir: 'data' } }),
  );
  store = await openStore({ memory: true });
  await store.migrate();
  await importRoster(ctx(), botPrincipal, devguideRoster());
  const config = loadConfig({ env: { PSRT_OPENPGP_PASSPHRASE: passphrase }, cwd: folder });
  intake = await startMailIntake(ctx(), config, { afterRead: () => settled() });
});
afterAll(async () => {
  for (const loop of intake?.loops ?? []) await loop.stop();
  await store.close();
});

it('reads mail encrypted to the team key into the queue, decrypted, and keeps the encrypted original', async () => {
  const armored = await openpgp.encrypt({
    message: await openpgp.createMessage({
      text: 'Content-Type: text/plain; charset=utf-8\r\n\r\nA heap overflow in _ctypes; tested on 3.14.1.\r\n',
    }),
    encryptionKeys: publicKey,
  });
  const raw = [
    'From: Finder <finder@example.org>',
    'To: security@python.org',
    'Subject: ...',
    'Message-ID: <pgp1@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="enc"',
    '',
    '--enc',
    'Content-Type: application/pgp-encrypted',
    '',
    'Version: 1',
    '',
    '--enc',
    'Content-Type: application/octet-stream; name="encrypted.asc"',
    '',
    String(armored).replace(/\r?\n/g, '\r\n'),
    '--enc--',
    '',
  ].join('\r\n');
  const read = new Promise<void>((resolve) => {
    settled = resolve;
  });
  const transport = createTransport({
    host: '127.0.0.1',
    port: Number(new URL(intake?.smtpUrl ?? '').port),
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({ envelope: { from: 'finder@example.org', to: ['security@python.org'] }, raw });
  transport.close();
  await read;
  const admin = await resolvePrincipal(ctx(), 'sethmlarson');
  const [thread] = (await listIntake(ctx(), admin, { status: 'queue', limit: 5, offset: 0 })).threads;
  const [message] = (await showThread(ctx(), admin, thread?.id ?? 0)).messages;
  expect(message?.encryption).toBe('decrypted');
  expect(message?.text?.trim()).toBe('A heap overflow in _ctypes; tested on 3.14.1.');
  const bytes = await getMailBytes(store.db, message?.id ?? 0);
  expect(Buffer.from(bytes?.raw ?? []).toString()).toContain('-----BEGIN PGP MESSAGE-----');
  expect(Buffer.from(bytes?.decrypted ?? []).toString()).toContain('A heap overflow in _ctypes');
});

it('refuses to start with a passphrase that does not unlock the key, naming the setting', async () => {
  const config = loadConfig({ env: { PSRT_OPENPGP_PASSPHRASE: 'wrong' }, cwd: folder });
  const failed = await startMailIntake(ctx(), config, { afterRead: () => {} }).catch(
    (error: unknown) => error,
  );
  expect(failed).toBeInstanceOf(ConfigError);
  expect(String((failed as Error).message)).toMatch(/^intake\.openpgpKey \(.*team-key\.asc\): /);
  expect(String((failed as Error).message)).not.toContain('PRIVATE KEY');
});
