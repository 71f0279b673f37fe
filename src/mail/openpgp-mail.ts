// Mail encrypted to the team with OpenPGP: finding the encrypted data (a
// PGP/MIME part, RFC 3156, or armored blocks inline in the body) and decrypting
// it with the team key. A failure is a reason in words, never an exception.
import * as openpgp from 'openpgp';
import { oneLine } from './safe-text.ts';
import type { TeamKey } from './team-key.ts';

export type Decryption = { ok: true; data: Uint8Array } | { ok: false; problem: string };

/**
 * An armored OpenPGP message as mail clients put it in a plain-text body,
 * its BEGIN and END lines at the start of a line: a block quoted in a reply
 * (`> -----BEGIN…`) is text, not something sent to the team.
 */
export const armoredMessage =
  /^-----BEGIN PGP MESSAGE-----[ \t]*$[\s\S]*?^-----END PGP MESSAGE-----[ \t]*$/gm;

/** Whether a body (lines ending in `\n`) carries inline-encrypted OpenPGP data. */
export function hasArmoredMessage(text: string): boolean {
  return /^-----BEGIN PGP MESSAGE-----[ \t]*$/m.test(text);
}

/** A top-level Content-Type as mailparser reads it. */
export interface ContentType {
  value: string;
  params: Record<string, string>;
}

/** Whether the message is PGP/MIME encrypted: multipart/encrypted with the OpenPGP protocol. */
export function isPgpMime(contentType: ContentType | null): boolean {
  return (
    contentType?.value.toLowerCase() === 'multipart/encrypted' &&
    (contentType.params.protocol ?? '').toLowerCase() === 'application/pgp-encrypted'
  );
}

/**
 * The encrypted data of a PGP/MIME message: its second part
 * (application/octet-stream), after the `Version: 1` control part.
 */
export function pgpMimePayload(parts: { contentType: string; content: Buffer }[]): Buffer | null {
  const payload = parts.find((part) => part.contentType !== 'application/pgp-encrypted');
  return payload?.content ?? null;
}

/**
 * Decrypts OpenPGP data (armored or binary) with the team key. `limit`
 * caps the decrypted size, so a small compressed message cannot expand
 * into gigabytes.
 */
export async function decrypt(
  data: Uint8Array | string,
  teamKey: TeamKey | null,
  limit: number,
): Promise<Decryption> {
  if (!teamKey) {
    return {
      ok: false,
      problem: 'The message is encrypted with OpenPGP and psrt has no team key configured to decrypt it.',
    };
  }
  const config = { maxDecompressedMessageSize: limit };
  let message: openpgp.Message<Uint8Array | string>;
  try {
    message = await readEncrypted(data, config);
  } catch {
    return { ok: false, problem: 'The message’s OpenPGP data is damaged and could not be read.' };
  }
  const recipients = message.getEncryptionKeyIDs().map((id) => id.toHex().toLowerCase());
  if (recipients.length === 0) {
    return {
      ok: false,
      problem:
        'The message is encrypted with a password, not to the team key: ask the sender to encrypt to the team key.',
    };
  }
  // An all-zero id is a hidden recipient: the team key may still be it, so try.
  const hidden = recipients.some((id) => /^0+$/.test(id));
  if (!hidden && !recipients.some((id) => teamKey.keyIds.includes(id))) {
    return {
      ok: false,
      problem:
        `The message is encrypted to a key psrt does not hold (key id ${recipients.join(', ')}), ` +
        'not to the team key: ask the sender to encrypt to the team key.',
    };
  }
  try {
    const { data: plain } = await openpgp.decrypt({
      message,
      decryptionKeys: teamKey.privateKey,
      format: 'binary',
      config,
    });
    return { ok: true, data: plain };
  } catch (error) {
    // openpgp's messages name the failure (session key, integrity, size) and carry no data.
    const reason = oneLine(error instanceof Error ? error.message : String(error)).slice(0, 200);
    return { ok: false, problem: `The message could not be decrypted with the team key (${reason}).` };
  }
}

async function readEncrypted(
  data: Uint8Array | string,
  config: Partial<openpgp.Config>,
): Promise<openpgp.Message<Uint8Array | string>> {
  if (typeof data === 'string') return openpgp.readMessage({ armoredMessage: data, config });
  // A PGP/MIME part is armored by the standard, but some clients send it binary.
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 4096)).toString('latin1');
  if (head.includes('-----BEGIN PGP MESSAGE-----')) {
    const armoredMessage = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
    return openpgp.readMessage({ armoredMessage, config });
  }
  return openpgp.readMessage({ binaryMessage: data, config });
}
