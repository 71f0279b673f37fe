// "Sign in with GitHub" for GitHub Apps, on GitHub's web host (`/login/oauth/…`), as "Generating a
// user access token for a GitHub App" and the OAuth troubleshooting pages describe it:
// GET /login/oauth/authorize shows the sign-in page (an unknown client_id or a redirect_uri that
// is not one of the App's callback URLs gets an error page and goes nowhere); picking a person
// redirects to the callback URL with `code` and `state`, Cancel with `error=access_denied`;
// POST /login/oauth/access_token trades the code (with the PKCE verifier when a challenge was
// sent) for a `ghu_` user access token, answering errors with HTTP 200 and `error`, as GitHub does.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { SimContext } from './context.ts';
import {
  appByClientId,
  authenticatedApp,
  dropExpiredGrants,
  exchangeCode,
  issueCode,
  redirectTarget,
  refreshUserToken,
  tokenError,
} from './oauth-grants.ts';
import { addUser } from './seed.ts';
import type { App } from './state.ts';
import {
  AuthorizeErrorPage,
  AuthorizePage,
  type AuthorizeRequest,
  type SignInGroup,
} from './view/authorize-page.tsx';

export interface OAuthOptions {
  /** How the sign-in page groups the people it offers; everyone else follows under one heading. */
  people?: SignInGroup[];
}

/** GitHub's rule for logins: letters, digits and single hyphens inside, at most 39. */
const loginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
/** An S256 challenge: base64url of a SHA-256 digest, without padding. */
const s256Challenge = /^[A-Za-z0-9_-]{43}$/;
const troubleshooting =
  'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/';

type Params = Record<string, string | undefined>;

const hostOf = (origin: string): string | null => (URL.canParse(origin) ? new URL(origin).host : null);

async function formParams(c: Context): Promise<Params> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse((await c.req.text()) || '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).flatMap(([k, v]) =>
        typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [],
      ),
    );
  }
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
  );
}

/** The people the page offers: the configured groups, then every other person on this GitHub. */
function groupsOf(sim: SimContext, configured: SignInGroup[]): SignInGroup[] {
  const listed = new Set<string>();
  const groups = configured.map((group) => ({
    ...group,
    people: group.people.flatMap((person) => {
      const account = sim.state.account(person.login);
      if (account?.type !== 'User' || listed.has(account.login.toLowerCase())) return [];
      listed.add(account.login.toLowerCase());
      return [{ ...person, login: account.login, name: person.name ?? account.name }];
    }),
  }));
  const others = [...sim.state.accounts.values()]
    .filter((a) => a.type === 'User' && !listed.has(a.login.toLowerCase()))
    .sort((a, b) => a.login.localeCompare(b.login))
    .map((a) => ({ login: a.login, name: a.name }));
  const title = configured.length > 0 ? 'Other people on this GitHub' : 'People on this GitHub';
  return [...groups, ...(others.length > 0 ? [{ title, people: others }] : [])].filter(
    (group) => group.people.length > 0,
  );
}

