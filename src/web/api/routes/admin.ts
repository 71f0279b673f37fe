// The descriptions of the team's own machinery (`psrt roster|audit|effects|
// webhooks|coverage|import`): the roster, the audit log, effects, webhook
// deliveries, repository coverage and the history import.
import { createRoute, z } from '@hono/zod-openapi';
import { rosterRoles } from '../../../domain/report.ts';
import {
  AuditEventSchema,
  AuditVerdictSchema,
  AuditVerificationSchema,
  CoverageSchema,
  DeliveryListSchema,
  DeliverySchema,
  EffectListSchema,
  ImportOutcomeSchema,
  RosterEntrySchema,
  RosterImportResultSchema,
  RosterImportSchema,
  rosterLists,
} from '../admin-schemas.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import { problemResponses } from '../problem.ts';
import { EffectViewSchema } from '../schemas.ts';

const latest = z.coerce.number().int().min(1).max(10_000).default(50);

export const listRoster = createRoute({
  method: 'get',
  path: '/v1/roster',
  operationId: 'listRoster',
  tags: ['roster'],
  summary: 'Who is on the roster, with their roles (public, as the devguide publishes it)',
  request: { query: z.object({ list: z.enum(rosterLists).optional() }) },
  responses: {
    200: readAnswer(z.object({ entries: z.array(RosterEntrySchema) }).openapi('Roster'), 'The roster'),
    ...reads(400),
  },
});

export const exportRoster = createRoute({
  method: 'get',
  path: '/v1/roster/{list}/csv',
  operationId: 'exportRoster',
  tags: ['roster'],
  summary: 'One list in the devguide CSV format, byte for byte as imported',
  request: {
    params: z.object({ list: z.enum(rosterLists).openapi({ param: { name: 'list', in: 'path' } }) }),
  },
  responses: {
    200: { description: 'The CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(400, 401),
  },
});

export const importRoster = createRoute({
  method: 'post',
  path: '/v1/roster/import',
  operationId: 'importRoster',
  tags: ['roster'],
  summary: 'Replace the member and/or emeritus list from devguide CSV text (admins)',
  request: jsonBody(RosterImportSchema, 'The lists to replace'),
  responses: { 200: answer(RosterImportResultSchema, 'How many were imported'), ...acts(413, 422) },
});

export const listAuditEvents = createRoute({
  method: 'get',
  path: '/v1/audit/events',
  operationId: 'listAuditEvents',
  tags: ['audit'],
  summary: 'The audit log, newest first, a page at a time (members)',
  request: {
    query: z.object({
      subject: z.string().max(200).optional().openapi({ description: 'Only events about this subject.' }),
      actor: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: 'Only events by this login (or system:NAME).' }),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      cursor: z.string().max(100).optional().openapi({ description: 'The `next` of the previous page.' }),
    }),
  },
  responses: {
    200: readAnswer(
      z
        .object({
          events: z.array(AuditEventSchema),
          next: z
            .string()
            .nullable()
            .openapi({ description: 'The cursor of the next page; null on the last.' }),
        })
        .openapi('AuditEventList'),
      'A page of events',
    ),
    ...reads(400, 403),
  },
});

const expectHead = z.string().max(100).optional().openapi({
  description: 'SEQ:HASH printed by an earlier check: also detects a cut or rewritten tail.',
});

export const verifyAudit = createRoute({
  method: 'get',
  path: '/v1/audit/verification',
  operationId: 'verifyAudit',
  tags: ['audit'],
  summary:
    'Check the hash chain of every audit event, without recording the check; names the first edited, deleted or reordered one (admins)',
  description:
    'A pure read, for a monitor that polls (each recorded check is an event of its own). A person checking the log records the check with POST, as the Audit page and the daily check do.',
  request: { query: z.object({ expectHead }) },
  responses: { 200: readAnswer(AuditVerdictSchema, 'The verdict'), ...reads(400, 403) },
});

export const recordAuditVerification = createRoute({
  method: 'post',
  path: '/v1/audit/verification',
  operationId: 'recordAuditVerification',
  tags: ['audit'],
  summary:
    'Check the hash chain of every audit event and record the check in the log as an audit.verify event (admins)',
  description:
    "What `psrt audit verify`, the Audit page's Verify now and the daily check do: the log then says when it was last verified, by whom, and what was found.",
  request: jsonBody(
    z.strictObject({ expectHead }).openapi('AuditCheck'),
    'The head to hold the log to, if any',
  ),
  responses: { 201: answer(AuditVerificationSchema, 'The check, as recorded'), ...acts() },
});

