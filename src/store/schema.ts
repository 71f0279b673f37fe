// The PostgreSQL schema shared by PGlite and a PostgreSQL server, declared once
// for Drizzle. `npx drizzle-kit generate` turns changes here into the SQL
// migrations in `drizzle/`; runtime code only ever applies those.

import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Publication } from '../domain/publication.ts';
import type { Affected, CreditPreference, Extension, FixPullRequest, RosterRole } from '../domain/report.ts';
import { determinations, rejectionReasons, reportStates, rosterRoles } from '../domain/report.ts';
import { tokenScopes } from '../domain/sessions.ts';
import type { StoredCraRecord } from './cra-record.ts';
import { at, oneOf } from './schema-columns.ts';

/** A value for a jsonb column: JSON `null` stays a JSON value, not SQL NULL. */
export const jsonValue = (value: unknown): unknown =>
  value === null || value === undefined ? sql`'null'::jsonb` : value;

/** The states `isOpen` accepts; kept literal so the partial index predicate matches the queries. */
export const openStates = ['triage', 'accepted'] as const;

/** The publication facts but the PSF id, which has its own unique column. */
export type StoredPublication = Omit<Publication, 'psfId'>;

/** An extension as stored in jsonb: the date as an ISO string. */
export type StoredExtension = Omit<Extension, 'at'> & { at: string };

export const reports = pgTable(
  'reports',
  {
    id: text('id').primaryKey(),
    ghsaId: text('ghsa_id'),
    repository: text('repository').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    state: text('state', { enum: reportStates }).notNull(),
    receivedAt: at('received_at').notNull(),
    lastActivityAt: at('last_activity_at').notNull(),
    coordinator: text('coordinator'),
    coordinatorSince: at('coordinator_since'),
    handoffTo: text('handoff_to'),
    handoffRequestedAt: at('handoff_requested_at'),
    determination: text('determination', { enum: determinations }),
    cveId: text('cve_id'),
    cvssVector: text('cvss_vector'),
    /** FIRST's word for the vector's score (domain/cvss `severityOfVector`), materialized for filters. */
    severity: text('severity'),
    affected: jsonb('affected').$type<Affected[]>().notNull(),
    fixPullRequests: jsonb('fix_pull_requests').$type<FixPullRequest[]>().notNull(),
    reporter: text('reporter'),
    creditPreference: jsonb('credit_preference').$type<CreditPreference>(),
    extensions: jsonb('extensions').$type<StoredExtension[]>().notNull(),
    rejectionReason: text('rejection_reason', { enum: rejectionReasons }),
    rejectionDetail: text('rejection_detail'),
    finishedAt: at('finished_at'),
    craExploitationAwareAt: at('cra_exploitation_aware_at'),
    craFixAvailableAt: at('cra_fix_available_at'),
    craEarlyWarningSubmittedAt: at('cra_early_warning_submitted_at'),
    craNotificationSubmittedAt: at('cra_notification_submitted_at'),
    craFinalReportSubmittedAt: at('cra_final_report_submitted_at'),
    /** The rest of the CRA record (store/cra): findings, measure, incident, CSIRT requests, drafts; times as ISO strings. */
    craRecord: jsonb('cra_record')
      .$type<StoredCraRecord>()
      .notNull()
      .default(
        sql`'{"exploitation":null,"measure":null,"incident":null,"csirtRequests":[],"drafts":{}}'::jsonb`,
      ),
    /** `PSF-YYYY-N`, unique: one advisory per id, ever. */
    psfId: text('psf_id'),
    // Reports from before publication facts existed had none: they start empty.
    publication: jsonb('publication')
      .$type<StoredPublication>()
      .notNull()
      .default(sql`'{"aliases":[],"cweIds":null,"credits":[],"references":[],"products":[]}'::jsonb`),
    /** Computed by the caller from the domain clocks; materialized so open reports sort in SQL. */
    disclosureDeadline: at('disclosure_deadline').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check('reports_state_check', oneOf(t.state, reportStates)),
    check(
      'reports_determination_check',
      sql`${t.determination} is null or ${oneOf(t.determination, determinations)}`,
    ),
    check(
      'reports_rejection_check',
      sql`${t.rejectionReason} is null or ${oneOf(t.rejectionReason, rejectionReasons)}`,
    ),
    check('reports_handoff_check', sql`(${t.handoffTo} is null) = (${t.handoffRequestedAt} is null)`),
    uniqueIndex('reports_ghsa_id_key').on(t.ghsaId),
    uniqueIndex('reports_psf_id_key').on(t.psfId),
    index('reports_cve_id_idx').on(t.cveId).where(sql`cve_id is not null`),
    // "Open reports, most urgent first" for members: an index-ordered scan that stops after one page.
    index('reports_open_deadline_idx')
      .on(t.disclosureDeadline, t.id)
      .where(oneOf(sql.raw('state'), openStates)),
    index('reports_state_deadline_idx').on(t.state, t.disclosureDeadline, t.id),
    index('reports_deadline_idx').on(t.disclosureDeadline, t.id),
    index('reports_coordinator_idx').on(t.coordinator).where(sql`coordinator is not null`),
    // Open reports without a coordinator, longest idle first: the automatic assignment's queue.
    index('reports_awaiting_coordinator_idx')
      .on(t.lastActivityAt, t.id)
      .where(sql`coordinator is null and ${oneOf(sql.raw('state'), openStates)}`),
  ],
);

