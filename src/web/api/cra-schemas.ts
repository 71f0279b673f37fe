// The bodies of the CRA operations: a report's CRA record as the report page shows it (clocks,
// CSIRT clocks, drafts with their missing fields, frozen submissions).
import { z } from '@hono/zod-openapi';
import { craStages } from '../../domain/cra.ts';
import { at, login, ReportSchema } from './schemas.ts';

const status = z.enum(['not-started', 'pending', 'due-soon', 'overdue', 'submitted']);

export const CraSubmissionSchema = z
  .object({
    reportId: z.string(),
    stage: z.string(),
    submittedBy: login,
    submittedAt: at,
    reference: z.string().openapi({ description: "The Single Reporting Platform's reference." }),
    fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  })
  .openapi('CraSubmission', { description: 'Exactly what was submitted to ENISA; never changed.' });

export const CraViewSchema = z
  .object({
    reportId: z.string(),
    cra: ReportSchema.shape.cra,
    clocks: z.array(
      z.object({
        stage: z.enum(craStages),
        startedAt: at.nullable(),
        due: at.nullable(),
        submittedAt: at.nullable(),
        status,
        msLeft: z.number().nullable(),
      }),
    ),
    csirtClocks: z.array(
      z.object({
        requestId: z.number().int(),
        csirt: z.string(),
        due: at,
        answeredAt: at.nullable(),
        status: status.exclude(['not-started']),
        msLeft: z.number().nullable(),
      }),
    ),
    drafts: z.array(
      z.object({
        stage: z.enum(craStages),
        fields: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            article: z.string(),
            required: z.boolean(),
            value: z.string(),
            source: z.enum(['person', 'report', 'missing']),
          }),
        ),
        missing: z.array(z.string()),
      }),
    ),
    submissions: z.array(CraSubmissionSchema),
  })
  .openapi('CraView');
