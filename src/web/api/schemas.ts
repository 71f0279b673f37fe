// The API's bodies, defined once: zod checks them at run time, gives their
// TypeScript types, and @hono/zod-openapi writes them into /api/openapi.json.
// Times are ISO 8601 strings (date-time) on the wire.
import { z } from '@hono/zod-openapi';
import { craStages } from '../../domain/cra.ts';
import { determinations, rejectionReasons, reportStates } from '../../domain/report.ts';

const at = z.date();
const login = z.string().openapi({ example: 'sethmlarson' });

export const ReportIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'PSRT-2026-0001' }),
});

export const AffectedSchema = z
  .union([
    z.object({
      ecosystem: z.string(),
      package: z.string(),
      vulnerableVersionRange: z.string(),
      patchedVersions: z.string().nullable(),
    }),
    z.object({
      ecosystem: z.literal('GIT'),
      repo: z.string(),
      introduced: z.string(),
      fixed: z.array(z.string()),
    }),
  ])
  .openapi('Affected');

export const ReportSchema = z
  .object({
    id: z.string().openapi({ example: 'PSRT-2026-0001' }),
    ghsaId: z.string().nullable(),
    repository: z.string().openapi({ example: 'python/cpython' }),
    title: z.string(),
    description: z.string(),
    state: z.enum(reportStates),
    receivedAt: at,
    lastActivityAt: at,
    coordinator: login.nullable(),
    coordinatorSince: at.nullable(),
    handoff: z.object({ to: login, requestedAt: at }).nullable(),
    determination: z.enum(determinations).nullable(),
    cveId: z.string().nullable(),
    cvssVector: z.string().nullable(),
    affected: z.array(AffectedSchema),
    fixPullRequests: z.array(
      z.object({ url: z.string(), public: z.boolean(), merged: z.boolean(), backport: z.boolean() }),
    ),
    reporter: login.nullable(),
    creditPreference: z.object({ credit: z.boolean(), name: z.string().nullable() }).nullable(),
    extensions: z.array(
      z.object({
        days: z.number().int(),
        reason: z.string(),
        reporterAgreed: z.boolean(),
        grantedBy: login,
        at,
      }),
    ),
    rejection: z.object({ reason: z.enum(rejectionReasons), detail: z.string().nullable() }).nullable(),
    finishedAt: at.nullable(),
    cra: z.object({
      exploitationAwareAt: at.nullable(),
      fixAvailableAt: at.nullable(),
      earlyWarningSubmittedAt: at.nullable(),
      notificationSubmittedAt: at.nullable(),
      finalReportSubmittedAt: at.nullable(),
    }),
    // The publication facts (PSF id, aliases, CWE, credits, references, CVE products): see docs/records.md.
    publication: z.object({ psfId: z.string().nullable() }).catchall(z.unknown()),
    createdAt: at,
    updatedAt: at,
  })
  .openapi('Report');

export const ClocksSchema = z
  .object({
    disclosure: z.object({
      deadline: at,
      msLeft: z.number(),
      daysLeft: z.number().int(),
      overdue: z.boolean(),
      status: z.enum(['on-track', 'due-soon', 'overdue', 'stopped']),
    }),
    coordinator: z.object({ applies: z.boolean(), idleSince: at, autoAssignAt: at, due: z.boolean() }),
    cra: z.array(
      z.object({
        stage: z.enum(craStages),
        startedAt: at.nullable(),
        due: at.nullable(),
        submittedAt: at.nullable(),
        status: z.enum(['not-started', 'pending', 'due-soon', 'overdue', 'submitted']),
        msLeft: z.number().nullable(),
      }),
    ),
  })
  .openapi('Clocks');

export const ReportWithClocksSchema = z
  .object({ report: ReportSchema, clocks: ClocksSchema })
  .openapi('ReportWithClocks');

export const ReportListSchema = z
  .object({
    reports: z.array(ReportWithClocksSchema),
    total: z.number().int().openapi({ description: 'How many reports match, on every page.' }),
    next: z.string().nullable().openapi({ description: 'The `cursor` of the next page; null on the last.' }),
  })
  .openapi('ReportList');