/** Last issued number per year, so `PSRT-YYYY-NNNN` ids are gapless and race-free. */
export const reportCounters = pgTable('report_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** PostgreSQL's text-search document type, which Drizzle has no column builder for. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Each report's words and reporter for the duplicate search (store/similar): title and description with
 * punctuation as spaces (`tarfile.extractall` is two words), through the 'simple' configuration.
 * A trigger on `reports` keeps it current (migration 0008), so every writer, bulk imports
 * included, keeps it right; it lives apart so reading a report never carries it.
 */
export const reportSearch = pgTable(
  'report_search',
  {
    reportId: text('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    words: tsvector('words').notNull(),
    /** The report's reporter, lower-cased, so their other reports are found without reading `reports`. */
    reporter: text('reporter'),
  },
  // fastupdate off: new words go straight into the index rather than a pending list that every
  // search reads through until a vacuum (PGlite never runs one by itself).
  (t) => [
    index('report_search_words_idx').using('gin', t.words).with({ fastupdate: 'off' }),
    index('report_search_reporter_idx').on(t.reporter).where(sql`reporter is not null`),
  ],
);

/**
 * Last `PSF-YYYY-N` number given per year. Published advisories are never withdrawn from the
 * database, but a number once given is never given again, even to an advisory whose sending failed.
 */
export const psfIdCounters = pgTable('psf_id_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const grants = pgTable(
  'grants',
  {
    id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    login: text('login').notNull(),
    grantedBy: text('granted_by').notNull(),
    reason: text('reason').notNull(),
    grantedAt: at('granted_at').notNull(),
    expiresAt: at('expires_at'),
    revokedAt: at('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [
    // GitHub logins are case-insensitive: look grants up by lower(login).
    index('grants_login_idx').on(sql`lower(${t.login})`, t.reportId),
    index('grants_report_id_idx').on(t.reportId),
  ],
);

export const rosterEntries = pgTable(
  'roster_entries',
  {
    list: text('list', { enum: ['member', 'emeritus'] }).notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    login: text('login'),
    roles: text('roles').array().$type<RosterRole[]>().notNull(),
  },
  (t) => [
    primaryKey({ name: 'roster_entries_pkey', columns: [t.list, t.position] }),
    check('roster_entries_list_check', oneOf(t.list, ['member', 'emeritus'])),
    check(
      'roster_entries_roles_check',
      sql`${t.roles} <@ array[${sql.raw(rosterRoles.map((r) => `'${r}'`).join(', '))}]::text[]`,
    ),
    uniqueIndex('roster_entries_list_login_key')
      .on(t.list, sql`lower(${t.login})`)
      .where(sql`login is not null`),
  ],
);

export const remindersSent = pgTable(
  'reminders_sent',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    key: text('key').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ name: 'reminders_sent_pkey', columns: [t.reportId, t.key] })],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: at('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    change: jsonb('change').notNull(),
    digest: text('digest').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_subject_idx').on(t.subject, t.seq)],
);

/** `failed`: the runner gave up after the last attempt; `psrt effects retry` drives it again. */
export const effectStatuses = ['pending', 'claimed', 'done', 'failed'] as const;

export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    reportId: text('report_id').references(() => reports.id),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: effectStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: at('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: at('claimed_until'),
    /** When the claiming runner began performing it: a lapsed claim counts as an attempt only then. */
    startedAt: at('started_at'),
    lastError: text('last_error'),
    result: jsonb('result'),
    createdAt: at('created_at').notNull(),
    completedAt: at('completed_at'),
  },
  (t) => [
    uniqueIndex('outbox_key_key').on(t.key),
    check('outbox_status_check', oneOf(t.status, effectStatuses)),
    index('outbox_pending_idx').on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    index('outbox_claimed_idx').on(t.claimedUntil).where(sql`status = 'claimed'`),
    index('outbox_report_id_idx').on(t.reportId),
  ],
);

