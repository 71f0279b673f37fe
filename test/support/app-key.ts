// The private key of every GitHub App the tests install in the simulator: one per test process,
// and a short one. The simulator otherwise generates a 2048-bit RSA key per App (as GitHub's
// settings page does), a few hundred milliseconds each, and RS256 does not care about the length.
import { generateKeyPairSync } from 'node:crypto';

let sharedKey: string | undefined;

/** A PEM-encoded RSA private key, the same for every App of this test process. */
export function testKey(): string {
  sharedKey ??= generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return sharedKey;
}
