// Who is calling: classic PATs (`ghp_`), App installation tokens (`ghs_`, one hour), App user
// access tokens (`ghu_`, eight hours) and App JWTs (RS256, checked like GitHub checks them, §3.1).
// Unknown or expired tokens are 401.
import { createHmac, randomBytes, randomInt, verify } from 'node:crypto';
import { badCredentials, GitHubError } from './http.ts';
import type {
  Account,
  App,
  Caller,
  Installation,
  InstallationGrant,
  Permissions,
  SimState,
} from './state.ts';

export type TokenFormat = 'stateless' | 'classic';

const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const randomBase62 = (n: number): string =>
  Array.from({ length: n }, () => base62[randomInt(62)]).join('');

export function mintPat(state: SimState, userId: number, scopes: string[]): string {
  const token = `ghp_${randomBase62(36)}`;
  state.tokens.set(token, { kind: 'pat', token, userId, scopes });
  return token;
}

// Stateless S2S tokens are `ghs_<app id>_<JWT>` (§3.1): long, with dots, of varying length.
// Clients that assume 40 characters break on them, which is what the default is for.
const statelessKey = randomBytes(32);
function statelessToken(appId: number, installationId: number, expiresAt: Date): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = part({ alg: 'HS256', typ: 'JWT' });
  const payload = part({
    iss: appId,
    sub: installationId,
    exp: Math.floor(expiresAt.getTime() / 1000),
    jti: randomBase62(8 + randomInt(24)),
  });
  const signature = createHmac('sha256', statelessKey).update(`${header}.${payload}`).digest('base64url');
  return `ghs_${appId}_${header}.${payload}.${signature}`;
}

export function mintInstallationToken(
  state: SimState,
  installation: Installation,
  grant: { permissions: Permissions; repoIds: Set<number> | null },
  expiresAt: Date,
  format: TokenFormat,
): InstallationGrant {
  const token =
    format === 'stateless'
      ? statelessToken(installation.appId, installation.id, expiresAt)
      : `ghs_${randomBase62(36)}`;
  const record: InstallationGrant = {
    kind: 'installation',
    token,
    installationId: installation.id,
    expiresAt,
    ...grant,
  };
  state.tokens.set(token, record);
  return record;
}

const jwtError = (message: string): GitHubError => new GitHubError(401, message);
const undecodable = () => jwtError('A JSON web token could not be decoded');
const skewSeconds = 60;

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {}
  throw undecodable();
}

/** Verifies an App JWT the way GitHub does and returns the App it names. */
export function verifyAppJwt(state: SimState, jwt: string, now: Date): App {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw undecodable();
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (header.alg !== 'RS256') throw undecodable();
  const iss = claims.iss;
  if (typeof iss !== 'number' && typeof iss !== 'string')
    throw jwtError("'Issuer' claim ('iss') must be an Integer");
  // The issuer may be the numeric App id or (recommended since 2024) the client id.
  const app = [...state.apps.values()].find((a) => String(a.id) === String(iss) || a.clientId === iss);
  if (!app) throw jwtError('Integration not found');
  const signed = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    app.publicKey,
    Buffer.from(parts[2] ?? '', 'base64url'),
  );
  if (!signed) throw undecodable();
  const nowSec = Math.floor(now.getTime() / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > nowSec + skewSeconds) {
    throw jwtError(
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
  }
  if (typeof exp !== 'number' || exp + skewSeconds < nowSec) {
    throw jwtError(
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  }
  if (exp - iat > 600 || exp > nowSec + 600 + skewSeconds) {
    throw jwtError("'Expiration time' claim ('exp') is too far in the future");
  }
  return app;
}

const looksLikeJwt = (token: string): boolean => /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(token);

/** The caller behind an Authorization header; throws 401 for anything GitHub would refuse. */
export function identify(state: SimState, authorization: string | undefined, now: Date): Caller {
  if (!authorization) return { kind: 'anonymous' };
  const m = /^(bearer|token)\s+(\S+)\s*$/i.exec(authorization);
  if (!m?.[2]) throw badCredentials();
  const token = m[2];
  if (looksLikeJwt(token)) return { kind: 'app', token, app: verifyAppJwt(state, token, now) };
  const record = state.tokens.get(token);
  if (!record) throw badCredentials();
  if (record.kind === 'pat')
    return { kind: 'user', token, user: state.accountById(record.userId), scopes: record.scopes };
  // A user access token has no OAuth scopes: it acts as its user (the simulator does not narrow
  // it to the App's permissions, which psrt never relies on: it only reads who signed in).
  if (record.kind === 'user-app') {
    if (record.expiresAt.getTime() <= now.getTime()) throw badCredentials();
    return { kind: 'user', token, user: state.accountById(record.userId), scopes: [] };
  }
  const installation = state.installations.get(record.installationId);
  if (!installation || record.expiresAt.getTime() <= now.getTime()) throw badCredentials();
  return { kind: 'installation', token, installation, grant: record };
}

/** A signed-in person acting in the web UI: full access to whatever they can see. */
export const uiCaller = (user: Account): Caller => ({ kind: 'user', token: '', user, scopes: ['repo'] });

/** The account GitHub shows as the actor: the user, or the App's bot for installations. */
export function actorOf(state: SimState, caller: Caller): Account | null {
  if (caller.kind === 'user') return caller.user;
  if (caller.kind === 'installation') {
    const app = state.apps.get(caller.installation.appId);
    return app ? state.accountById(app.botId) : null;
  }
  return null;
}

/** JWT-only routes (§3.1) answer every other kind of credential like GitHub does. */
export function requireApp(caller: Caller): App {
  if (caller.kind !== 'app') throw undecodable();
  return caller.app;
}
