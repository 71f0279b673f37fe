// Mail encrypted to the PSRT's OpenPGP key, as reporters are asked to send it:
// decrypted with the team key (PGP/MIME and inline), or kept as undecryptable
// with a reason an admin can act on. And the team key itself: loaded with its
// passphrase, or refused with an error that says what is wrong.
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMessage } from '../../src/mail/read.ts';
import { loadTeamKey, type TeamKey, TeamKeyError } from '../../src/mail/team-key.ts';
import { rawMessage } from './compose.ts';

const passphrase = 'correct horse battery staple';
let armoredTeamKey: string;
let teamKey: TeamKey;
let teamPublic: openpgp.PublicKey;
let otherPublic: openpgp.PublicKey;

beforeAll(async () => {
  const team = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'Python Security Response Team', email: 'security@python.org' }],
    passphrase,
    format: 'armored',
  });
  armoredTeamKey = team.privateKey;
  teamKey = await loadTeamKey({ armoredKey: team.privateKey, passphrase });
  teamPublic = await openpgp.readKey({ armoredKey: team.publicKey });
  const other = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ email: 'old@example.org' }] });
  otherPublic = await openpgp.readKey({ armoredKey: other.publicKey });
});

const encryptTo = async (key: openpgp.PublicKey, text: string) =>
  openpgp.encrypt({ message: await openpgp.createMessage({ text }), encryptionKeys: key });

/** The MIME entity a reporter's client encrypts: the report and a proof of concept. */
const innerEntity = [
  'Content-Type: multipart/mixed; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'A heap overflow in _ctypes, reproducer attached.',
  '--inner',
  'Content-Type: text/x-python; name="poc.py"',
  'Content-Disposition: attachment; filename="poc.py"',
  '',
  'import ctypes',
  '--inner--',
  '',
].join('\r\n');

/** A PGP/MIME message (RFC 3156) around `armored`, with the given outer headers. */
function pgpMime(armored: string, ...headers: string[]): Uint8Array {
  return rawMessage(
    ...headers,
    'MIME-Version: 1.0',
    'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="enc"',
    '',
    'This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)',
    '--enc',
    'Content-Type: application/pgp-encrypted',
    'Content-Description: PGP/MIME version identification',
    '',
    'Version: 1',
    '',
    '--enc',
    'Content-Type: application/octet-stream; name="encrypted.asc"',
    'Content-Disposition: inline; filename="encrypted.asc"',
    '',
    armored.replace(/\r?\n/g, '\r\n'),
    '--enc--',
    '',
  );
}

const outerHeaders = [
  'From: Reporter <reporter@example.org>',
  'To: security@python.org',
  'Subject: Security report',
  'Message-ID: <enc-1@example.org>',
  'Date: Fri, 04 Dec 2026 10:00:00 +0000',
];

