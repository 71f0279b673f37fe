// /api/v1/tokens described: the caller's personal API tokens. No database code here, so the CLI
// loads these cheaply (handlers in ../tokens.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, tokenScopes } from '../../../domain/sessions.ts';
import { problemResponses } from '../problem.ts';
import { at } from '../schemas.ts';

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: 'laptop CLI' }),
    scope: z.enum(tokenScopes).openapi({
      description: 'read: sees what its owner sees; act: also takes report actions; admin: also admin work',
    }),
    createdAt: at,
    expiresAt: at,
    revokedAt: at.nullable(),
    lastUsedAt: at.nullable(),
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

export const listTokens = createRoute({
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

export const createToken = createRoute({
  method: 'post',
  path: '/v1/tokens',
  operationId: 'createToken',
  tags: ['tokens'],
  summary: 'Make a token (signed in, not with a token); its secret is in this answer and nowhere else',
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

export const revokeToken = createRoute({
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
