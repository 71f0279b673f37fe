// Errors as RFC 9457 problem details (`application/problem+json`): a type, a
// title, the status, and a detail that says what to do. Never embargoed text:
// a denied read of an embargoed report is the same problem as a missing one.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { UseCaseErrorCode } from '../../app/errors.ts';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/api/problems/not-found' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    /** Structured detail where a use-case gives one (e.g. the checklist a transition still needs). */
    errors: z.unknown().optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Refused',
  500: 'Internal error',
  503: 'Service not configured',
};

const slugs: Record<number, string> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  422: 'refused',
  500: 'internal',
  503: 'unavailable',
};

/** The HTTP status of a use-case's refusal, the same for pages and the API. */
export const statusOfUseCaseError: Record<UseCaseErrorCode, 400 | 403 | 404 | 409 | 422> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  refused: 422,
};

/**
 * A refusal the API itself makes (not a use-case's): e.g. an operation that needs an
 * outside service psrt is not configured for (503).
 */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

export function problemBody(status: number, detail: string, errors?: unknown): Problem {
  return {
    type: `/api/problems/${slugs[status] ?? 'error'}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(errors === undefined ? {} : { errors }),
  };
}

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  errors?: unknown,
): Response {
  return c.body(JSON.stringify(problemBody(status, detail, errors)), status, {
    'Content-Type': 'application/problem+json',
  });
}

/** The problem responses an operation documents, keyed by status. */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: titles[status] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<
    S,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >;
}