export const listEffects = createRoute({
  method: 'get',
  path: '/v1/effects',
  operationId: 'listEffects',
  tags: ['effects'],
  summary: 'What psrt did and will do outside, with status, attempts and last error (members)',
  request: {
    query: z.object({
      status: z.enum(['pending', 'claimed', 'done', 'failed']).optional(),
      report: z.string().max(100).optional().openapi({ description: "Only one report's effects." }),
      latest,
    }),
  },
  responses: { 200: readAnswer(EffectListSchema, 'The newest effects, oldest first'), ...reads(400, 403) },
});

export const retryEffect = createRoute({
  method: 'post',
  path: '/v1/effects/{effectId}/retry',
  operationId: 'retryEffect',
  tags: ['effects'],
  summary: 'Drive a failed effect again, now, with a fresh set of attempts (members)',
  request: {
    params: z.object({
      effectId: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: 'effectId', in: 'path' }, example: 42 }),
    }),
  },
  responses: { 200: answer(EffectViewSchema, 'The effect, pending again'), ...acts(404, 409) },
});

export const listWebhookDeliveries = createRoute({
  method: 'get',
  path: '/v1/webhook-deliveries',
  operationId: 'listWebhookDeliveries',
  tags: ['webhooks'],
  summary: "GitHub's webhook deliveries with their status, never their payloads (members)",
  request: {
    query: z.object({ status: z.enum(['pending', 'done', 'ignored', 'failed']).optional(), latest }),
  },
  responses: {
    200: readAnswer(DeliveryListSchema, 'The newest deliveries, oldest first'),
    ...reads(400, 403),
  },
});

export const retryWebhookDelivery = createRoute({
  method: 'post',
  path: '/v1/webhook-deliveries/{guid}/retry',
  operationId: 'retryWebhookDelivery',
  tags: ['webhooks'],
  summary: 'Process a failed delivery again, with a fresh set of attempts (members)',
  request: {
    params: z.object({
      guid: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'is not a delivery GUID')
        .openapi({ param: { name: 'guid', in: 'path' } }),
    }),
  },
  responses: { 200: answer(DeliverySchema, 'The delivery, pending again'), ...acts(404, 409) },
});

export const checkCoverage = createRoute({
  method: 'get',
  path: '/v1/coverage',
  operationId: 'checkCoverage',
  tags: ['coverage'],
  summary: 'Repositories the GitHub App covers: private vulnerability reporting, and a policy pointing to it',
  responses: { 200: readAnswer(CoverageSchema, 'Each repository and its gaps'), ...reads(403, 503) },
});

export const applyCoverage = createRoute({
  method: 'post',
  path: '/v1/coverage/apply',
  operationId: 'applyCoverage',
  tags: ['coverage'],
  summary: 'Turn private vulnerability reporting on where it is off, then check coverage',
  responses: { 200: answer(CoverageSchema, 'Each repository and its gaps'), ...acts(503) },
});

/** The formats of the PSF's published records: its advisory database's OSV files, and CVE records. */
export const historyFormats = ['osv', 'cve'] as const;

export const importHistory = createRoute({
  method: 'post',
  path: '/v1/history/{format}',
  operationId: 'importHistory',
  tags: ['history'],
  summary:
    "Load one of the PSF's published records (an OSV file or a CVE record) as a published report (admins)",
  description:
    'The body is the record itself. One that cannot be read is answered `skipped`, with each problem at its JSON path.',
  request: {
    params: z.object({ format: z.enum(historyFormats).openapi({ param: { name: 'format', in: 'path' } }) }),
    query: z.object({
      dryRun: z.stringbool().default(false).openapi({ description: 'Read and check it, import nothing.' }),
    }),
    ...jsonBody(
      // Any JSON: the record's official schema (OSV, CVE JSON 5.x) is the one to check it
      // against, and psrt does, answering `skipped` with each problem at its JSON path.
      z.unknown().openapi('PublishedRecord', {
        description:
          'An OSV record of the PSF advisory database (OSV schema) or a CVE JSON 5.x record; psrt checks it against that official schema.',
      }),
      'The record',
    ),
  },
  responses: { 200: answer(ImportOutcomeSchema, 'What became of it'), ...acts(413) },
});

export const whoAmI = createRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'whoAmI',
  tags: ['roster'],
  summary: 'Who psrt takes you for: your login, and whether you are a member with which roles',
  responses: {
    200: readAnswer(
      z
        .object({
          login: z.string().nullable().openapi({ description: 'Null when not signed in.' }),
          member: z.boolean(),
          roles: z.array(z.enum(rosterRoles)),
        })
        .openapi('Me'),
      'You',
    ),
    ...reads(),
  },
});
