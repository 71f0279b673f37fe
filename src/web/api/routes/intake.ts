// The descriptions of the security@ triage queue (`psrt intake …`): admins only.
import { createRoute, z } from '@hono/zod-openapi';
import { threadStatuses } from '../../../domain/inbox.ts';
import {
  IntakePageSchema,
  ThreadViewSchema,
  TriageDecisionSchema,
  TriageResultSchema,
} from '../intake-schemas.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';

const threadId = z.coerce
  .number()
  .int()
  .min(1)
  .openapi({ param: { name: 'threadId', in: 'path' }, example: 12 });

export const listIntake = createRoute({
  method: 'get',
  path: '/v1/intake',
  operationId: 'listIntake',
  tags: ['intake'],
  summary: 'Threads of mail to security@: the triage queue (oldest first), or any listing (admins)',
  request: {
    query: z.object({
      status: z
        .enum(['queue', 'decided', 'all', ...threadStatuses])
        .default('queue')
        .openapi({
          description:
            '`queue`: awaiting a decision (new, needs information), oldest first; `decided`: the others; `all`; or one status.',
        }),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: readAnswer(IntakePageSchema, 'The threads'), ...reads(400, 403) },
});

export const showThread = createRoute({
  method: 'get',
  path: '/v1/intake/{threadId}',
  operationId: 'showThread',
  tags: ['intake'],
  summary: "One thread with its messages (as text) and the sender's other threads (admins)",
  request: { params: z.object({ threadId }) },
  responses: { 200: readAnswer(ThreadViewSchema, 'The thread'), ...reads(403, 404) },
});

export const triageThread = createRoute({
  method: 'post',
  path: '/v1/intake/{threadId}/triage',
  operationId: 'triageThread',
  tags: ['intake'],
  summary:
    'Decide on a thread: spam, not a vulnerability, forward, ask for information, redirect to GHSA, file as a report, or link to one (admins)',
  request: { params: z.object({ threadId }), ...jsonBody(TriageDecisionSchema, 'The decision') },
  responses: { 200: answer(TriageResultSchema, 'The thread as decided'), ...acts(404, 409) },
});
