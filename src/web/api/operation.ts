// The pieces every operation's description is made of: a JSON request body,
// a JSON answer, and the problems it may answer instead. The route modules
// (./routes/) hold only descriptions, so the CLI can call them without
// loading the database.
import type { z } from '@hono/zod-openapi';
import { problemResponses } from './problem.ts';

/** A required JSON request body. */
export const jsonBody = <S extends z.ZodType>(schema: S, description: string) => ({
  body: { required: true, description, content: { 'application/json': { schema } } },
});

/** The JSON answer of an operation, under its success status. */
export const answer = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** The JSON answer of a read: it carries an ETag, so a client that sends it back gets 304. */
export const readAnswer = <S extends z.ZodType>(schema: S, description: string) => ({
  ...answer(schema, description),
  headers: {
    ETag: {
      description:
        'Send it back as If-None-Match: 304 without a body while nothing changed (the msLeft countdowns aside).',
      schema: { type: 'string' as const },
    },
  },
});

const notModified = { 304: { description: 'Not modified: the ETag sent in If-None-Match is current.' } };

/**
 * The problems an operation documents. Every one may answer 401 (an unknown,
 * expired or revoked token); one that changes anything also 400 (a body the
 * description does not allow) and 403 (a read-only token, or a form from
 * elsewhere). A read may answer 304 to a client that has it already.
 */
export const reads = <S extends number>(...statuses: S[]) => ({
  ...notModified,
  ...problemResponses<S | 401>(401, ...statuses),
});
export const acts = <S extends number>(...statuses: S[]) =>
  problemResponses<S | 400 | 401 | 403>(400, 401, 403, ...statuses);
