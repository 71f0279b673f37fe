// The descriptions of the yearly inactivity report's operations (`psrt roster
// inactivity …`, admins): preview for a period, produce, list, show, send to
// the Steering Council, and record the Council's decision per listed member.
import { createRoute, z } from '@hono/zod-openapi';
import { councilVerdicts, evidenceKinds, exemptRoles, standings } from '../../../domain/inactivity.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import { at } from '../schemas.ts';

const EvidenceSchema = z
  .object({
    kind: z.enum(evidenceKinds).openapi({
      description:
        "coordinated: the report's coordinator (the GHSA coordinator credit); commented: a GHSA comment psrt read; acted: a change made in psrt.",
    }),
    reportId: z.string(),
    repository: z.string(),
    ghsaId: z.string().nullable(),
    first: at,
    last: at,
    count: z.number().int(),
  })
  .openapi('InactivityEvidence');

const MemberStandingSchema = z
  .object({
    login: z.string(),
    name: z.string(),
    standing: z.enum(standings),
    exemptAs: z.array(z.enum(exemptRoles)),
    evidence: z.array(EvidenceSchema),
  })
  .openapi('MemberStanding');

const period = z.object({ from: at, to: at });
const email = z.object({ subject: z.string(), text: z.string() }).openapi({
  description: 'The mail the Steering Council receives: members and counts, never a report.',
});

export const InactivityPreviewSchema = z
  .object({ period, members: z.array(MemberStandingSchema), email })
  .openapi('InactivityPreview');

export const CouncilDecisionSchema = z
  .object({
    login: z.string(),
    verdict: z.enum(councilVerdicts),
    councilDecision: z.string(),
    decidedAt: at,
    recordedBy: z.string(),
    changeId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The membership change a removal started.' }),
  })
  .openapi('CouncilDecision');

export const InactivityReportSchema = InactivityPreviewSchema.extend({
  id: z.number().int(),
  producedAt: at,
  producedBy: z.string(),
  sentAt: at.nullable(),
  sentBy: z.string().nullable(),
  decisions: z.array(CouncilDecisionSchema),
}).openapi('InactivityReport');

const periodQuery = z.object({
  from: z.string().max(40).optional().openapi({
    description: "YYYY-MM-DD (UTC) or an ISO time; default: the last report's end, or a year ago.",
  }),
  to: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'YYYY-MM-DD (UTC) or an ISO time; default: now.' }),
});

const reportParam = z.object({
  reportId: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'reportId', in: 'path' }, example: 1 }),
});

export const previewInactivity = createRoute({
  method: 'get',
  path: '/v1/inactivity/preview',
  operationId: 'previewInactivity',
  tags: ['roster'],
  summary: 'The inactivity report for a period, computed now and not kept (admins)',
  request: { query: periodQuery },
  responses: { 200: readAnswer(InactivityPreviewSchema, 'The report'), ...reads(400, 403, 422) },
});

export const listInactivityReports = createRoute({
  method: 'get',
  path: '/v1/inactivity/reports',
  operationId: 'listInactivityReports',
  tags: ['roster'],
  summary: 'The inactivity reports produced so far, newest period first (admins)',
  responses: {
    200: readAnswer(
      z.object({ reports: z.array(InactivityReportSchema) }).openapi('InactivityReports'),
      'The reports',
    ),
    ...reads(403),
  },
});

export const produceInactivityReport = createRoute({
  method: 'post',
  path: '/v1/inactivity/reports',
  operationId: 'produceInactivityReport',
  tags: ['roster'],
  summary: 'Produce the report for a period: computed and frozen, to be sent and decided on (admins)',
  request: jsonBody(periodQuery, 'The period; both ends optional'),
  responses: { 201: answer(InactivityReportSchema, 'The report as produced'), ...acts(422) },
});

export const showInactivityReport = createRoute({
  method: 'get',
  path: '/v1/inactivity/reports/{reportId}',
  operationId: 'showInactivityReport',
  tags: ['roster'],
  summary: "One inactivity report with the Council's decisions (admins)",
  request: { params: reportParam },
  responses: { 200: readAnswer(InactivityReportSchema, 'The report'), ...reads(403, 404) },
});

export const sendInactivityReport = createRoute({
  method: 'post',
  path: '/v1/inactivity/reports/{reportId}/send',
  operationId: 'sendInactivityReport',
  tags: ['roster'],
  summary: 'Send the report to the Steering Council by mail, once (admins)',
  request: { params: reportParam },
  responses: { 200: answer(InactivityReportSchema, 'The report, sent'), ...acts(404, 409) },
});

export const recordCouncilDecision = createRoute({
  method: 'post',
  path: '/v1/inactivity/reports/{reportId}/decisions',
  operationId: 'recordCouncilDecision',
  tags: ['roster'],
  summary:
    "Record the Steering Council's decision on a member listed for removal; remove takes them off the GitHub team, then to emeritus (admins)",
  request: {
    params: reportParam,
    ...jsonBody(
      z.object({
        login: z.string().min(1).max(100),
        verdict: z.enum(councilVerdicts),
        decision: z
          .string()
          .min(1)
          .max(500)
          .openapi({ description: 'The Council decision it records: a vote, a message, its date or link.' }),
      }),
      'The decision',
    ),
  },
  responses: { 201: answer(CouncilDecisionSchema, 'The decision, recorded'), ...acts(404, 422) },
});
