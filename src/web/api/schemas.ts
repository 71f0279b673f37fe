// The API's bodies, defined once: zod checks them at run time, gives their
// TypeScript types, and @hono/zod-openapi writes them into /api/openapi.json.
// Times are ISO 8601 strings (date-time) on the wire and Dates in code: `at`
// decodes one into the other, for requests here and for the CLI's answers.
import { z } from '@hono/zod-openapi';
import type { TimelineEntry } from '../../app/timeline.ts';
import { craStages } from '../../domain/cra.ts';
import type { TransitionName } from '../../domain/lifecycle.ts';
import { creditStates, creditTypes, referenceTypes } from '../../domain/publication.ts';
import { determinations, rejectionReasons, reportStates } from '../../domain/report.ts';

/** A moment: `2026-03-01T09:30:00Z` (or with an offset) on the wire, a Date in code. */
export const at = z
  .codec(
    z.iso.datetime({
      offset: true,
      error: 'must be an ISO 8601 date-time with its zone, e.g. 2026-03-01T09:30:00Z',
    }),
    z.date(),
    { decode: (text) => new Date(text), encode: (date) => date.toISOString() },
  )
  .openapi({ example: '2026-03-01T09:30:00Z' });

export const login = z.string().openapi({ description: 'A GitHub login.', example: 'sethmlarson' });

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
  .openapi('Affected', {
    description: "A package's vulnerable versions, or a git commit range (OSV `GIT`) as CPython's.",
  });

export const FixPullRequestSchema = z
  .object({ url: z.string(), public: z.boolean(), merged: z.boolean(), backport: z.boolean() })
  .openapi('FixPullRequest');

export const CreditPreferenceSchema = z
  .object({ credit: z.boolean(), name: z.string().nullable() })
  .openapi('CreditPreference');

export const CreditSchema = z
  .object({
    name: z.string().openapi({ description: 'The name the records print.' }),
    type: z.enum(creditTypes),
    login: login.nullable(),
    state: z.enum(creditStates).openapi({ description: 'Only accepted credits are published.' }),
  })
  .openapi('Credit');

export const ReferenceSchema = z
  .object({ url: z.string(), type: z.enum(referenceTypes) })
  .openapi('Reference');

export const ProductVersionSchema = z
  .object({
    version: z.string(),
    lessThan: z.string().nullable(),
    status: z.enum(['affected', 'unaffected', 'unknown']),
    versionType: z.string().nullable(),
    lessThanOrEqual: z.string().optional(),
  })
  .openapi('ProductVersion');

export const AffectedProductSchema = z
  .object({
    vendor: z.string(),
    product: z.string(),
    repo: z.string().nullable(),
    platforms: z.array(z.string()),
    modules: z.array(z.string()),
    programFiles: z.array(z.string()),
    programRoutines: z.array(z.string()),
    defaultStatus: z.enum(['affected', 'unaffected', 'unknown']).nullable(),
    versions: z.array(ProductVersionSchema),
  })
  .openapi('AffectedProduct');

/** The publication facts an edit may replace: each given one whole; the PSF id is never edited. */
const publicationFacts = {
  aliases: z.array(z.string()),
  cweIds: z.array(z.string()).nullable(),
  credits: z.array(CreditSchema),
  references: z.array(ReferenceSchema),
  products: z.array(AffectedProductSchema),
  capecIds: z.array(z.string()).optional(),
  cveReferenceTags: z.array(z.object({ url: z.string(), tags: z.array(z.string()) })).optional(),
};

export const PublicationSchema = z
  .object({ psfId: z.string().nullable().openapi({ example: 'PSF-2026-1' }), ...publicationFacts })
  .openapi('Publication', {
    description: 'What the published records say beyond the GHSA fields (see docs/records.md).',
  });