/**
 * CVE ID reservations, recorded before the CNA is asked: the intent survives a
 * crash between the CNA's answer and our commit, so a retry looks for the ID
 * already reserved instead of reserving a second one (docs/decisions/0006).
 */
export const cveReservations = pgTable(
  'cve_reservations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    /** The `cve.reserve` effect this reservation performs. */
    effectKey: text('effect_key').notNull(),
    /** When psrt first asked the CNA: IDs reserved since then may be this reservation's. */
    requestedAt: at('requested_at').notNull(),
    cveId: text('cve_id'),
    resolvedAt: at('resolved_at'),
  },
  (t) => [
    uniqueIndex('cve_reservations_effect_key_key').on(t.effectKey),
    uniqueIndex('cve_reservations_cve_id_key').on(t.cveId),
  ],
);

/** The three records a publication sends: the advisory email, the CVE record, the OSV record. */
export const recordFormats = ['email', 'cve', 'osv'] as const;

/**
 * Every version of every record psrt published or is publishing (CVE Services keeps no history):
 * the exact content sent, so a retry after a crash sends what was approved, and the report's
 * record history can be shown.
 */
export const advisoryRecords = pgTable(
  'advisory_records',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    format: text('format', { enum: recordFormats }).notNull(),
    /** 1 for the first publication, then one more per update. */
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    /** Who approved this version. */
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    check('advisory_records_format_check', oneOf(t.format, recordFormats)),
    uniqueIndex('advisory_records_version_key').on(t.reportId, t.format, t.version),
  ],
);

/**
 * What was submitted to ENISA's Single Reporting Platform for each CRA stage, as submitted:
 * inserted once (one row per report and stage) and never updated, so the page shows exactly
 * what the PSF told ENISA (Art. 14). Nothing in the store updates or deletes these rows.
 */
export const craSubmissions = pgTable(
  'cra_submissions',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    stage: text('stage').notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: at('submitted_at').notNull(),
    /** The platform's reference for the submission. */
    reference: text('reference').notNull(),
    /** The draft's fields as submitted: `[{ key, label, value }]`. */
    content: jsonb('content').notNull(),
  },
  (t) => [primaryKey({ name: 'cra_submissions_pkey', columns: [t.reportId, t.stage] })],
);

/** `state in ('triage', 'accepted')` written literally, so PostgreSQL can use `reports_open_deadline_idx`. */
export const reportIsOpen: SQL = oneOf(reports.state, openStates);

/**
 * The bot's last sighting of each GHSA it watches (src/app/bot): what GitHub
 * showed, so the next sighting's changes are what differs from it, and so a
 * sighting older than this one is ignored. `snapshot` is null while the first
 * sighting is being mirrored (the row exists to be locked).
 */
export const ghsaSightings = pgTable(
  'ghsa_sightings',
  {
    ghsaId: text('ghsa_id').primaryKey(),
    repository: text('repository').notNull(),
    reportId: text('report_id').references(() => reports.id),
    /** GitHub's `updated_at` of the sighting. */
    updatedAt: at('updated_at'),
    /** The GHSA's state in the sighting, for the poller's list of open advisories. */
    state: text('state'),
    snapshot: jsonb('snapshot'),
    seenAt: at('seen_at').notNull(),
    /** When psrt first saw the advisory: comments older than this were not addressed to it. */
    firstSeenAt: at('first_seen_at').notNull(),
    /**
     * GitHub's count of the advisory's comments when the bot last read and answered them: while
     * the count stays the same, there is nothing new to read (null: not read yet).
     */
    commentsRead: integer('comments_read'),
  },
  (t) => [index('ghsa_sightings_state_idx').on(t.state)],
);

