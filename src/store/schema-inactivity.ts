// The yearly inactivity reports to the Steering Council: each produced report
// frozen (its period, who was inactive, exempt or active, with the evidence),
// when it was sent, and the Council's decision per listed member. Part of the
// one schema (re-exported by schema.ts).

import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { councilVerdicts } from '../domain/inactivity.ts';
import { at, oneOf } from './schema-columns.ts';
import { membershipChanges } from './schema-membership.ts';

/** A member's standing as stored in jsonb: the evidence's times as ISO strings. */
export interface StoredStanding {
  login: string;
  name: string;
  standing: string;
  exemptAs: string[];
  evidence: {
    kind: string;
    reportId: string;
    repository: string;
    ghsaId: string | null;
    first: string;
    last: string;
    count: number;
  }[];
}

export const inactivityReports = pgTable(
  'inactivity_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    periodFrom: at('period_from').notNull(),
    periodTo: at('period_to').notNull(),
    producedAt: at('produced_at').notNull(),
    producedBy: text('produced_by').notNull(),
    members: jsonb('members').$type<StoredStanding[]>().notNull(),
    sentAt: at('sent_at'),
    sentBy: text('sent_by'),
    /** The key of the mail.send effect that carries it to the Council: one mail per report. */
    mailKey: text('mail_key'),
  },
  (t) => [
    check('inactivity_reports_period_check', sql`${t.periodFrom} < ${t.periodTo}`),
    index('inactivity_reports_period_to_idx').on(t.periodTo),
  ],
);

export const inactivityDecisions = pgTable(
  'inactivity_decisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => inactivityReports.id),
    login: text('login').notNull(),
    verdict: text('verdict', { enum: councilVerdicts }).notNull(),
    /** The Council's decision this records: a vote, a message, its date or link. */
    councilDecision: text('council_decision').notNull(),
    decidedAt: at('decided_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    /** The removal it started (to emeritus, off the team); null for `keep`. */
    changeId: bigint('change_id', { mode: 'number' }).references(() => membershipChanges.id),
  },
  (t) => [
    check('inactivity_decisions_verdict_check', oneOf(t.verdict, councilVerdicts)),
    // One decision per member and report: the Council answers once.
    uniqueIndex('inactivity_decisions_member_key').on(t.reportId, sql`lower(${t.login})`),
  ],
);
