// "Sign in with GitHub" through the GitHub App's OAuth web flow: the authorize URL (state and a
// PKCE S256 challenge), then the code traded for a user access token and `GET /user` read with
// it. The token only tells psrt who signed in: it never leaves this module, is never stored and
// never logged.
import { createHash, randomBytes } from 'node:crypto';
import { githubLoginPattern } from '../domain/identifiers.ts';

/** The App's OAuth client and where GitHub is (github.com and its API, or the simulator). */
export interface GitHubSignIn {
  clientId: string;
  clientSecret: string;
  /** github.com: the authorize page and the token exchange. */
  webUrl: string;
  /** api.github.com: `GET /user`. */
  apiUrl: string;
  /** Defaults to the global fetch; tests pass an in-process simulator's. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Why signing in could not finish, in words for the person signing in (never a token or code). */
export class SignInError extends Error {
  override name = 'SignInError';
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

const random = () => randomBytes(32).toString('base64url');

/** A fresh `state` for one sign-in. */
export const newState = (): string => random();

/** A PKCE pair: the verifier stays with psrt, the S256 challenge goes to GitHub. */
export function newPkce(): Pkce {
  const verifier = random();
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const under = (base: string, path: string) => new URL(path, base.endsWith('/') ? base : `${base}/`);

/** Where to send the browser: GitHub's page asking the person to sign in to psrt. */
export function authorizeUrl(
  signIn: GitHubSignIn,
  request: { state: string; codeChallenge: string; redirectUri: string },
): string {
  const url = under(signIn.webUrl, 'login/oauth/authorize');
  url.search = new URLSearchParams({
    client_id: signIn.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

async function send(signIn: GitHubSignIn, request: Request, what: string): Promise<Response> {
  try {
    return await (signIn.fetch ?? fetch)(request);
  } catch {
    throw new SignInError(`GitHub could not be reached to ${what}. Try again in a moment.`);
  }
}

/** GitHub answers the token exchange with HTTP 200 and `error` when it refuses. */
async function exchangeCode(
  signIn: GitHubSignIn,
  grant: { code: string; verifier: string; redirectUri: string },
): Promise<string> {
  const response = await send(
    signIn,
    new Request(under(signIn.webUrl, 'login/oauth/access_token'), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'psrt',
      },
      body: new URLSearchParams({
        client_id: signIn.clientId,
        client_secret: signIn.clientSecret,
        code: grant.code,
        redirect_uri: grant.redirectUri,
        code_verifier: grant.verifier,
      }),
    }),
    'finish signing in',
  );
  const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && typeof answer?.access_token === 'string') return answer.access_token;
  const error = typeof answer?.error === 'string' ? answer.error : `HTTP ${response.status}`;
  const why = typeof answer?.error_description === 'string' ? ` (${answer.error_description})` : '';
  throw new SignInError(`GitHub did not accept this sign-in: ${error}${why}.`);
}

/** The login behind a user access token. */
async function loginOf(signIn: GitHubSignIn, accessToken: string): Promise<string> {
  const response = await send(
    signIn,
    new Request(under(signIn.apiUrl, 'user'), {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${accessToken}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'psrt',
      },
    }),
    'say who you are',
  );
  const user = (await response.json().catch(() => null)) as { login?: unknown } | null;
  if (!response.ok || typeof user?.login !== 'string' || !githubLoginPattern.test(user.login))
    throw new SignInError(`GitHub did not say who signed in (GET /user answered HTTP ${response.status}).`);
  return user.login;
}

/** Finishes a sign-in: the code (with its PKCE verifier) becomes the GitHub login of who signed in. */
export async function signedInLogin(
  signIn: GitHubSignIn,
  grant: { code: string; verifier: string; redirectUri: string },
): Promise<string> {
  return loginOf(signIn, await exchangeCode(signIn, grant));
}
