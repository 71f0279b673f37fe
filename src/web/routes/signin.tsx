// Signing in and out. `POST /signin` starts GitHub's web flow: a random state and PKCE verifier go
// into a short-lived signed cookie and the browser to GitHub's authorize page; GitHub sends it back
// to `/signin/callback`, which checks the state against the cookie, trades the code for who signed
// in, and starts a new session (any earlier one of this browser ends). Anyone with a GitHub
// account may sign in: the roster and grants decide what they see.
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import {
  authorizeUrl,
  type GitHubSignIn,
  newPkce,
  newState,
  SignInError,
  signedInLogin,
} from '../../github/oauth.ts';
import { type CookiePolicy, endSession, startSession } from '../auth.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { SignInNotConfiguredPage, SignInPage, SignInProblemPage } from '../pages/signin.tsx';

export interface SignInDeps extends WebDeps {
  /** The App's OAuth client; null when this server has none (the page says how to set it up). */
  gitHubSignIn: GitHubSignIn | null;
  /** Signs the cookie of a sign-in in progress. */
  sessionSecret: string;
  cookies: CookiePolicy;
  /** `server.publicUrl`'s origin: where GitHub sends people back to. */
  publicOrigin: string | null;
}

/** A sign-in must come back from GitHub within this long (GitHub's codes last as long). */
const SIGN_IN_MS = 10 * 60 * 1000;
const DEFAULT_NEXT = '/reports';

/** What a sign-in in progress remembers, in its signed cookie. */
interface Pending {
  state: string;
  verifier: string;
  redirectUri: string;
  next: string;
  expiresAt: number;
}

/**
 * `next` when it is a path on psrt itself, else null: never another site (`//evil.example`,
 * `/\evil.example`, `https://…`), so signing in cannot be used to send someone elsewhere.
 */
export function sameOriginPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/')) return null;
  const oddCharacter = [...next].some((ch) => ch === '\\' || ch.charCodeAt(0) < 0x20 || ch === '\x7f');
  if (next.startsWith('//') || oddCharacter) return null;
  const base = 'http://psrt.invalid';
  const url = new URL(next, base);
  if (url.origin !== base || url.pathname.startsWith('/signin')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to come back to after signing in: a cookie, so no report id is ever in a sign-in URL. */
const NEXT_COOKIE = 'psrt_next';
const NEXT_MS = 10 * 60 * 1000;

/**
 * A page that needs someone signed in, asked for by someone who is not: off to sign in (303), and
 * back to `next` afterwards (default: the path and query they asked for), kept in a short-lived
 * cookie rather than the address, which browsers keep in their history and send on as a Referer.
 * The answer is the same whether or not a report it names exists; a `next` that is not a psrt
 * path is dropped.
 */
export function signInFirst(c: Context, next = pathAndQuery(c.req.url)): Response {
  const back = sameOriginPath(next);
  if (back)
    setCookie(c, NEXT_COOKIE, back, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/signin',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: NEXT_MS / 1000,
    });
  return c.redirect('/signin', 303);
}

const pathAndQuery = (url: string): string => {
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`;
};

const noticeOf = (problem: string | undefined): string | null =>
  problem === 'denied' ? 'You cancelled on GitHub, so nobody is signed in.' : null;

export function signinRoutes({
  ctx,
  sandbox,
  gitHubSignIn,
  sessionSecret,
  cookies,
  publicOrigin,
}: SignInDeps) {
  const app = new Hono<WebEnv>();
  const pendingCookie = cookies.secure ? '__Host-psrt_signin' : 'psrt_signin';
  const callbackUrl = (c: Context) => `${publicOrigin ?? new URL(c.req.url).origin}/signin/callback`;

  const notConfigured = (c: Context<WebEnv>) => {
    c.status(503);
    return c.render(<SignInNotConfiguredPage callbackUrl={callbackUrl(c)} />);
  };
  const problem = (c: Context<WebEnv>, status: 400 | 502, message: string) => {
    c.status(status);
    return c.render(<SignInProblemPage sandbox={sandbox} message={message} />);
  };

  app.get('/signin', (c) => {
    if (!gitHubSignIn) return notConfigured(c);
    return c.render(
      <SignInPage
        sandbox={sandbox}
        next={sameOriginPath(getCookie(c, NEXT_COOKIE))}
        notice={noticeOf(c.req.query('problem'))}
        signedInAs={c.get('login')}
      />,
    );
  });

  app.post('/signin', async (c) => {
    if (!gitHubSignIn) return notConfigured(c);
    const form = await c.req.parseBody();
    const { verifier, challenge } = newPkce();
    const pending: Pending = {
      state: newState(),
      verifier,
      redirectUri: callbackUrl(c),
      next: sameOriginPath(form.next) ?? DEFAULT_NEXT,
      expiresAt: ctx.now().getTime() + SIGN_IN_MS,
    };
    // The way back now travels in the sign-in's own cookie.
    if (getCookie(c, NEXT_COOKIE) !== undefined)
      deleteCookie(c, NEXT_COOKIE, { path: '/signin', secure: new URL(c.req.url).protocol === 'https:' });
    await setSignedCookie(
      c,
      pendingCookie,
      Buffer.from(JSON.stringify(pending)).toString('base64url'),
      sessionSecret,
      { httpOnly: true, sameSite: 'Lax', path: '/', secure: cookies.secure, maxAge: SIGN_IN_MS / 1000 },
    );
    const to = authorizeUrl(gitHubSignIn, {
      state: pending.state,
      codeChallenge: challenge,
      redirectUri: pending.redirectUri,
    });
    return c.redirect(to, 302);
  });

  app.get('/signin/callback', async (c) => {
    if (!gitHubSignIn) return notConfigured(c);
    const signed = await getSignedCookie(c, sessionSecret, pendingCookie);
    // One use: whatever happens next, this sign-in is over.
    deleteCookie(c, pendingCookie, { path: '/', secure: cookies.secure });
    const query = c.req.query();
    if (query.error === 'access_denied') return c.redirect('/signin?problem=denied', 303);
    if (query.error)
      return problem(c, 400, `GitHub did not sign you in: ${query.error}. Nobody is signed in.`);
    const pending = readPending(signed);
    if (!pending || pending.expiresAt <= ctx.now().getTime() || pending.state !== query.state || !query.code)
      return problem(
        c,
        400,
        'This sign-in was not started from this browser, or took longer than 10 minutes, so it cannot be trusted. Start again.',
      );
    let login: string;
    try {
      login = await signedInLogin(gitHubSignIn, {
        code: query.code,
        verifier: pending.verifier,
        redirectUri: pending.redirectUri,
      });
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      ctx.log.warn({ reason: error.message }, 'sign-in with GitHub did not finish');
      return problem(c, 502, error.message);
    }
    await startSession(c, ctx, login, cookies);
    return c.redirect(pending.next, 303);
  });

  app.post('/signout', async (c) => {
    await endSession(c, ctx, cookies);
    return c.redirect('/', 303);
  });

  return app;
}

function readPending(signed: string | false | undefined): Pending | null {
  if (!signed) return null;
  try {
    const value = JSON.parse(Buffer.from(signed, 'base64url').toString('utf8')) as Partial<Pending>;
    const strings = [value.state, value.verifier, value.redirectUri, value.next];
    if (strings.some((s) => typeof s !== 'string') || typeof value.expiresAt !== 'number') return null;
    return value as Pending;
  } catch {
    return null;
  }
}
