// /api/v1/nominations described: nominations to the PSRT (PEP 811), their
// votes, the Steering Council's veto and withdrawal. No database code here, so
// the CLI loads these cheaply (handlers in ../nominations.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { eligibilityRoles, nominationStatuses } from '../../../domain/nominations.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import { at } from '../schemas.ts';

const tags = ['nominations'];

const VoteSchema = z
  .object({ voter: z.string(), inFavour: z.boolean(), at })
  .openapi('NominationVote', { description: "A member's vote that counts: their latest before the close." });

export const NominationSchema = z
  .object({
    id: z.number().int(),
    login: z.string().openapi({ description: "The nominee's GitHub login." }),
    name: z.string().openapi({ description: 'The name the devguide will list them under.' }),
    nominatedBy: z.string(),
    why: z.string(),
    openedAt: at,
    closesAt: at.openapi({ description: 'One week after the nomination (PEP 811).' }),
    eligibility: z.object({
      known: z.boolean(),
      applies: z.array(z.enum(eligibilityRoles)).optional(),
      why: z.string().optional().openapi({ description: 'Why it is unknown.' }),
    }),
    eligibilityWords: z.string().openapi({ example: 'core developer' }),
    status: z.enum(nominationStatuses),
    rule: z.string().openapi({
      description: 'The rule that decided the outcome (or how it stands while open), in words.',
      example: 'passed: 5 of 6 votes cast in favour, at least two thirds',
    }),
    inFavour: z.number().int(),
    against: z.number().int(),
    veto: z.object({ by: z.string(), at, decision: z.string() }).nullable(),
    withdrawn: z.object({ by: z.string(), at }).nullable(),
    votes: z.array(VoteSchema).nullable().openapi({
      description: 'Who voted how: members only (null for a Steering Council member who is not one).',
    }),
    yourVote: z.boolean().nullable(),
    may: z.object({ vote: z.boolean(), veto: z.boolean(), withdraw: z.boolean() }),
  })
  .openapi('Nomination');

const NominationIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const one = (description: string) => answer(NominationSchema, description);

export const listNominations = createRoute({
  method: 'get',
  path: '/v1/nominations',
  operationId: 'listNominations',
  tags,
  summary: 'Nominations, newest first, each with its outcome now (members and the Steering Council)',
  responses: {
    200: readAnswer(z.object({ nominations: z.array(NominationSchema) }), 'The nominations'),
    ...reads(403),
  },
});

export const getNomination = createRoute({
  method: 'get',
  path: '/v1/nominations/{id}',
  operationId: 'getNomination',
  tags,
  summary: 'One nomination: statement, eligibility, votes (members), the outcome with its rule',
  request: { params: NominationIdParam },
  responses: { 200: readAnswer(NominationSchema, 'The nomination'), ...reads(400, 403, 404) },
});

export const openNomination = createRoute({
  method: 'post',
  path: '/v1/nominations',
  operationId: 'openNomination',
  tags,
  summary:
    'Nominate someone to the PSRT (any member): members vote for one week; the Steering Council is mailed and may veto',
  request: {
    ...jsonBody(
      z
        .strictObject({
          login: z.string().min(1).max(40).openapi({ example: 'new-person' }),
          name: z.string().min(1).max(200).openapi({ description: 'The name to list them under.' }),
          why: z.string().min(1).max(10_000).openapi({ description: 'Why you nominate them.' }),
        })
        .openapi('NewNomination'),
      'The nominee',
    ),
  },
  responses: { 201: one('The nomination, open'), ...acts(409, 422) },
});

export const voteOnNomination = createRoute({
  method: 'post',
  path: '/v1/nominations/{id}/vote',
  operationId: 'voteOnNomination',
  tags,
  summary: 'Vote, or change your vote, until the week ends (members): the latest counts',
  request: {
    params: NominationIdParam,
    ...jsonBody(z.strictObject({ inFavour: z.boolean() }).openapi('NominationBallot'), 'Your vote'),
  },
  responses: { 200: one('The nomination with your vote'), ...acts(404, 422) },
});

export const vetoNomination = createRoute({
  method: 'post',
  path: '/v1/nominations/{id}/veto',
  operationId: 'vetoNomination',
  tags,
  summary:
    "Record the Steering Council's veto inside the week, citing its decision (an admin, or a Steering Council member directly)",
  request: {
    params: NominationIdParam,
    ...jsonBody(
      z.strictObject({ decision: z.string().min(1).max(1000) }).openapi('NominationVeto'),
      "The Council's decision",
    ),
  },
  responses: { 200: one('The nomination, vetoed'), ...acts(404, 422) },
});

export const withdrawNomination = createRoute({
  method: 'post',
  path: '/v1/nominations/{id}/withdraw',
  operationId: 'withdrawNomination',
  tags,
  summary: 'Withdraw a nomination inside its week (the nominator or an admin)',
  request: { params: NominationIdParam },
  responses: { 200: one('The nomination, withdrawn'), ...acts(404, 422) },
});
