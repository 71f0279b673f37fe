// The descriptions of /api/v1/reports: listing, reading, filing and editing
// reports, and their timelines (what `psrt report list|show|create|timeline`
// and the report page do).
import { createRoute, z } from '@hono/zod-openapi';
import { determinations, MAX_EXTENSION_DAYS, rejectionReasons } from '../../../domain/report.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import {
  AffectedSchema,
  at,
  CreditPreferenceSchema,
  FixPullRequestSchema,
  login,
  PublicationSchema,
  ReportDetailSchema,
  ReportIdParam,
  ReportListSchema,
  ReportSchema,
  TimelineSchema,
} from '../schemas.ts';

const tags = ['reports'];

export const severities = ['critical', 'high', 'medium', 'low', 'none', 'unscored'] as const;

export const listReports = createRoute({
  method: 'get',
  path: '/v1/reports',
  operationId: 'listReports',
  tags,
  summary: 'Reports you may see, most urgent disclosure deadline first',
  description:
    'Page with `cursor` (the `next` of the previous page: stable while reports change) or with `page` (numbered, as the dashboard and the CLI show them).',
  request: {
    query: z.object({
      state: z.enum(['open', 'finished', 'all']).default('open'),
      repository: z.string().max(200).optional().openapi({ example: 'python/cpython' }),
      severity: z.enum(severities).optional(),
      coordinator: z
        .string()
        .max(39)
        .optional()
        .openapi({ description: 'A login, or `none` for reports without a coordinator.' }),
      mine: z
        .stringbool()
        .optional()
        .openapi({ description: 'Only reports you coordinate or are asked to take over.' }),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      cursor: z.string().max(500).optional(),
      page: z.coerce.number().int().min(1).max(1_000_000).optional(),
    }),
  },
  responses: { 200: readAnswer(ReportListSchema, 'A page of reports'), ...reads(400) },
});

export const getReport = createRoute({
  method: 'get',
  path: '/v1/reports/{id}',
  operationId: 'getReport',
  tags,
  summary: 'One report: fields, clocks, what each next step needs, collaborators and effects',
  request: { params: ReportIdParam },
  responses: { 200: readAnswer(ReportDetailSchema, 'The report'), ...reads(400, 404) },
});

export const getReportTimeline = createRoute({
  method: 'get',
  path: '/v1/reports/{id}/timeline',
  operationId: 'getReportTimeline',
  tags,
  summary: 'What people, psrt and GitHub did with the report, newest first, as its page shows it',
  request: { params: ReportIdParam },
  responses: { 200: readAnswer(TimelineSchema, 'The timeline'), ...reads(400, 404) },
});

export const NewReportSchema = z
  .strictObject({
    repository: z.string().openapi({ example: 'python/cpython' }),
    title: z.string(),
    description: z.string().default(''),
    receivedAt: at.optional().openapi({ description: 'When the PSRT first received it; default now.' }),
    ghsaId: z.string().nullable().optional(),
    reporter: login.nullable().optional(),
  })
  .openapi('NewReport');

export const createReport = createRoute({
  method: 'post',
  path: '/v1/reports',
  operationId: 'createReport',
  tags,
  summary: 'Record a new report in triage (its disclosure clock starts when it was received)',
  request: jsonBody(NewReportSchema, 'The report'),
  responses: { 201: answer(ReportSchema, 'The report, in triage'), ...acts(409) },
});

export const FieldPatchSchema = z
  .strictObject({
    title: z.string().optional(),
    description: z.string().optional(),
    cveId: z.string().nullable().optional(),
    cvssVector: z.string().nullable().optional(),
    affected: z.array(AffectedSchema).optional(),
    fixPullRequests: z.array(FixPullRequestSchema).optional(),
    creditPreference: CreditPreferenceSchema.nullable().optional(),
    exploitationAwareAt: at.nullable().optional(),
    fixAvailableAt: at.nullable().optional(),
    publication: PublicationSchema.omit({ psfId: true }).partial().strict().optional(),
  })
  .openapi('FieldPatch', { description: 'The fields to change; each given one replaced whole.' });

export const editReport = createRoute({
  method: 'patch',
  path: '/v1/reports/{id}',
  operationId: 'editReport',
  tags,
  summary: "Edit the report's advisory fields",
  request: { params: ReportIdParam, ...jsonBody(FieldPatchSchema, 'The fields to change') },
  responses: { 200: answer(ReportSchema, 'The report as edited'), ...acts(404, 422) },
});

/** An action on one report that answers the report as it is afterwards; `body` says what to do. */
function action(path: string, operationId: string, summary: string) {
  return {
    method: 'post' as const,
    path: `/v1/reports/{id}/${path}`,
    operationId,
    tags,
    summary,
    responses: { 200: answer(ReportSchema, 'The report afterwards'), ...acts(404, 409, 422) },
  };
}

const body = <S extends z.ZodType>(schema: S) => ({
  params: ReportIdParam,
  ...jsonBody(schema, 'What to do'),
});

export const assignCoordinator = createRoute({
  ...action('coordinator', 'assignCoordinator', 'Make a member (default: you) the coordinator'),
  request: body(z.strictObject({ login: login.optional() }).openapi('Assignment')),
});
export const requestHandoff = createRoute({
  ...action(
    'handoff',
    'requestHandoff',
    'Ask a member to take over coordination; you stay responsible until they accept',
  ),
  request: body(z.strictObject({ to: login }).openapi('HandoffRequest')),
});
export const acceptHandoff = createRoute({
  ...action('handoff/accept', 'acceptHandoff', 'Accept a handoff offered to you'),
  request: { params: ReportIdParam },
});
export const declineHandoff = createRoute({
  ...action(
    'handoff/decline',
    'declineHandoff',
    'Decline a handoff offered to you, or withdraw your own offer',
  ),
  request: { params: ReportIdParam },
});
export const determineReport = createRoute({
  ...action('determination', 'determineReport', 'Record what the report is'),
  request: body(z.strictObject({ determination: z.enum(determinations) }).openapi('Determination')),
});
export const acceptReport = createRoute({
  ...action(
    'accept',
    'acceptReport',
    'Accept as a vulnerability (a CVE ID is then reserved); refused with the checklist when not ready',
  ),
  request: { params: ReportIdParam },
});
export const rejectReport = createRoute({
  ...action(
    'reject',
    'rejectReport',
    "Reject the report (the devguide's reply for the reason is sent, none for spam)",
  ),
  request: body(
    z
      .strictObject({
        reason: z.enum(rejectionReasons),
        detail: z
          .string()
          .nullable()
          .default(null)
          .openapi({ description: 'duplicate: the other report, GHSA or CVE; public-issue: the issue URL' }),
      })
      .openapi('Rejection'),
  ),
});
export const reopenReport = createRoute({
  ...action('reopen', 'reopenReport', 'Return a rejected report to triage'),
  request: body(z.strictObject({ reason: z.string() }).openapi('Reopening')),
});
export const extendDeadline = createRoute({
  ...action('extensions', 'extendDeadline', 'Extend the 90-day disclosure deadline'),
  request: body(
    z
      .strictObject({
        days: z.number().int().min(1).max(MAX_EXTENSION_DAYS),
        reason: z.string(),
        reporterAgreed: z.boolean().default(false),
      })
      .openapi('Extension'),
  ),
});
