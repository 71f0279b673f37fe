// The descriptions of `psrt roster drift|sync|contact` (admins): every venue's
// differences from the member list, applying the GitHub team's plan, the
// mailing list's and Discord's plans, and members' contacts.
import { createRoute, z } from '@hono/zod-openapi';
import { membershipChangeKinds } from '../../../domain/membership.ts';
import { venues } from '../../../domain/roster-drift.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import { at, login } from '../schemas.ts';

const Person = z.object({ login, name: z.string() });
const Problem = z.object({
  problem: z.string().openapi({ description: 'Why psrt could not read this venue.' }),
});
const OnItsWay = z.object({ login, name: z.string(), kind: z.enum(membershipChangeKinds) });

export const TeamDriftSchema = z
  .object({
    team: z.string().openapi({ example: 'python/psrt' }),
    add: z.array(Person).openapi({ description: 'PSRT members not on the team.' }),
    remove: z.array(z.object({ login })).openapi({ description: 'Team members who are not PSRT members.' }),
    invited: z.array(Person.extend({ invitedAt: at })).openapi({
      description:
        'Members invited to the organisation who have not accepted yet (GitHub drops it after 7 days).',
    }),
    onItsWay: z
      .array(OnItsWay)
      .openapi({ description: 'Changes decided in psrt the team does not have yet.' }),
  })
  .openapi('TeamDrift');

export const VenueDriftSchema = z
  .object({
    venue: z.enum(venues),
    basis: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('given') }),
      z.object({ kind: z.literal('last-applied'), at, by: z.string() }),
      z.object({ kind: z.literal('unknown') }),
    ]),
    add: z.array(z.object({ value: z.string(), login })),
    remove: z.array(z.object({ value: z.string(), login: login.nullable() })),
    missing: z
      .array(Person)
      .openapi({ description: 'Members whose address or Discord name psrt does not know.' }),
    onItsWay: z.array(OnItsWay),
    after: z.array(z.string()).openapi({ description: 'What the venue holds once the plan is applied.' }),
  })
  .openapi('VenueDrift');

const DevguideFile = z.object({
  path: z.string(),
  published: z.string().nullable(),
  exported: z.string(),
  same: z.boolean(),
  diff: z.string().openapi({ description: 'A unified diff from the published file to the export.' }),
});

export const RosterDriftSchema = z
  .object({
    at,
    team: z.union([TeamDriftSchema, Problem]),
    mailingList: VenueDriftSchema,
    discord: VenueDriftSchema,
    devguide: z.union([z.array(DevguideFile), Problem]),
    teamPlan: z
      .string()
      .nullable()
      .openapi({ description: "The team plan's digest, to pass when applying it." }),
  })
  .openapi('RosterDrift');

export const getRosterDrift = createRoute({
  method: 'get',
  path: '/v1/roster/drift',
  operationId: 'getRosterDrift',
  tags: ['roster'],
  summary: "Every venue's differences from the member list, with its plan (admins)",
  responses: { 200: readAnswer(RosterDriftSchema, 'Every venue'), ...reads(403) },
});

export const applyTeamSync = createRoute({
  method: 'post',
  path: '/v1/roster/sync/github',
  operationId: 'applyTeamSync',
  tags: ['roster'],
  summary: "Apply the GitHub team's plan: add the members missing, remove who is not a member (admins)",
  request: jsonBody(
    z.strictObject({
      plan: z
        .string()
        .max(64)
        .optional()
        .openapi({ description: 'The plan shown (`teamPlan`): refused when it changed since.' }),
    }),
    'The plan applied',
  ),
  responses: {
    200: answer(
      z
        .object({
          team: z.string(),
          plan: z.string(),
          added: z.array(z.object({ login, state: z.string() })),
          removed: z.array(login),
        })
        .openapi('TeamSyncResult'),
      'What was done',
    ),
    ...acts(409, 422),
  },
});

const venueParam = z.object({ venue: z.enum(venues).openapi({ param: { name: 'venue', in: 'path' } }) });
const CurrentList = z.strictObject({
  current: z.array(z.string().max(320)).max(10_000).optional().openapi({
    description: "The venue's members now (addresses or Discord names); without it, the last plan applied.",
  }),
});

export const planVenue = createRoute({
  method: 'post',
  path: '/v1/roster/sync/{venue}/plan',
  operationId: 'planVenue',
  tags: ['roster'],
  summary: "A mailing list's or Discord role's plan against its current members (admins); changes nothing",
  request: { params: venueParam, ...jsonBody(CurrentList, 'The current members, if known') },
  responses: { 200: answer(VenueDriftSchema, 'The plan'), ...acts() },
});

export const markVenueApplied = createRoute({
  method: 'post',
  path: '/v1/roster/sync/{venue}/applied',
  operationId: 'markVenueApplied',
  tags: ['roster'],
  summary:
    'Record that a person applied the plan: the venue is believed to hold its result from now on (admins)',
  request: {
    params: venueParam,
    ...jsonBody(CurrentList, 'The current members the plan was made against, if given'),
  },
  responses: {
    201: answer(
      z
        .object({ venue: z.enum(venues), holds: z.array(z.string()), appliedBy: z.string(), appliedAt: at })
        .openapi('VenueState'),
      'What the venue is believed to hold',
    ),
    ...acts(),
  },
});

const ContactSchema = z
  .object({
    login,
    email: z.string().nullable(),
    discord: z.string().nullable(),
    updatedBy: z.string(),
    updatedAt: at,
  })
  .openapi('MemberContact');

export const setContact = createRoute({
  method: 'put',
  path: '/v1/roster/contacts/{login}',
  operationId: 'setMemberContact',
  tags: ['roster'],
  summary: "Set a member's mailing-list address and Discord name (the member, or an admin)",
  request: {
    params: z.object({ login: login.max(39).openapi({ param: { name: 'login', in: 'path' } }) }),
    ...jsonBody(
      z.strictObject({
        email: z.string().max(320).optional().openapi({ description: "'' clears it." }),
        discord: z.string().max(40).optional().openapi({ description: "'' clears it." }),
      }),
      'What to set',
    ),
  },
  responses: { 200: answer(ContactSchema, 'The contact'), ...acts(404) },
});

export const listContacts = createRoute({
  method: 'get',
  path: '/v1/roster/contacts',
  operationId: 'listMemberContacts',
  tags: ['roster'],
  summary: "Members' contacts (admins; a member sees their own)",
  responses: {
    200: readAnswer(z.object({ contacts: z.array(ContactSchema) }).openapi('MemberContacts'), 'The contacts'),
    ...reads(403),
  },
});

export const lastDriftCheck = createRoute({
  method: 'get',
  path: '/v1/roster/drift/last-check',
  operationId: 'lastDriftCheck',
  tags: ['roster'],
  summary: 'What the last scheduled drift check found, in counts per venue (admins)',
  responses: {
    200: readAnswer(
      z
        .object({
          check: z
            .object({
              checkedAt: at,
              digest: z.string(),
              drifts: z.array(z.string()),
              summary: z.record(z.string(), z.unknown()),
            })
            .nullable(),
        })
        .openapi('DriftCheck'),
      'The last check; null before the first',
    ),
    ...reads(403),
  },
});