export function oauthRoutes(sim: SimContext, options: OAuthOptions = {}): Hono {
  const web = new Hono();

  // Nobody signs in to the simulator, so a form posted from another site must not pick for them.
  web.use('/authorize', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin && hostOf(origin) !== new URL(c.req.url).host)
      return c.text("Forms are accepted only from the simulator's own pages.", 403);
    await next();
  });

  interface Problem {
    status: 400 | 404 | 422;
    title: string;
    message: string;
  }
  const errorPage = (c: Context, { status, title, message }: Problem) =>
    c.html(<AuthorizeErrorPage title={title} message={message} />, status);

  /** The App and where to send the person back, or the error page GitHub shows instead. */
  const resolve = (params: Params): { app: App; redirect: string } | { problem: Problem } => {
    const app = appByClientId(sim, params.client_id);
    if (!app) {
      const message = `No GitHub App has the client_id ${JSON.stringify(params.client_id ?? '')}.`;
      return { problem: { status: 404, title: 'Not Found', message } };
    }
    const redirect = redirectTarget(app, params.redirect_uri);
    if (!redirect) {
      const message = `The redirect_uri is not associated with this application (${app.name}). The application might be misconfigured, or could be trying to send you to a website you were not expecting. Its callback URLs are set on its settings page.`;
      return { problem: { status: 400, title: 'Be careful!', message } };
    }
    return { app, redirect };
  };

  const back = (c: Context, redirect: string, answer: Record<string, string>, state: string | undefined) => {
    const url = new URL(redirect);
    for (const [name, value] of Object.entries(answer)) url.searchParams.set(name, value);
    if (state !== undefined) url.searchParams.set('state', state);
    return c.redirect(url.toString(), 302);
  };

  /** PKCE as GitHub takes it: S256 only, both parameters or neither. */
  const pkceProblem = (params: Params): string | null => {
    const { code_challenge: challenge, code_challenge_method: method } = params;
    if (challenge === undefined && method === undefined) return null;
    if (method !== 'S256') return 'Only the S256 code_challenge_method is supported.';
    if (challenge === undefined || !s256Challenge.test(challenge))
      return 'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters).';
    return null;
  };

  const requestOf = (params: Params, redirect: string): AuthorizeRequest => ({
    client_id: params.client_id ?? '',
    redirect_uri: redirect,
    state: params.state,
    code_challenge: params.code_challenge,
    code_challenge_method: params.code_challenge_method,
    allow_signup: params.allow_signup,
  });

  web.get('/authorize', (c) => {
    const params: Params = c.req.query();
    const resolved = resolve(params);
    if ('problem' in resolved) return errorPage(c, resolved.problem);
    const { app, redirect } = resolved;
    const problem = pkceProblem(params);
    if (problem)
      return back(c, redirect, { error: 'invalid_request', error_description: problem }, params.state);
    return c.html(
      <AuthorizePage
        appName={app.name}
        owner={sim.state.accountById(app.ownerId).login}
        request={requestOf(params, redirect)}
        groups={groupsOf(sim, options.people ?? [])}
        suggested={params.login ?? null}
        allowSignup={params.allow_signup !== 'false'}
      />,
    );
  });

  web.post('/authorize', async (c) => {
    const params = await formParams(c);
    const resolved = resolve(params);
    if ('problem' in resolved) return errorPage(c, resolved.problem);
    const { app, redirect } = resolved;
    const problem = pkceProblem(params);
    if (problem)
      return back(c, redirect, { error: 'invalid_request', error_description: problem }, params.state);
    if (params.decision === 'cancel')
      return back(
        c,
        redirect,
        {
          error: 'access_denied',
          error_description: 'The user has denied your application access.',
          error_uri: `${troubleshooting}#access-denied`,
        },
        params.state,
      );
    const login = params.login ?? '';
    let user = sim.state.account(login);
    if (!user) {
      // Someone new signs up on the way, unless the App asked GitHub not to offer it.
      if (params.allow_signup === 'false')
        return errorPage(c, {
          status: 422,
          title: 'Sign-up is off',
          message: `${app.name} does not let new people sign up for GitHub on the way: pick someone who has an account.`,
        });
      if (!loginPattern.test(login))
        return errorPage(c, {
          status: 422,
          title: 'Not a GitHub login',
          message:
            'A GitHub login has 1 to 39 letters, digits or single hyphens, and does not start or end with a hyphen.',
        });
      user = addUser(sim, { login });
    }
    if (user.type !== 'User')
      return errorPage(c, {
        status: 422,
        title: 'Not a person',
        message: `${user.login} is ${user.type === 'Bot' ? 'an App' : 'an organization'}: only people sign in.`,
      });
    dropExpiredGrants(sim);
    const code = issueCode(sim, app, user, redirect, params.code_challenge ?? null);
    return back(c, redirect, { code }, params.state);
  });

  web.post('/access_token', async (c) => {
    const params: Params = { ...c.req.query(), ...(await formParams(c)) };
    // JSON when asked for it; otherwise the form encoding GitHub answers by default.
    const answer = (body: object) =>
      (c.req.header('accept') ?? '').includes('application/json')
        ? c.json(body)
        : c.body(
            new URLSearchParams(
              Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]),
            ).toString(),
            200,
            {
              'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
            },
          );
    const app = authenticatedApp(sim, params.client_id, params.client_secret);
    if (!app) return answer(tokenError('incorrect_client_credentials'));
    dropExpiredGrants(sim);
    const grantType = params.grant_type ?? 'authorization_code';
    if (grantType === 'refresh_token') return answer(refreshUserToken(sim, app, params.refresh_token));
    if (grantType !== 'authorization_code') return answer(tokenError('unsupported_grant_type'));
    return answer(
      exchangeCode(sim, app, {
        code: params.code,
        redirectUri: params.redirect_uri,
        codeVerifier: params.code_verifier,
      }),
    );
  });

  return web;
}
