// The Tokens page: `GET /tokens` lists the signed-in person's API tokens, `POST /tokens` makes one
// and answers with its secret (shown on that answer only), `POST /tokens/{id}/revoke` revokes one.
// Only a browser session makes tokens: a token that could make tokens could outlive its expiry.
import { type Context, Hono } from 'hono';
import { UseCaseError } from '../../app/errors.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../app/sessions.ts';
import { type TokenScope, tokenScopes } from '../../domain/sessions.ts';
import { statusOfUseCaseError } from '../api/problem.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { TokensPage, type TokensPageProps } from '../pages/tokens.tsx';
import { signInFirst } from './signin.tsx';

const isScope = (value: unknown): value is TokenScope =>
  typeof value === 'string' && (tokenScopes as readonly string[]).includes(value);

/** The form's days: whole decimal digits only (the use-case checks the range). */
const daysOf = (value: string): number | null => (/^\d{1,4}$/.test(value) ? Number(value) : null);

export function tokenRoutes({ ctx, sandbox }: WebDeps) {
  const app = new Hono<WebEnv>();

  /** The page for the signed-in person, with whatever the last action left to say. */
  const page = async (c: Context<WebEnv>, extra: Partial<TokensPageProps> = {}) => {
    const principal = c.get('principal');
    const tokens = await listApiTokens(ctx, principal);
    const user = principal.kind === 'user' ? principal : null;
    return c.render(
      <TokensPage
        tokens={tokens}
        signedInAs={c.get('login') ?? ''}
        isMember={user?.member ?? false}
        isAdmin={user?.roles.includes('Admin') ?? false}
        sandbox={sandbox}
        {...extra}
      />,
    );
  };
  const refused = (c: Context<WebEnv>, error: unknown, extra: Partial<TokensPageProps> = {}) => {
    if (!(error instanceof UseCaseError)) throw error;
    c.status(statusOfUseCaseError[error.code]);
    return page(c, { ...extra, error: error.message });
  };

  app.get('/tokens', async (c) => {
    if (c.get('auth').kind !== 'session') return signInFirst(c);
    const revoked = c.req.query('revoked');
    const gone = revoked
      ? (await listApiTokens(ctx, c.get('principal'))).find((t) => t.id === revoked)
      : null;
    return page(c, { notice: gone ? `Token "${gone.name}" revoked: it no longer works.` : null });
  });

  app.post('/tokens', async (c) => {
    if (c.get('auth').kind !== 'session')
      return c.text(
        'Make tokens on the Tokens page, signed in through GitHub: a token cannot make another.',
        403,
      );
    const body = await c.req.parseBody();
    const form = {
      name: typeof body.name === 'string' ? body.name : '',
      scope: typeof body.scope === 'string' ? body.scope : '',
      days: typeof body.days === 'string' ? body.days.trim() : '',
    };
    const days = daysOf(form.days);
    try {
      if (!isScope(form.scope)) throw new UseCaseError('invalid', `Pick a scope: ${tokenScopes.join(', ')}.`);
      if (days === null) throw new UseCaseError('invalid', 'Give the days as a whole number, e.g. 30.');
      const created = await createApiToken(ctx, c.get('principal'), {
        name: form.name,
        scope: form.scope,
        days,
      });
      c.status(201);
      return page(c, { created });
    } catch (error) {
      return refused(c, error, { form });
    }
  });

  app.post('/tokens/:id/revoke', async (c) => {
    if (c.get('auth').kind !== 'session') return c.text('Revoke tokens on the Tokens page.', 403);
    const id = c.req.param('id');
    try {
      await revokeApiToken(ctx, c.get('principal'), id);
    } catch (error) {
      return refused(c, error);
    }
    return c.redirect(`/tokens?${new URLSearchParams({ revoked: id })}`, 303);
  });

  return app;
}
