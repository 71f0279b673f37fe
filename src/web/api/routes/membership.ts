// The descriptions of membership changes (`psrt roster leave|role|changes`):
// leaving the PSRT, roles (the Council's admin designations…), and the changes on their
// way to the GitHub team or applied.
import { createRoute, z } from '@hono/zod-openapi';
import { githubLoginPattern } from '../../../domain/identifiers.ts';
import { membershipChangeKinds, membershipChangeStatuses } from '../../../domain/membership.ts';
import { rosterRoles } from '../../../domain/report.ts';
import { RosterEntrySchema } from '../admin-schemas.ts';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';

const at = z.iso.datetime().openapi({ description: 'UTC, ISO 8601.' });

export const MembershipChangeSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(membershipChangeKinds),
    login: z.string(),
    name: z.string(),
    reason: z.string(),
    source: z
      .object({
        kind: z.enum(['nomination', 'inactivity-report', 'own-choice', 'admin']),
        id: z.number().int().optional(),
      })
      .openapi({ description: 'What decided it: a nomination, an inactivity report, the member, an admin.' }),
    decidedBy: z.string(),
    decidedAt: at,
    status: z
      .enum(membershipChangeStatuses)
      .openapi({ description: '`pending` until the GitHub team has it and the roster records it.' }),
    appliedAt: at.nullable(),
    teamState: z
      .string()
      .nullable()
      .openapi({ description: "GitHub's word on a join: `active`, or `pending` while an invitation waits." }),
  })
  .openapi('MembershipChange');

export const leavePsrt = createRoute({
  method: 'post',
  path: '/v1/roster/leave',
  operationId: 'leavePsrt',
  tags: ['roster'],
  summary: 'Leave the PSRT (PEP 811: at any time): off the GitHub team, then to the emeritus list',
  responses: { 200: answer(MembershipChangeSchema, 'The change, on its way to the team'), ...acts(422) },
});

export const setMemberRole = createRoute({
  method: 'post',
  path: '/v1/roster/roles',
  operationId: 'setMemberRole',
  tags: ['roster'],
  summary:
    "Give or take a member's role: admins as the Steering Council designates them, release managers… (admins)",
  request: jsonBody(
    z
      .strictObject({
        login: z.string().regex(githubLoginPattern),
        role: z.enum(rosterRoles),
        on: z.boolean().openapi({ description: 'true: give the role; false: take it.' }),
        decision: z.string().min(1).max(1000).openapi({
          description:
            "The decision this records (for Admin, the Steering Council's): a vote, a message, its date or link.",
        }),
      })
      .openapi('MemberRoleChange'),
    'Who, which role, and the decision',
  ),
  responses: { 200: answer(RosterEntrySchema, 'The member as the roster now lists them'), ...acts(422) },
});

export const listMembershipChanges = createRoute({
  method: 'get',
  path: '/v1/roster/changes',
  operationId: 'listMembershipChanges',
  tags: ['roster'],
  summary: 'Membership changes, newest first: pending until the GitHub team has them (members)',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: {
    200: readAnswer(
      z.object({ changes: z.array(MembershipChangeSchema) }).openapi('MembershipChangeList'),
      'The changes',
    ),
    ...reads(403),
  },
});
