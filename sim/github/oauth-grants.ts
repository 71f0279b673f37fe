// The OAuth web flow's rules, apart from HTTP: which redirect URI an App may send people to, the
// authorization codes (once, ten minutes, for their App and redirect URI, PKCE S256 when asked),
// and the user access tokens a code or refresh token gives (`ghu_` for eight hours, `ghr_` for six
// months), as "Generating a user access token for a GitHub App" describes them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from './auth.ts';
import type { SimContext } from './context.ts';
import type { Account, App } from './state.ts';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const ACCESS_TOKEN_TTL_S = 28_800;
export const REFRESH_TOKEN_TTL_S = 15_811_200;
/** GitHub takes up to 10 callback URLs per App. */
export const MAX_CALLBACK_URLS = 10;

/** A client secret as GitHub's App settings page generates one: 40 hex digits. */
export const newClientSecret = (): string => randomBytes(20).toString('hex');

/** The error answers of the token endpoint, worded as GitHub's troubleshooting pages word them. */
const tokenErrors = {
  incorrect_client_credentials: 'The client_id and/or client_secret passed are incorrect.',
  redirect_uri_mismatch: 'The redirect_uri MUST match the registered callback URL for this application.',
  bad_verification_code: 'The code passed is incorrect or expired.',
  bad_refresh_token: 'The refresh token passed is incorrect or expired.',
  unsupported_grant_type: 'The grant type must be authorization_code or refresh_token.',
} as const;
export type TokenErrorName = keyof typeof tokenErrors;

const anchors: Record<TokenErrorName, string> = {
  incorrect_client_credentials: '#incorrect-client-credentials',
  redirect_uri_mismatch: '#redirect-uri-mismatch2',
  bad_verification_code: '#bad-verification-code',
  bad_refresh_token: '#bad-refresh-token',
  unsupported_grant_type: '#unsupported-grant-type',
};

export interface TokenError {
  error: TokenErrorName;
  error_description: string;
  error_uri: string;
}

export function tokenError(error: TokenErrorName): TokenError {
  return {
    error,
    error_description: tokenErrors[error],
    error_uri: `https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/${anchors[error]}`,
  };
}

export interface UserTokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
  token_type: 'bearer';
}

/** The callback URLs the App settings page accepts: up to 10 absolute http(s) URLs. */
export function checkedCallbackUrls(urls: readonly string[]): string[] {
  if (urls.length > MAX_CALLBACK_URLS)
    throw new Error(`An App has at most ${MAX_CALLBACK_URLS} callback URLs; ${urls.length} were given.`);
  for (const url of urls) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      throw new Error(`Callback URL ${JSON.stringify(url)} is not an http(s) URL.`);
  }
  return [...urls];
}

export const appByClientId = (sim: SimContext, clientId: string | undefined): App | undefined =>
  clientId ? [...sim.state.apps.values()].find((app) => app.clientId === clientId) : undefined;

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The App whose client id and secret these are, or undefined. */
export function authenticatedApp(
  sim: SimContext,
  clientId: string | undefined,
  clientSecret: string | undefined,
): App | undefined {
  const app = appByClientId(sim, clientId);
  return app && clientSecret !== undefined && sameSecret(app.clientSecret, clientSecret) ? app : undefined;
}

/**
 * Where the flow returns to: `redirect_uri` when it is exactly one of the App's callback URLs,
 * the first callback URL when none is asked for; null when neither works.
 */
export function redirectTarget(app: App, redirectUri: string | undefined): string | null {
  if (redirectUri === undefined || redirectUri === '') return app.callbackUrls[0] ?? null;
  return app.callbackUrls.includes(redirectUri) ? redirectUri : null;
}

export const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export function issueCode(
  sim: SimContext,
  app: App,
  user: Account,
  redirectUri: string,
  codeChallenge: string | null,
): string {
  // GitHub's codes are 20 hex digits.
  const code = randomBytes(10).toString('hex');
  sim.state.oauthCodes.set(code, {
    code,
    appId: app.id,
    userId: user.id,
    redirectUri,
    codeChallenge,
    expiresAt: new Date(sim.clock.credentialsNow().getTime() + CODE_TTL_MS),
  });
  return code;
}

function mintUserToken(sim: SimContext, appId: number, userId: number): UserTokenAnswer {
  const now = sim.clock.credentialsNow().getTime();
  const accessToken = `ghu_${randomBase62(36)}`;
  const refreshToken = `ghr_${randomBase62(76)}`;
  sim.state.tokens.set(accessToken, {
    kind: 'user-app',
    token: accessToken,
    userId,
    appId,
    expiresAt: new Date(now + ACCESS_TOKEN_TTL_S * 1000),
  });
  sim.state.refreshTokens.set(refreshToken, {
    token: refreshToken,
    appId,
    userId,
    expiresAt: new Date(now + REFRESH_TOKEN_TTL_S * 1000),
  });
  return {
    access_token: accessToken,
    expires_in: ACCESS_TOKEN_TTL_S,
    refresh_token: refreshToken,
    refresh_token_expires_in: REFRESH_TOKEN_TTL_S,
    // User access tokens have no scopes: they hold what both the App and the user may do.
    scope: '',
    token_type: 'bearer',
  };
}

export interface CodeExchange {
  code?: string;
  redirectUri?: string;
  codeVerifier?: string;
}

/**
 * Trades a code for a user access token. The code is spent by any attempt that names its App,
 * right or wrong, so a guessed verifier gets one try.
 */
export function exchangeCode(sim: SimContext, app: App, input: CodeExchange): UserTokenAnswer | TokenError {
  const grant = input.code ? sim.state.oauthCodes.get(input.code) : undefined;
  if (!grant || grant.appId !== app.id) return tokenError('bad_verification_code');
  sim.state.oauthCodes.delete(grant.code);
  if (grant.expiresAt.getTime() <= sim.clock.credentialsNow().getTime())
    return tokenError('bad_verification_code');
  if (input.redirectUri !== undefined && input.redirectUri !== grant.redirectUri)
    return tokenError('redirect_uri_mismatch');
  // What GitHub answers a wrong or missing verifier is not documented; its code then does not verify.
  if (
    grant.codeChallenge !== null &&
    (input.codeVerifier === undefined || s256(input.codeVerifier) !== grant.codeChallenge)
  )
    return tokenError('bad_verification_code');
  return mintUserToken(sim, app.id, grant.userId);
}

/** A refresh token gives a new pair once; the old pair's refresh token is spent. */
export function refreshUserToken(
  sim: SimContext,
  app: App,
  refreshToken: string | undefined,
): UserTokenAnswer | TokenError {
  const grant = refreshToken ? sim.state.refreshTokens.get(refreshToken) : undefined;
  if (!grant || grant.appId !== app.id) return tokenError('bad_refresh_token');
  sim.state.refreshTokens.delete(grant.token);
  if (grant.expiresAt.getTime() <= sim.clock.credentialsNow().getTime())
    return tokenError('bad_refresh_token');
  return mintUserToken(sim, app.id, grant.userId);
}

/** Forgets codes and refresh tokens past their time (called as new ones are made). */
export function dropExpiredGrants(sim: SimContext): void {
  const now = sim.clock.credentialsNow().getTime();
  for (const [code, grant] of sim.state.oauthCodes)
    if (grant.expiresAt.getTime() <= now) sim.state.oauthCodes.delete(code);
  for (const [token, grant] of sim.state.refreshTokens)
    if (grant.expiresAt.getTime() <= now) sim.state.refreshTokens.delete(token);
}
