// Nominations to the PSRT and members' votes on them (PEP 811). A nomination
// stays `open` until its week ends, the Council vetoes it or it is withdrawn;
// every vote is kept (a changed vote is a new row: the latest counts). Part of
// the one schema (re-exported by schema.ts).

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { type Eligibility, nominationStatuses } from '../domain/nominations.ts';
import { at, oneOf } from './schema-columns.ts';

export const nominations = pgTable(
  'nominations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    login: text('login').notNull(),
    name: text('name').notNull(),
    nominatedBy: text('nominated_by').notNull(),
    why: text('why').notNull(),
    openedAt: at('opened_at').notNull(),
    closesAt: at('closes_at').notNull(),
    eligibility: jsonb('eligibility').$type<Eligibility>().notNull(),
    status: text('status', { enum: nominationStatuses }).notNull().default('open'),
    vetoedBy: text('vetoed_by'),
    vetoedAt: at('vetoed_at'),
    vetoDecision: text('veto_decision'),
    withdrawnBy: text('withdrawn_by'),
    withdrawnAt: at('withdrawn_at'),
    /** When the outcome was recorded, the rule that decided it and the counts then. */
    closedAt: at('closed_at'),
    rule: text('rule'),
    inFavour: integer('in_favour'),
    against: integer('against'),
    /** The membership change a passed nomination decided. */
    membershipChangeId: bigint('membership_change_id', { mode: 'number' }),
  },
  (t) => [
    check('nominations_status_check', oneOf(t.status, nominationStatuses)),
    // One open nomination per person.
    uniqueIndex('nominations_open_login_key').on(sql`lower(${t.login})`).where(sql`status = 'open'`),
    index('nominations_status_closes_at_idx').on(t.status, t.closesAt),
  ],
);

export const nominationVotes = pgTable(
  'nomination_votes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    nominationId: bigint('nomination_id', { mode: 'number' })
      .notNull()
      .references(() => nominations.id),
    voter: text('voter').notNull(),
    inFavour: boolean('in_favour').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('nomination_votes_nomination_idx').on(t.nominationId, t.id)],
);
