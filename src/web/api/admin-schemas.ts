// The bodies of the team's own machinery: the roster, the audit log, the
// effects psrt performs outside, GitHub's webhook deliveries, repository
// coverage and the imported history.
import { z } from '@hono/zod-openapi';
import { rosterRoles } from '../../domain/report.ts';
import { at, EffectViewSchema, effectStatuses, login } from './schemas.ts';

export const rosterLists = ['member', 'emeritus'] as const;

export const RosterEntrySchema = z
  .object({
    list: z.enum(rosterLists),
    position: z.number().int().openapi({ description: '1-based position in its list.' }),
    name: z.string(),
    login: login.nullable(),
    roles: z.array(z.enum(rosterRoles)),
  })
  .openapi('RosterEntry');

const csvFile = z
  .strictObject({
    text: z.string().openapi({ description: 'The devguide CSV (Name,GitHub username,Notes; no header).' }),
    source: z.string().max(200).openapi({ description: 'Its name, for messages.', example: 'psrt.csv' }),
  })
  .openapi('RosterCsv');

export const RosterImportSchema = z
  .strictObject({
    members: csvFile.optional(),
    emeritus: csvFile.optional(),
    allowEmpty: z
      .boolean()
      .default(false)
      .openapi({ description: 'Let an empty file empty a list that has people on it.' }),
  })
  .openapi('RosterImport');

export const RosterImportResultSchema = z
  .object({
    members: z.number().int().nullable(),
    emeritus: z.number().int().nullable(),
    bootstrap: z.boolean().openapi({ description: 'This import set up an empty roster.' }),
  })
  .openapi('RosterImportResult');

export const AuditEventSchema = z
  .object({
    seq: z.number().int(),
    at,
    actor: z.string(),
    action: z.string().openapi({ example: 'report.accept' }),
    subject: z.string(),
    change: z.unknown().openapi({ description: 'What changed, as the action records it (any JSON).' }),
    digest: z.string(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEvent');

export const AuditVerdictSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      count: z.number().int(),
      lastSeq: z.number().int(),
      lastHash: z.string(),
    }),
    z.object({
      ok: z.literal(false),
      count: z.number().int(),
      firstBad: z.object({
        seq: z.number().int(),
        reason: z.enum(['edited', 'deleted', 'reordered', 'inserted', 'truncated', 'rewritten']),
        detail: z.string(),
      }),
    }),
  ])
  .openapi('AuditVerdict', { description: 'The chain is intact, or the first bad event.' });

export const AuditVerificationSchema = z
  .object({
    at,
    by: z.string().openapi({ description: 'A login, or `system:scheduler` for the daily check.' }),
    verdict: AuditVerdictSchema,
  })
  .openapi('AuditVerification', {
    description: 'A check of the chain as the log records it, in an `audit.verify` event.',
  });

export const EffectListSchema = z
  .object({
    effects: z.array(EffectViewSchema),
    summary: z.object({
      byStatus: z.object(Object.fromEntries(effectStatuses.map((s) => [s, z.number().int()]))) as z.ZodObject<
        Record<(typeof effectStatuses)[number], z.ZodNumber>
      >,
      oldestPendingSince: at.nullable(),
    }),
  })
  .openapi('EffectList');

export const deliveryStatuses = ['pending', 'done', 'ignored', 'failed'] as const;

export const DeliverySchema = z
  .object({
    guid: z.string(),
    event: z.string().openapi({ example: 'repository_advisory' }),
    action: z.string().nullable(),
    installationId: z.number().int().nullable(),
    receivedAt: at,
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    nextAttemptAt: at,
    processedAt: at.nullable(),
    lastError: z.string().nullable(),
  })
  .openapi('WebhookDelivery', { description: 'A delivery GitHub sent, never its payload.' });

export const DeliveryListSchema = z
  .object({
    deliveries: z.array(DeliverySchema),
    summary: z.object({
      byStatus: z.object({
        pending: z.number().int(),
        done: z.number().int(),
        ignored: z.number().int(),
        failed: z.number().int(),
      }),
      inProgress: z.number().int(),
      oldestPendingSince: at.nullable(),
    }),
  })
  .openapi('WebhookDeliveryList');

export const CoverageSchema = z
  .object({
    repositories: z.array(
      z.object({
        repository: z.string(),
        privateReporting: z.boolean().nullable().openapi({ description: 'Null: GitHub would not say.' }),
        policy: z.string().nullable().openapi({ description: 'Where the security policy is; null: none.' }),
        gaps: z.array(z.string()),
        enabled: z.boolean().openapi({ description: 'Private reporting was turned on by this run.' }),
      }),
    ),
  })
  .openapi('Coverage');

export const ImportOutcomeSchema = z
  .object({
    status: z.enum(['created', 'merged', 'unchanged', 'skipped']),
    reportId: z.string().nullable(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })),
    differences: z.array(z.string()),
  })
  .openapi('ImportOutcome');