describe('mail encrypted to the team key', () => {
  it('a PGP/MIME message is decrypted: its text and attachments are the decrypted ones, its headers the outer ones', async () => {
    const message = await readMessage(pgpMime(await encryptTo(teamPublic, innerEntity), ...outerHeaders), {
      teamKey,
    });
    expect(message).toMatchObject({
      encryption: 'decrypted',
      problem: null,
      messageId: 'enc-1@example.org',
      subject: 'Security report',
      from: { address: 'reporter@example.org', name: 'Reporter' },
      text: 'A heap overflow in _ctypes, reproducer attached.',
    });
    expect(message.sentAt?.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(message.attachments.map((attachment) => attachment.filename)).toEqual(['poc.py']);
    expect(Buffer.from(message.attachments[0]?.content ?? []).toString()).toBe('import ctypes');
    expect(Buffer.from(message.decrypted ?? []).toString()).toBe(innerEntity);
  });

  it('headers protected inside the encryption replace the placeholders outside it', async () => {
    const protectedEntity = `Subject: Heap overflow in _ctypes\r\nContent-Type: multipart/mixed; boundary="inner"; protected-headers="v1"\r\n${innerEntity.slice(innerEntity.indexOf('\r\n') + 2)}`;
    const message = await readMessage(
      pgpMime(await encryptTo(teamPublic, protectedEntity), 'From: reporter@example.org', 'Subject: ...'),
      { teamKey },
    );
    expect(message.subject).toBe('Heap overflow in _ctypes');
    expect(message.from?.address).toBe('reporter@example.org');
  });

  it('signed-and-encrypted mail is read without verifying the signature, and the signature is not an attachment', async () => {
    const signer = await openpgp.generateKey({
      type: 'curve25519',
      userIDs: [{ email: 'reporter@example.org' }],
    });
    const signature = await openpgp.sign({
      message: await openpgp.createMessage({ text: 'Content-Type: text/plain\r\n\r\nSigned report.' }),
      signingKeys: await openpgp.readPrivateKey({ armoredKey: signer.privateKey }),
      detached: true,
    });
    const signedEntity = [
      'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="s"',
      '',
      '--s',
      'Content-Type: text/plain',
      '',
      'Signed report.',
      '--s',
      'Content-Type: application/pgp-signature; name="signature.asc"',
      '',
      String(signature).replace(/\r?\n/g, '\r\n'),
      '--s--',
      '',
    ].join('\r\n');
    const message = await readMessage(pgpMime(await encryptTo(teamPublic, signedEntity), ...outerHeaders), {
      teamKey,
    });
    expect(message).toMatchObject({ encryption: 'decrypted', text: 'Signed report.', attachments: [] });
  });

  it('an inline-encrypted body is decrypted in place, and the decrypted message reads as plain text MIME', async () => {
    const armored = await encryptTo(teamPublic, 'The secret details of the report.');
    const message = await readMessage(
      rawMessage(
        ...outerHeaders,
        '',
        'Hello PSRT, details below.',
        '',
        String(armored).replace(/\r?\n/g, '\r\n'),
        '-- ',
        'Reporter',
      ),
      { teamKey },
    );
    expect(message.encryption).toBe('decrypted');
    expect(message.text).toBe(
      'Hello PSRT, details below.\n\nThe secret details of the report.\n\n-- \nReporter',
    );
    expect(message.text).not.toContain('BEGIN PGP');
    const decrypted = await readMessage(message.decrypted ?? new Uint8Array());
    expect(decrypted.text).toBe(message.text);
  });

  it('a reply quoting an encrypted block is read as the plain text it is, not as encrypted mail', async () => {
    const quoted = String(await encryptTo(otherPublic, 'old secret'))
      .trim()
      .split(/\r?\n/)
      .map((line) => `> ${line}`);
    const message = await readMessage(rawMessage(...outerHeaders, '', 'Any news?', '', ...quoted), {
      teamKey,
    });
    expect(message).toMatchObject({ encryption: 'none', problem: null });
    expect(message.text).toMatch(/^Any news\?\n\n> -----BEGIN PGP MESSAGE-----/);
  });

  it('mail encrypted to another key is undecryptable, naming the key it was encrypted to and showing no content', async () => {
    const message = await readMessage(pgpMime(await encryptTo(otherPublic, innerEntity), ...outerHeaders), {
      teamKey,
    });
    const otherSubkey = (await otherPublic.getEncryptionKey()).getKeyID().toHex();
    expect(message).toMatchObject({
      encryption: 'undecryptable',
      text: '',
      html: null,
      attachments: [],
      decrypted: null,
      subject: 'Security report',
      messageId: 'enc-1@example.org',
    });
    expect(message.problem).toContain(`encrypted to a key psrt does not hold (key id ${otherSubkey})`);
  });

  it('inline mail encrypted to another key is undecryptable too, with its ciphertext not kept as text', async () => {
    const armored = String(await encryptTo(otherPublic, 'secret'));
    const message = await readMessage(rawMessage(...outerHeaders, '', armored), { teamKey });
    expect(message).toMatchObject({ encryption: 'undecryptable', text: '' });
    expect(message.problem).toContain('does not hold');
  });

  it('without a team key configured, encrypted mail is undecryptable and says psrt has no key', async () => {
    const message = await readMessage(pgpMime(await encryptTo(teamPublic, innerEntity), ...outerHeaders));
    expect(message).toMatchObject({ encryption: 'undecryptable', text: '', subject: 'Security report' });
    expect(message.problem).toMatch(/no team key configured/);
  });

  it('mail encrypted with a password rather than to a key is undecryptable and says so', async () => {
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'x' }),
      passwords: ['pw'],
    });
    const message = await readMessage(pgpMime(armored, ...outerHeaders), { teamKey });
    expect(message.encryption).toBe('undecryptable');
    expect(message.problem).toMatch(/encrypted with a password/);
  });

  it('a PGP/MIME message whose encrypted part has an empty type is still decrypted', async () => {
    const raw = Buffer.from(pgpMime(await encryptTo(teamPublic, innerEntity), ...outerHeaders))
      .toString()
      .replace('Content-Type: application/octet-stream; name="encrypted.asc"', 'Content-Type: ');
    const message = await readMessage(new TextEncoder().encode(raw), { teamKey });
    expect(message).toMatchObject({
      encryption: 'decrypted',
      text: 'A heap overflow in _ctypes, reproducer attached.',
    });
  });

  it('damaged OpenPGP data is undecryptable, not a failure', async () => {
    const armored = String(await encryptTo(teamPublic, innerEntity));
    const damaged = armored.replace(/\n([A-Za-z0-9+/]{20})/, '\n!!!!');
    const message = await readMessage(pgpMime(damaged, ...outerHeaders), { teamKey });
    expect(message.encryption).toBe('undecryptable');
    expect(message.problem).not.toBeNull();
  });
});