/**
 * Comments on GHSAs that carried commands for the bot, recorded in the
 * transaction that carries them out: a comment seen again (every poll that
 * finds the list changed lists them all) is never acted on twice.
 */
export const ghsaCommands = pgTable('ghsa_commands', {
  ghsaId: text('ghsa_id').notNull(),
  commentId: bigint('comment_id', { mode: 'number' }).primaryKey(),
  author: text('author').notNull(),
  reportId: text('report_id').references(() => reports.id),
  answeredAt: at('answered_at').notNull(),
});

/**
 * Who wrote each GHSA comment psrt read, and when: a member's comment on a
 * report is activity (the yearly inactivity report). The text is not kept.
 */
export const ghsaComments = pgTable(
  'ghsa_comments',
  {
    commentId: bigint('comment_id', { mode: 'number' }).primaryKey(),
    ghsaId: text('ghsa_id').notNull(),
    reportId: text('report_id').references(() => reports.id),
    author: text('author').notNull(),
    writtenAt: at('written_at').notNull(),
  },
  (t) => [index('ghsa_comments_written_at_idx').on(t.writtenAt)],
);

/**
 * What became of a GitHub webhook delivery: `pending` until a handler ran
 * (`done`), or there was none for its event (`ignored`), or its last attempt
 * failed (`failed`; `psrt webhooks retry` drives it again).
 */
export const deliveryStatuses = ['pending', 'done', 'ignored', 'failed'] as const;

/**
 * Webhook deliveries as GitHub sent them, recorded before they are answered and
 * processed afterwards. The GUID is GitHub's `X-GitHub-Delivery`: a delivery
 * seen again (a redelivery) is not recorded twice. The payload is embargoed
 * advisory text: it is read by the handlers only, never listed or logged.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    guid: text('guid').primaryKey(),
    event: text('event').notNull(),
    action: text('action'),
    /** The App installation it came through (`installation.id` in the payload), for calls back to GitHub. */
    installationId: bigint('installation_id', { mode: 'number' }),
    receivedAt: at('received_at').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    /** Handler runs so far, and claims whose lease ran out (a processor that died mid-way). */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    /** A pending delivery is being processed while `claimed_until` is in the future. */
    claimedBy: text('claimed_by'),
    claimedUntil: at('claimed_until'),
    processedAt: at('processed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    check('webhook_deliveries_status_check', oneOf(t.status, deliveryStatuses)),
    // The processors' queue: pending deliveries, oldest first.
    index('webhook_deliveries_pending_idx').on(t.receivedAt, t.guid).where(sql`status = 'pending'`),
    index('webhook_deliveries_received_at_idx').on(t.receivedAt),
  ],
);

/**
 * Signed-in browsers. The cookie holds a random token; only its SHA-256 is
 * stored, so a copy of the database signs nobody in. `csrf` is the token every
 * form of the session must carry back.
 */
export const webSessions = pgTable(
  'web_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    login: text('login').notNull(),
    csrf: text('csrf').notNull(),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
  },
  (t) => [index('web_sessions_login_idx').on(sql`lower(${t.login})`)],
);

/** Personal API tokens: shown once when made, stored as their SHA-256 only. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
    login: text('login').notNull(),
    name: text('name').notNull(),
    scope: text('scope', { enum: tokenScopes }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    lastUsedAt: at('last_used_at'),
  },
  (t) => [
    check('api_tokens_scope_check', oneOf(t.scope, tokenScopes)),
    uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash),
    index('api_tokens_login_idx').on(sql`lower(${t.login})`),
  ],
);

export * from './schema-inactivity.ts';
export * from './schema-inbox.ts';
export * from './schema-membership.ts';
export * from './schema-nominations.ts';
export * from './schema-sync.ts';
