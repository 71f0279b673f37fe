// The descriptions of /api/v1/reports/{id}/cra: a report's CRA (Regulation (EU) 2024/2847 Art. 14)
// record and what members record on it: awareness, no exploitation, the measure, an incident,
// CSIRT requests and answers, drafts, and submissions to ENISA (what `psrt report cra …` calls).
import { createRoute, z } from '@hono/zod-openapi';
import { craStages } from '../../../domain/cra.ts';
import { CraSubmissionSchema, CraViewSchema } from '../cra-schemas.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import { at, ReportIdParam } from '../schemas.ts';

const tags = ['cra'];
const text = z.string().min(1).max(10_000);

function action(method: 'post' | 'patch', path: string, operationId: string, summary: string) {
  return {
    method,
    path: `/v1/reports/{id}/cra${path}`,
    operationId,
    tags,
    summary,
    responses: { 200: answer(CraViewSchema, 'The CRA record afterwards'), ...acts(404, 409, 422) },
  };
}
const body = <S extends z.ZodType>(schema: S) => ({
  params: ReportIdParam,
  ...jsonBody(schema, 'What to record'),
});

export const getCra = createRoute({
  method: 'get',
  path: '/v1/reports/{id}/cra',
  operationId: 'getCra',
  tags,
  summary:
    "A report's CRA record: its clocks, CSIRT requests, drafts and what was submitted to ENISA (members)",
  request: { params: ReportIdParam },
  responses: { 200: readAnswer(CraViewSchema, 'The CRA record'), ...reads(403, 404) },
});

export const recordCraAwareness = createRoute({
  ...action(
    'post',
    '/awareness',
    'recordCraAwareness',
    'The team became aware of active exploitation: the clocks run',
  ),
  request: body(z.strictObject({ awareAt: at, evidence: text }).openapi('CraAwareness')),
});

export const recordCraNotExploited = createRoute({
  ...action(
    'post',
    '/not-exploited',
    'recordCraNotExploited',
    'The vulnerability is not actively exploited, and why',
  ),
  request: body(z.strictObject({ reason: text }).openapi('CraNotExploited')),
});

export const recordCraMeasure = createRoute({
  ...action(
    'post',
    '/measure',
    'recordCraMeasure',
    'A corrective or mitigating measure is available: the final-report clock runs',
  ),
  request: body(z.strictObject({ availableAt: at, description: text }).openapi('CraMeasure')),
});

export const recordCraIncident = createRoute({
  ...action(
    'post',
    '/incident',
    'recordCraIncident',
    'A severe incident on infrastructure the PSF provides: the incident clocks run',
  ),
  request: body(z.strictObject({ awareAt: at, description: text }).openapi('CraIncident')),
});

export const recordCsirtRequest = createRoute({
  ...action(
    'post',
    '/csirt-requests',
    'recordCsirtRequest',
    "A CSIRT's request for more information, with its due time",
  ),
  request: body(
    z
      .strictObject({ csirt: z.string().min(1).max(200), request: text, askedAt: at, dueAt: at })
      .openapi('CsirtRequestInput'),
  ),
});

export const answerCsirtRequest = createRoute({
  ...action(
    'post',
    '/csirt-requests/{request}/answer',
    'answerCsirtRequest',
    "The answer given to a CSIRT's request",
  ),
  request: {
    params: ReportIdParam.extend({ request: z.coerce.number().int().min(1).max(10_000) }),
    ...jsonBody(z.strictObject({ answer: text }).openapi('CsirtAnswer'), 'The answer'),
  },
});

export const editCraDraft = createRoute({
  ...action(
    'patch',
    '/drafts/{stage}',
    'editCraDraft',
    "Complete fields of a stage's draft; an empty field follows the report again",
  ),
  request: {
    params: ReportIdParam.extend({ stage: z.enum(craStages) }),
    ...jsonBody(
      z
        .strictObject({ fields: z.record(z.string().max(50), z.string().max(10_000)) })
        .openapi('CraDraftEdit'),
      'The fields, by key',
    ),
  },
});

export const submitCraStage = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/cra/submissions',
  operationId: 'submitCraStage',
  tags,
  summary:
    "Record that you submitted a stage on ENISA's Single Reporting Platform: its reference, and a frozen copy of the draft",
  request: body(
    z
      .strictObject({ stage: z.enum(craStages), reference: z.string().min(1).max(200) })
      .openapi('CraSubmissionInput'),
  ),
  responses: { 201: answer(CraSubmissionSchema, 'What was submitted, as kept'), ...acts(404, 409, 422) },
});
