// Membership changes decided in psrt (joins, leaves, removals): each waits,
// pending, until the GitHub team has it, then is recorded on the roster. Part
// of the one schema (re-exported by schema.ts).

import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  type MembershipSource,
  membershipChangeKinds,
  membershipChangeStatuses,
} from '../domain/membership.ts';
import { at, oneOf } from './schema-columns.ts';

export const membershipChanges = pgTable(
  'membership_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: membershipChangeKinds }).notNull(),
    login: text('login').notNull(),
    name: text('name').notNull(),
    reason: text('reason').notNull(),
    source: jsonb('source').$type<MembershipSource>().notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: at('decided_at').notNull(),
    status: text('status', { enum: membershipChangeStatuses }).notNull().default('pending'),
    appliedAt: at('applied_at'),
    teamState: text('team_state'),
  },
  (t) => [
    check('membership_changes_kind_check', oneOf(t.kind, membershipChangeKinds)),
    check('membership_changes_status_check', oneOf(t.status, membershipChangeStatuses)),
    // One change on its way per person: a second waits until the first is applied.
    uniqueIndex('membership_changes_pending_login_key')
      .on(sql`lower(${t.login})`)
      .where(sql`status = 'pending'`),
    index('membership_changes_decided_at_idx').on(t.decidedAt),
  ],
);