export const CsirtRequestSchema = z
  .object({
    id: z.number().int(),
    csirt: z.string(),
    request: z.string(),
    askedAt: at,
    dueAt: at,
    recordedBy: login,
    answer: z.object({ text: z.string(), answeredAt: at, answeredBy: login }).nullable(),
  })
  .openapi('CsirtRequest');

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
    fixPullRequests: z.array(FixPullRequestSchema),
    reporter: login.nullable(),
    creditPreference: CreditPreferenceSchema.nullable(),
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
      exploitation: z
        .discriminatedUnion('status', [
          z.object({
            status: z.literal('exploited'),
            evidence: z.string(),
            recordedBy: login,
            recordedAt: at,
          }),
          z.object({
            status: z.literal('not-exploited'),
            reason: z.string(),
            recordedBy: login,
            recordedAt: at,
          }),
        ])
        .nullable(),
      measure: z.object({ description: z.string(), recordedBy: login, recordedAt: at }).nullable(),
      incident: z
        .object({
          awareAt: at,
          description: z.string(),
          recordedBy: login,
          recordedAt: at,
          earlyWarningSubmittedAt: at.nullable(),
          notificationSubmittedAt: at.nullable(),
          finalReportSubmittedAt: at.nullable(),
        })
        .nullable(),
      csirtRequests: z.array(CsirtRequestSchema),
      drafts: z.record(z.string(), z.record(z.string(), z.string())),
    }),
    publication: PublicationSchema,
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
    csirt: z.array(
      z.object({
        requestId: z.number().int(),
        csirt: z.string(),
        due: at,
        answeredAt: at.nullable(),
        status: z.enum(['pending', 'due-soon', 'overdue', 'submitted']),
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
    page: z.number().int().openapi({ description: 'The page number asked for (1 when paging by cursor).' }),
    pageSize: z.number().int(),
    next: z.string().nullable().openapi({ description: 'The `cursor` of the next page; null on the last.' }),
  })
  .openapi('ReportList');

export const RequirementSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    met: z.boolean(),
    reason: z.string().nullable().openapi({ description: 'When unmet: what is missing and what to do.' }),
  })
  .openapi('Requirement');

export const ChecklistSchema = z
  .object({
    transition: z.enum([
      'accept',
      'publish',
      'reject',
      'reopen',
    ] as const satisfies readonly TransitionName[]),
    from: z.enum(reportStates),
    to: z.enum(reportStates),
    allowed: z.boolean(),
    requirements: z.array(RequirementSchema),
  })
  .openapi('Checklist', { description: 'What a transition needs, each requirement met or not.' });

export const GrantSchema = z
  .object({
    id: z.string(),
    reportId: z.string(),
    login,
    grantedBy: z.string(),
    reason: z.string(),
    grantedAt: at,
    expiresAt: at.nullable().openapi({ description: 'Null: 14 days after the report is finished.' }),
    revokedAt: at.nullable(),
    revokedBy: z.string().nullable(),
  })
  .openapi('Grant', { description: "A collaborator's access to one report." });

export const effectStatuses = ['pending', 'claimed', 'done', 'failed'] as const;

export const EffectViewSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({ example: 'cve.reserve' }),
    reportId: z.string().nullable(),
    status: z.enum(effectStatuses),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    createdAt: at,
    nextAttemptAt: at,
    completedAt: at.nullable(),
    lastError: z.string().nullable(),
    result: z.unknown().openapi({ description: "What the service answered; its shape is the kind's." }),
  })
  .openapi('EffectView', { description: 'What psrt did or will do outside, and how it went.' });

export const ReportDetailSchema = z
  .object({
    report: ReportSchema,
    clocks: ClocksSchema,
    checklists: z.array(ChecklistSchema),
    grants: z
      .array(GrantSchema)
      .nullable()
      .openapi({ description: 'Collaborators; null for those who may not manage access.' }),
    effects: z.array(EffectViewSchema).nullable().openapi({ description: 'Members only; else null.' }),
  })
  .openapi('ReportDetail');

export const TimelineEntrySchema = z
  .object({
    at,
    source: z.enum([
      'event',
      'comment',
      'effect',
      'mail',
    ] as const satisfies readonly TimelineEntry['source'][]),
    who: z.string().openapi({ description: 'A login, `GitHub`, or `psrt` (its bot, scheduler and runner).' }),
    what: z.string().openapi({ example: 'accepted the report' }),
    text: z
      .string()
      .nullable()
      .openapi({ description: 'What was written with it (a reason, a comment): plain text, never markup.' }),
    effect: z
      .object({
        id: z.number().int(),
        status: z.enum(effectStatuses),
        attempts: z.number().int(),
        completedAt: at.nullable(),
        lastError: z.string().nullable(),
      })
      .optional()
      .openapi({
        description: 'Effects only (members see them): where it stands, and what went wrong last.',
      }),
  })
  .openapi('TimelineEntry', { description: 'One thing that happened to the report, in plain words.' });

export const TimelineSchema = z
  .object({
    reportId: z.string(),
    entries: z.array(TimelineEntrySchema).openapi({ description: 'Newest first.' }),
  })
  .openapi('Timeline', {
    description:
      "The report's timeline as its page shows it to you: members see every event, effect and reason; a collaborator what GitHub shows them.",
  });
