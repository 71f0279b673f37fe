// /api/v1/tokens: the caller's personal API tokens. Listing and revoking work with a session or a
// token; making one needs the browser session (signed in through GitHub), since a token that could
// make tokens could outlive its own expiry. A new token's secret is in the creation's answer only.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { UseCaseError } from '../../app/errors.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../app/sessions.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { problem } from './problem.ts';
import { createToken, listTokens, revokeToken } from './routes/tokens.ts';

const notSignedIn = (c: Context<WebEnv>) =>
  problem(
    c,
    401,
    'Sign in, or send a personal API token (Authorization: Bearer psrt_…), to manage API tokens.',
  );

export function tokenOperations({ ctx }: WebDeps) {
  const api = new OpenAPIHono<WebEnv>();
  api.use('/v1/tokens', async (c, next) => (c.get('login') ? next() : notSignedIn(c)));
  api.use('/v1/tokens/*', async (c, next) => (c.get('login') ? next() : notSignedIn(c)));
  return api
    .openapi(listTokens, async (c) => {
      const tokens = await listApiTokens(ctx, c.get('principal'));
      return c.json({ tokens }, 200);
    })
    .openapi(createToken, async (c) => {
      if (c.get('auth').kind === 'token')
        throw new UseCaseError(
          'forbidden',
          'A token cannot make another token (it could outlive its own expiry): make tokens on the Tokens page, signed in through GitHub.',
        );
      const input = c.req.valid('json');
      const { secret, token } = await createApiToken(ctx, c.get('principal'), input);
      return c.json({ token, secret }, 201);
    })
    .openapi(revokeToken, async (c) => {
      const token = await revokeApiToken(ctx, c.get('principal'), c.req.valid('param').id);
      return c.json({ token }, 200);
    });
}
