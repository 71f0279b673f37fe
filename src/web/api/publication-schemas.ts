// The bodies of publishing: the three records (advisory email, CVE record, OSV
// record), the checks they must pass, their stored versions, and what a
// publication or a record update sets going (effects).
import { z } from '@hono/zod-openapi';
import { effectSchema } from '../../domain/effects.ts';
import { at, ChecklistSchema, ReportSchema } from './schemas.ts';

export const AdvisoryEmailSchema = z
  .object({ subject: z.string(), text: z.string() })
  .openapi('AdvisoryEmail', { description: "The advisory email, in the devguide's template." });

/**
 * A whole CVE record as CVE Services publishes it. Its full shape is CVE JSON 5.1
 * (https://github.com/CVEProject/cve-schema, `CVE_JSON_5.1_bundled.json`), which psrt
 * validates every record against; the parts described here are the ones psrt writes.
 */
export const CveRecordSchema = z
  .looseObject({
    dataType: z.literal('CVE_RECORD'),
    dataVersion: z.string().openapi({ example: '5.1' }),
    cveMetadata: z.looseObject({
      cveId: z.string().openapi({ example: 'CVE-2026-1234' }),
      assignerOrgId: z.string().optional(),
      assignerShortName: z.string().optional(),
      state: z.string(),
      dateReserved: z.string().optional(),
      datePublished: z.string().optional(),
      dateUpdated: z.string().optional(),
    }),
    containers: z.looseObject({
      cna: z.looseObject({
        title: z.string().optional(),
        descriptions: z.array(z.looseObject({ lang: z.string(), value: z.string() })),
        affected: z.array(z.looseObject({ vendor: z.string().optional(), product: z.string().optional() })),
        references: z.array(z.looseObject({ url: z.string(), tags: z.array(z.string()).optional() })),
      }),
    }),
  })
  .openapi('CveRecord', {
    description: 'A CVE JSON 5.1 record (CVEProject/cve-schema); the parts psrt writes are described.',
  });

export const OsvRecordSchema = z
  .object({
    modified: z.string(),
    published: z.string(),
    schema_version: z.string(),
    id: z.string().openapi({ example: 'PSF-2026-1' }),
    aliases: z.array(z.string()).optional(),
    summary: z.string().optional(),
    details: z.string(),
    affected: z.array(
      z.object({
        ranges: z.array(
          z.object({
            type: z.literal('GIT'),
            events: z.array(z.object({ introduced: z.string().optional(), fixed: z.string().optional() })),
            repo: z.string(),
          }),
        ),
      }),
    ),
    references: z.array(z.object({ type: z.string(), url: z.string() })).optional(),
    credits: z.array(z.object({ name: z.string(), type: z.string() })).optional(),
    database_specific: z
      .object({
        cwe_ids: z.array(z.string()).optional(),
        cra: z
          .object({
            actively_exploited: z.literal(true),
            exploitation_aware_at: z.string().optional(),
            user_notice: z.string(),
          })
          .optional()
          .openapi({ description: 'The CRA Art. 14(8) user notice of an actively exploited vulnerability.' }),
      })
      .optional(),
  })
  .openapi('OsvRecord', { description: 'An OSV record of the PSF advisory database (OSV 1.5).' });

export const RenderedRecordsSchema = z
  .object({ email: AdvisoryEmailSchema, cve: CveRecordSchema, osv: OsvRecordSchema.nullable() })
  .openapi('RenderedRecords', {
    description: 'The three records of one publication; no OSV record outside the PSF advisory database.',
  });

export const GateCheckSchema = z
  .object({ id: z.string(), label: z.string(), met: z.boolean(), reason: z.string().nullable() })
  .openapi('GateCheck');

export const PublicationPreviewSchema = z
  .object({
    reportId: z.string(),
    psfId: z.string().nullable(),
    records: RenderedRecordsSchema.nullable().openapi({
      description: 'Null when the report lacks what rendering needs; the checks say what.',
    }),
    checklist: ChecklistSchema,
    gate: z.object({ passed: z.boolean(), checks: z.array(GateCheckSchema) }),
    ready: z.boolean().openapi({ description: 'Every requirement and check is met: publishing would send.' }),
  })
  .openapi('PublicationPreview');

const recordVersion = {
  id: z.number().int(),
  reportId: z.string(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: at,
};

export const StoredRecordSchema = z
  .discriminatedUnion('format', [
    z.object({ ...recordVersion, format: z.literal('email'), content: AdvisoryEmailSchema }),
    z.object({ ...recordVersion, format: z.literal('cve'), content: CveRecordSchema }),
    z.object({ ...recordVersion, format: z.literal('osv'), content: OsvRecordSchema }),
  ])
  .openapi('StoredRecord', { description: 'One version of one record, as approved and kept.' });

export const recordStatuses = [
  'sent',
  'sending',
  'failed',
  'waiting for the email',
  'waiting for a CNA operator',
] as const;

export const RecordVersionSchema = z
  .intersection(StoredRecordSchema, z.object({ status: z.enum(recordStatuses) }))
  .openapi('RecordVersion');

// The domain's own schema of effects, named here (`.meta`, not `.openapi`: it may be built before
// @hono/zod-openapi adds that method to zod's schemas).
export const EffectSchema = effectSchema.meta({
  id: 'Effect',
  description: 'Something psrt will do outside (GitHub, CVE Services, mail, the advisory database).',
});

export const PublishedSchema = z
  .object({ report: ReportSchema, records: z.array(StoredRecordSchema), effects: z.array(EffectSchema) })
  .openapi('Published', {
    description: 'The report, the first version of each record, and the effects that send them.',
  });

export const ReportEffectsSchema = z
  .object({ report: ReportSchema, effects: z.array(EffectSchema) })
  .openapi('ReportEffects', { description: 'The report, and what psrt now does outside.' });

export const BranchFixSchema = z
  .object({
    branch: z.string().openapi({ example: '3.12' }),
    pullRequest: z.string(),
    mergeCommit: z.string().nullable(),
    fixedIn: z.string().nullable().openapi({ example: '3.12.7' }),
  })
  .openapi('BranchFix');

export const FixRefreshSchema = z
  .object({
    reportId: z.string(),
    fixes: z.array(BranchFixSchema),
    applied: z.boolean().openapi({ description: 'Open report: its fix facts were updated.' }),
    changes: z
      .array(
        z.object({
          format: z.enum(['cve', 'osv']),
          from: z.number().int(),
          diff: z.string().openapi({ description: 'A unified diff of the published and proposed record.' }),
        }),
      )
      .openapi({ description: 'Published report: the record update to approve (empty: nothing changed).' }),
  })
  .openapi('FixRefresh');

export const OrphanIdSchema = z
  .object({ cveId: z.string(), reservedBy: z.string().nullable(), reservedAt: z.string().nullable() })
  .openapi('OrphanId');
