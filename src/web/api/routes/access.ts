// The descriptions of who may see a report and who it credits: collaborator
// grants (`psrt report grant|revoke`) and credits (`psrt report credit …`).
import { createRoute, z } from '@hono/zod-openapi';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import { at, CreditSchema, GrantSchema, login, ReportIdParam, ReportSchema } from '../schemas.ts';

const tags = ['access'];

export const grantAccess = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/grants',
  operationId: 'grantAccess',
  tags,
  summary: 'Give someone access to this report only',
  request: {
    params: ReportIdParam,
    ...jsonBody(
      z
        .strictObject({
          login,
          reason: z.string(),
          expiresAt: at
            .nullable()
            .default(null)
            .openapi({ description: 'Default: 14 days after the report is finished.' }),
        })
        .openapi('NewGrant'),
      'Who, why, and until when',
    ),
  },
  responses: { 201: answer(GrantSchema, 'The grant'), ...acts(404, 409, 422) },
});

const LoginParam = z.object({
  login: z
    .string()
    .max(39)
    .openapi({ param: { name: 'login', in: 'path' }, example: 'mira-finds-bugs' }),
});

export const revokeAccess = createRoute({
  method: 'delete',
  path: '/v1/reports/{id}/grants/{login}',
  operationId: 'revokeAccess',
  tags,
  summary: "End a person's access to this report",
  request: { params: ReportIdParam.extend(LoginParam.shape) },
  responses: {
    200: answer(
      z.object({ revoked: z.array(GrantSchema) }).openapi('RevokedGrants'),
      'The grants that ended',
    ),
    ...acts(404, 409, 422),
  },
});

export const CreditListSchema = z
  .object({ reportId: z.string(), credits: z.array(CreditSchema) })
  .openapi('CreditList');

export const listCredits = createRoute({
  method: 'get',
  path: '/v1/reports/{id}/credits',
  operationId: 'listCredits',
  tags,
  summary: 'Every credit, with whether its person accepted it on GitHub (only accepted ones are published)',
  request: { params: ReportIdParam },
  responses: { 200: readAnswer(CreditListSchema, 'The credits'), ...reads(400, 404) },
});

export const dropCredit = createRoute({
  method: 'delete',
  path: '/v1/reports/{id}/credits/{who}',
  operationId: 'dropCredit',
  tags,
  summary: 'Drop the credit WHO names (a login or the printed name) from the publication, and the GHSA',
  request: {
    params: ReportIdParam.extend({
      who: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'who', in: 'path' }, example: 'mira-finds-bugs' }),
    }),
  },
  responses: {
    200: answer(
      z
        .object({
          report: ReportSchema,
          dropped: z.array(CreditSchema),
          offGitHub: z.boolean().openapi({ description: 'Whether the GHSA loses the credit too.' }),
        })
        .openapi('DroppedCredit'),
      'The report and the credits dropped',
    ),
    ...acts(404, 409, 422),
  },
});