describe('the team key', () => {
  it('loads with its passphrase, naming its fingerprint and the ids mail is encrypted to', async () => {
    expect(teamKey.fingerprint).toBe(teamPublic.getFingerprint());
    expect(teamKey.keyIds).toContain((await teamPublic.getEncryptionKey()).getKeyID().toHex());
  });

  it('with the wrong passphrase is refused, saying the passphrase does not unlock it and showing none of the key', async () => {
    const error = await loadTeamKey({ armoredKey: armoredTeamKey, passphrase: 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TeamKeyError);
    expect((error as Error).message).toMatch(/passphrase does not unlock the team OpenPGP key/);
    expect((error as Error).message).not.toMatch(/BEGIN PGP|wrong/);
  });

  it('protected but given no passphrase is refused, naming PSRT_OPENPGP_PASSPHRASE', async () => {
    await expect(loadTeamKey({ armoredKey: armoredTeamKey, passphrase: null })).rejects.toThrow(
      /protected by a passphrase .*PSRT_OPENPGP_PASSPHRASE/,
    );
  });

  it('a public key, or something that is no key at all, is refused as not a private key', async () => {
    await expect(loadTeamKey({ armoredKey: teamPublic.armor(), passphrase: null })).rejects.toThrow(
      /holds a public key, not a private key/,
    );
    await expect(loadTeamKey({ armoredKey: 'not a key', passphrase: null })).rejects.toThrow(
      /not an ASCII-armored OpenPGP private key/,
    );
  });

  it('an expired key still loads, saying when it expired, and decrypts mail sent before then', async () => {
    const day = 86_400_000;
    const created = new Date(Date.now() - 10 * day);
    const expired = await openpgp.generateKey({
      type: 'curve25519',
      userIDs: [{ email: 'security@python.org' }],
      date: created,
      keyExpirationTime: 86_400,
      format: 'armored',
    });
    const key = await loadTeamKey({ armoredKey: expired.privateKey, passphrase: null });
    expect(key.expiresAt?.getTime()).toBe(Math.floor(created.getTime() / 1000) * 1000 + day);
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: innerEntity }),
      encryptionKeys: await openpgp.readKey({ armoredKey: expired.publicKey }),
      date: new Date(created.getTime() + 3_600_000),
    });
    const message = await readMessage(pgpMime(armored, ...outerHeaders), { teamKey: key });
    expect(message).toMatchObject({ encryption: 'decrypted', problem: null });
    expect(teamKey.expiresAt).toBeNull();
  });

  it('a key that can only sign is refused: reporters could not encrypt to it', async () => {
    const signing = await openpgp.generateKey({
      type: 'curve25519',
      userIDs: [{ email: 'security@python.org' }],
      subkeys: [],
      format: 'armored',
    });
    await expect(loadTeamKey({ armoredKey: signing.privateKey, passphrase: null })).rejects.toThrow(
      /no usable encryption subkey/,
    );
  });
});
