// /api/v1/tokens: the caller's personal API tokens. Listing and revoking work with a session or a
// token; making one needs the browser session (signed in through GitHub), since a token that could
// make tokens could outlive its own expiry. A new token's secret is in the creation's answer only.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { UseCaseError } from '../../app/errors.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../app/sessions.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, tokenScopes } from '../../domain/sessions.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { problem, problemResponses } from './problem.ts';

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: 'laptop CLI' }),
    scope: z.enum(tokenScopes).openapi({
      description: 'read: sees what its owner sees; act: also takes report actions; admin: also admin work',
    }),
    createdAt: z.date(),
    expiresAt: z.date(),
    revokedAt: z.date().nullable(),
    lastUsedAt: z.date().nullable(),
    usable: z.boolean().openapi({ description: 'Neither revoked nor expired.' }),
  })
  .openapi('ApiToken');

const TokenIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const listTokens = createRoute({
  method: 'get',
  path: '/v1/tokens',
  operationId: 'listTokens',
  tags: ['tokens'],
  summary: 'Your API tokens, oldest first, revoked and expired ones included (never their secrets)',
  responses: {
    200: {
      description: 'Your tokens',
      content: { 'application/json': { schema: z.object({ tokens: z.array(TokenSchema) }) } },
    },
    ...problemResponses(401),
  },
});

const createToken = createRoute({
  method: 'post',
  path: '/v1/tokens',
  operationId: 'createToken',
  tags: ['tokens'],
  summary: 'Make a token (browser session only); its secret is in this answer and nowhere else',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().min(1).max(100),
            scope: z.enum(tokenScopes),
            days: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'The token, and its secret: shown once',
      content: {
        'application/json': {
          schema: z.object({ token: TokenSchema, secret: z.string().openapi({ example: 'psrt_…' }) }),
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

const revokeToken = createRoute({
  method: 'delete',
  path: '/v1/tokens/{id}',
  operationId: 'revokeToken',
  tags: ['tokens'],
  summary: 'Revoke one of your tokens: it stops working at once, and stays listed as revoked',
  request: { params: TokenIdParam },
  responses: {
    200: {
      description: 'The revoked token',
      content: { 'application/json': { schema: z.object({ token: TokenSchema }) } },
    },
    ...problemResponses(401, 403, 404),
  },
});

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
