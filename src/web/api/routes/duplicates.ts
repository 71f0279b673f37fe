// The descriptions of /api/v1/reports/{id}/merge and /similar: merging a duplicate
// into the original report (`psrt report merge`), and the reports a report may duplicate.
import { createRoute, z } from '@hono/zod-openapi';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import { CreditSchema, ReportIdParam, ReportSchema } from '../schemas.ts';

const tags = ['reports'];

export const MergeSchema = z
  .object({
    original: ReportSchema,
    duplicate: ReportSchema,
    credits: z.array(CreditSchema).openapi({ description: 'Credits the original gained.' }),
    receivedEarlier: z.boolean().openapi({
      description: "Whether the original's disclosure clock now runs from the duplicate's earlier receipt.",
    }),
  })
  .openapi('Merge');

export const mergeReport = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/merge',
  operationId: 'mergeReport',
  tags,
  summary:
    "Merge this report into the original it duplicates: the original keeps the earliest receipt and gains the reporter's credit; this one is rejected as a duplicate (reply sent, GHSA closed, CVE ID rejected)",
  request: {
    params: ReportIdParam,
    ...jsonBody(
      z
        .strictObject({
          into: z
            .string()
            .min(1)
            .max(100)
            .openapi({ description: 'The original report', example: 'PSRT-2026-0001' }),
        })
        .openapi('MergeInto'),
      'The original report',
    ),
  },
  responses: { 200: answer(MergeSchema, 'Both reports afterwards'), ...acts(404, 422) },
});

export const SuggestionSchema = z
  .object({
    kind: z.enum(['report', 'thread']),
    id: z.string(),
    score: z.number().openapi({ description: 'From 0 to 1.' }),
    reasons: z.array(z.string()).openapi({ example: ['same repository and module `tarfile`'] }),
  })
  .openapi('DuplicateSuggestion');

export const similarReports = createRoute({
  method: 'get',
  path: '/v1/reports/{id}/similar',
  operationId: 'similarReports',
  tags,
  summary: 'Reports this one may duplicate, most likely first, each with the reasons',
  request: { params: ReportIdParam },
  responses: {
    200: readAnswer(
      z.object({ suggestions: z.array(SuggestionSchema) }).openapi('Suggestions'),
      'The suggestions',
    ),
    ...reads(400, 403, 404),
  },
});
