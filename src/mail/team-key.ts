// The PSRT's OpenPGP key, the one reporters encrypt mail to security@ with:
// read once at start-up and unlocked, so reading a message never asks for the
// passphrase. Errors name what is wrong with the key, never any of its material.
import * as openpgp from 'openpgp';

/** The team's private key, unlocked and ready to decrypt. */
export interface TeamKey {
  readonly privateKey: openpgp.PrivateKey;
  /** The primary key's fingerprint, lower-case hex, for logs and the admin's page. */
  readonly fingerprint: string;
  /** The ids (16 hex digits) of the primary key and its subkeys: what a message encrypted to the team names. */
  readonly keyIds: readonly string[];
  /**
   * When the key expires (or expired); null when it never does. An expired key
   * still decrypts mail sent to it, but reporters' clients refuse to encrypt
   * to it, so the admins should be told to extend it.
   */
  readonly expiresAt: Date | null;
}

export interface TeamKeySource {
  /** The ASCII-armored private key (`-----BEGIN PGP PRIVATE KEY BLOCK-----`). */
  armoredKey: string;
  /** The key's passphrase (PSRT_OPENPGP_PASSPHRASE); null when the key is not protected. */
  passphrase: string | null;
}

/** A team key psrt cannot use; the message says what to do and holds no key material. */
export class TeamKeyError extends Error {
  override name = 'TeamKeyError';
}

/** Reads and unlocks the team key; rejects with a TeamKeyError that says what is wrong with it. */
export async function loadTeamKey(source: TeamKeySource): Promise<TeamKey> {
  const privateKey = await readPrivate(source.armoredKey);
  const unlocked = await unlock(privateKey, source.passphrase);
  try {
    // Reporters encrypt to the encryption subkey; a key without one (signing
    // only, or revoked) could decrypt nothing. Expiry is not checked here (a
    // null date): an expired key still decrypts what was sent before.
    await unlocked.getEncryptionKey(undefined, null as unknown as Date);
  } catch {
    throw new TeamKeyError(
      'The team OpenPGP key has no usable encryption subkey (it is for signing only, or revoked): ' +
        'configure a key reporters can encrypt to.',
    );
  }
  const expiration = await unlocked.getExpirationTime();
  return {
    privateKey: unlocked,
    fingerprint: unlocked.getFingerprint().toLowerCase(),
    keyIds: unlocked.getKeyIDs().map((id) => id.toHex().toLowerCase()),
    expiresAt: expiration instanceof Date ? expiration : null,
  };
}

async function readPrivate(armoredKey: string): Promise<openpgp.PrivateKey> {
  try {
    return await openpgp.readPrivateKey({ armoredKey });
  } catch {
    if (/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(armoredKey)) {
      throw new TeamKeyError(
        'The team OpenPGP key file holds a public key, not a private key: psrt needs the private key to decrypt mail ' +
          '(export it with `gpg --armor --export-secret-keys`).',
      );
    }
    throw new TeamKeyError(
      'The team OpenPGP key file is not an ASCII-armored OpenPGP private key ' +
        '(it should start with -----BEGIN PGP PRIVATE KEY BLOCK-----).',
    );
  }
}

async function unlock(key: openpgp.PrivateKey, passphrase: string | null): Promise<openpgp.PrivateKey> {
  if (key.isDecrypted()) return key;
  if (passphrase === null || passphrase === '') {
    throw new TeamKeyError(
      'The team OpenPGP key is protected by a passphrase and none was given: set PSRT_OPENPGP_PASSPHRASE.',
    );
  }
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase });
  } catch {
    throw new TeamKeyError(
      'The passphrase does not unlock the team OpenPGP key: check PSRT_OPENPGP_PASSPHRASE.',
    );
  }
}
