// What psrt keeps to sync the venues that follow the member list (PEP 811):
// members' contacts (the mailing list's address, the Discord name), what each
// venue was last believed to hold, the team invitations it sent, and the last
// scheduled drift check. Part of the one schema (re-exported by schema.ts).
import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { venues } from '../domain/roster-drift.ts';
import { at, oneOf } from './schema-columns.ts';

export const memberContacts = pgTable(
  'member_contacts',
  {
    /** The login in lower case (GitHub logins are case-insensitive): one row per person. */
    loginKey: text('login_key').primaryKey(),
    login: text('login').notNull(),
    email: text('email'),
    discord: text('discord'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [check('member_contacts_login_key_check', sql`${t.loginKey} = lower(${t.login})`)],
);

/** The last plan marked applied per venue: what the venue is believed to hold since. */
export const venueStates = pgTable(
  'venue_states',
  {
    venue: text('venue', { enum: venues }).primaryKey(),
    holds: jsonb('holds').$type<string[]>().notNull(),
    appliedBy: text('applied_by').notNull(),
    appliedAt: at('applied_at').notNull(),
  },
  (t) => [check('venue_states_venue_check', oneOf(t.venue, venues))],
);

/** Invitations to the organisation psrt sent while adding someone to the team (GitHub answered `pending`). */
export const teamInvitations = pgTable(
  'team_invitations',
  {
    loginKey: text('login_key').primaryKey(),
    login: text('login').notNull(),
    invitedBy: text('invited_by').notNull(),
    invitedAt: at('invited_at').notNull(),
  },
  (t) => [check('team_invitations_login_key_check', sql`${t.loginKey} = lower(${t.login})`)],
);

/** The last scheduled drift check (one row): what it found, and its digest. */
export const driftChecks = pgTable('drift_checks', {
  id: text('id').primaryKey().default('last'),
  checkedAt: at('checked_at').notNull(),
  digest: text('digest').notNull(),
  drifts: jsonb('drifts').$type<string[]>().notNull(),
  summary: jsonb('summary').$type<DriftSummary>().notNull(),
});

/** What a drift check found, per target: counts and problems, never member details. */
export interface DriftSummary {
  team: { add: number; remove: number; invited: number; onItsWay: number } | { problem: string };
  mailingList: { add: number; remove: number; missing: number };
  discord: { add: number; remove: number; missing: number };
  devguide: { changed: string[] } | { problem: string };
}
