// An App JWT signed the way GitHub's docs describe (RS256, iat 60 s back, exp at most 10 min
// later), with every claim overridable so tests can break one at a time.
import { createSign } from 'node:crypto';

export interface Claims {
  iat?: unknown;
  exp?: unknown;
  iss?: unknown;
}

export default function appJwt(
  appId: number | string,
  privateKey: string,
  now: Date,
  claims: Claims = {},
): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = part({ alg: 'RS256', typ: 'JWT' });
  const payload = part({ iat: seconds - 60, exp: seconds + 540, iss: appId, ...claims });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey, 'base64url');
  return `${header}.${payload}.${signature}`;
}
