// Reports: ids, reads and writes, the scoped listing the web and API use, and
// coordinator loads. Rows map to `Report` exactly; the disclosure deadline is
// computed by the caller (domain clocks) and stored so SQL can sort by it.

import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  inArray,
  isNotNull,
  isNull,
  lte,
  max,
  not,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { ReportScope } from '../domain/access.ts';
import type { CoordinatorLoad } from '../domain/coordinator.ts';
import { type Severity, severityOfVector } from '../domain/cvss.ts';
import type { Publication } from '../domain/publication.ts';
import type { Report, ReportState } from '../domain/report.ts';
import { craRecordOf, storedCraRecord } from './cra-record.ts';
import type { Db, Tx } from './engine.ts';
import { grantEndsAfter, grantHeldBy } from './grants.ts';
import {
  grants,
  psfIdCounters,
  reportCounters,
  reportIsOpen,
  reports,
  type StoredPublication,
} from './schema.ts';

type ReportRow = typeof reports.$inferSelect;

/** Issues the next `PSRT-YYYY-NNNN` for `year`; rolled back with the transaction, so ids have no gaps. */
export async function nextReportId(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(reportCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: reportCounters.year, set: { last: sql`${reportCounters.last} + 1` } })
    .returning({ last: reportCounters.last });
  if (!row) throw new Error(`Could not issue a report id for ${year}.`);
  return `PSRT-${year}-${String(row.last).padStart(4, '0')}`;
}

/** Gives the next free `PSF-YYYY-N` for `year`; a number is never given twice. */
export async function nextPsfId(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(psfIdCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: psfIdCounters.year, set: { last: sql`${psfIdCounters.last} + 1` } })
    .returning({ last: psfIdCounters.last });
  if (!row) throw new Error(`Could not give a PSF advisory id for ${year}.`);
  return `PSF-${year}-${row.last}`;
}

/** The PSF id `nextPsfId` would give now, without giving it (for a preview). */
export async function peekPsfId(db: Db, year: number): Promise<string> {
  const [row] = await db
    .select({ last: psfIdCounters.last })
    .from(psfIdCounters)
    .where(eq(psfIdCounters.year, year));
  return `PSF-${year}-${(row?.last ?? 0) + 1}`;
}

/** Records that `PSF-year-number` is taken (an imported advisory), so `nextPsfId` continues after it. */
export async function notePsfIdTaken(tx: Tx, year: number, number: number): Promise<void> {
  await tx
    .insert(psfIdCounters)
    .values({ year, last: number })
    .onConflictDoUpdate({
      target: psfIdCounters.year,
      set: { last: sql`greatest(${psfIdCounters.last}, ${number})` },
    });
}

function toRow(report: Report, disclosureDeadline: Date): ReportRow {
  return {
    id: report.id,
    ghsaId: report.ghsaId,
    repository: report.repository,
    title: report.title,
    description: report.description,
    state: report.state,
    receivedAt: report.receivedAt,
    lastActivityAt: report.lastActivityAt,
    coordinator: report.coordinator,
    coordinatorSince: report.coordinatorSince,
    handoffTo: report.handoff?.to ?? null,
    handoffRequestedAt: report.handoff?.requestedAt ?? null,
    determination: report.determination,
    cveId: report.cveId,
    cvssVector: report.cvssVector,
    severity: severityOfVector(report.cvssVector),
    affected: report.affected,
    fixPullRequests: report.fixPullRequests,
    reporter: report.reporter,
    creditPreference: report.creditPreference,
    extensions: report.extensions.map((e) => ({ ...e, at: e.at.toISOString() })),
    rejectionReason: report.rejection?.reason ?? null,
    rejectionDetail: report.rejection?.detail ?? null,
    finishedAt: report.finishedAt,
    craExploitationAwareAt: report.cra.exploitationAwareAt,
    craFixAvailableAt: report.cra.fixAvailableAt,
    craEarlyWarningSubmittedAt: report.cra.earlyWarningSubmittedAt,
    craNotificationSubmittedAt: report.cra.notificationSubmittedAt,
    craFinalReportSubmittedAt: report.cra.finalReportSubmittedAt,
    craRecord: storedCraRecord(report.cra),
    psfId: report.publication.psfId,
    publication: storedPublication(report.publication),
    disclosureDeadline,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
  };
}

function fromRow(row: ReportRow): Report {
  return {
    id: row.id,
    ghsaId: row.ghsaId,
    repository: row.repository,
    title: row.title,
    description: row.description,
    state: row.state,
    receivedAt: row.receivedAt,
    lastActivityAt: row.lastActivityAt,
    coordinator: row.coordinator,
    coordinatorSince: row.coordinatorSince,
    handoff:
      row.handoffTo !== null && row.handoffRequestedAt !== null
        ? { to: row.handoffTo, requestedAt: row.handoffRequestedAt }
        : null,
    determination: row.determination,
    cveId: row.cveId,
    cvssVector: row.cvssVector,
    affected: row.affected,
    fixPullRequests: row.fixPullRequests,
    reporter: row.reporter,
    creditPreference: row.creditPreference,
    extensions: row.extensions.map((e) => ({ ...e, at: new Date(e.at) })),
    rejection: row.rejectionReason ? { reason: row.rejectionReason, detail: row.rejectionDetail } : null,
    finishedAt: row.finishedAt,
    cra: {
      exploitationAwareAt: row.craExploitationAwareAt,
      fixAvailableAt: row.craFixAvailableAt,
      earlyWarningSubmittedAt: row.craEarlyWarningSubmittedAt,
      notificationSubmittedAt: row.craNotificationSubmittedAt,
      finalReportSubmittedAt: row.craFinalReportSubmittedAt,
      ...craRecordOf(row.craRecord),
    },
    publication: { psfId: row.psfId, ...row.publication },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function storedPublication({ psfId: _psfId, ...facts }: Publication): StoredPublication {
  return facts;
}

export async function insertReport(tx: Db, report: Report, disclosureDeadline: Date): Promise<void> {
  await tx.insert(reports).values(toRow(report, disclosureDeadline));
}

/** Writes every field of `report` (the caller sets `updatedAt`); fails if the report does not exist. */
export async function updateReport(tx: Db, report: Report, disclosureDeadline: Date): Promise<void> {
  const { id, ...fields } = toRow(report, disclosureDeadline);
  const updated = await tx
    .update(reports)
    .set(fields)
    .where(eq(reports.id, id))
    .returning({ id: reports.id });
  if (updated.length === 0) throw new Error(`Cannot update report ${id}: it does not exist.`);
}

/** Unscoped read: for use-cases and the bot only; pages go through `listReports`. */
export async function getReport(db: Db, id: string): Promise<Report | null> {
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  return row ? fromRow(row) : null;
}

export async function getReportByGhsaId(db: Db, ghsaId: string): Promise<Report | null> {
  const [row] = await db.select().from(reports).where(eq(reports.ghsaId, ghsaId));
  return row ? fromRow(row) : null;
}

export async function getReportByPsfId(db: Db, psfId: string): Promise<Report | null> {
  const [row] = await db.select().from(reports).where(eq(reports.psfId, psfId));
  return row ? fromRow(row) : null;
}

/** Reports holding a CVE ID (several only for records that got it wrong, as PSF-2023-5 and -6 do). */
export async function getReportsByCveId(db: Db, cveId: string): Promise<Report[]> {
  const rows = await db.select().from(reports).where(eq(reports.cveId, cveId)).orderBy(asc(reports.id));
  return rows.map(fromRow);
}

/** Reads and row-locks a report until the transaction ends, so two use-cases cannot interleave on it. */
export async function getReportForUpdate(tx: Tx, id: string): Promise<Report | null> {
  const [row] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
  return row ? fromRow(row) : null;
}

// Whose reports a listing may show (`ReportScope`) is decided by domain/access;
// `scopeCondition` below is its translation to SQL.
export type { ReportScope };

export interface ListReportsOptions {
  /** true: triage and accepted only; false: published and rejected only; absent: all. */
  open?: boolean;
  /** Grants expiring at or before `now` no longer count. */
  now: Date;
  limit?: number;
  offset?: number;
  /** Keyset paging: only reports after this one in the listing's order (deadline, then id). */
  after?: { deadline: Date; id: string };
  filters?: ReportFilters;
  /**
   * `deadline` (the default): most urgent disclosure deadline first. `finished`: the latest
   * published or rejected first (the public advisories); `after` does not apply to it.
   */
  order?: 'deadline' | 'finished';
}

/** Narrowing a listing (the dashboard's filters); every given filter must hold. */
export interface ReportFilters {
  /** `owner/name`, compared case-insensitively. */
  repository?: string;
  states?: readonly ReportState[];
  /** FIRST's word, or `unscored` for reports without a (scoring) vector. */
  severity?: Severity | 'unscored';
  /** A coordinator's login; null: reports without one. */
  coordinator?: string | null;
  /** Reports this login coordinates or is asked to take over. */
  involving?: string;
}

function filterConditions(filters: ReportFilters = {}): SQL[] {
  const conditions: SQL[] = [];
  if (filters.repository !== undefined)
    conditions.push(sql`lower(${reports.repository}) = lower(${filters.repository})`);
  if (filters.states !== undefined) conditions.push(inArray(reports.state, [...filters.states]));
  if (filters.severity === 'unscored') conditions.push(isNull(reports.severity));
  else if (filters.severity !== undefined) conditions.push(eq(reports.severity, filters.severity));
  if (filters.coordinator === null) conditions.push(isNull(reports.coordinator));
  else if (filters.coordinator !== undefined)
    conditions.push(sql`lower(${reports.coordinator}) = lower(${filters.coordinator})`);
  if (filters.involving !== undefined)
    conditions.push(
      sql`(lower(${reports.coordinator}) = lower(${filters.involving}) or lower(${reports.handoffTo}) = lower(${filters.involving}))`,
    );
  return conditions;
}

const isPublished = sql`${reports.state} = 'published'`;

/** SQL condition: the outer report is one `login` holds an unrevoked grant on (cheap; see `scopeCondition`). */
function grantedReportIds(db: Db, login: string): SQL {
  return inArray(
    reports.id,
    db
      .select({ reportId: grants.reportId })
      .from(grants)
      .where(and(grantHeldBy(login), isNull(grants.revokedAt))),
  );
}

/** SQL condition: `login` holds a grant to the report in the outer query that is active at `now`. */
export function hasActiveGrant(db: Db, login: string, now: Date): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(grants)
      .where(
        and(
          eq(grants.reportId, reports.id),
          grantHeldBy(login),
          isNull(grants.revokedAt),
          grantEndsAfter(now),
        ),
      ),
  );
}

function scopeCondition(db: Db, scope: ReportScope, options: ListReportsOptions): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'published':
      return isPublished;
    case 'granted': {
      // The exact test (hasActiveGrant) depends on the outer report's finished_at, which keeps the
      // planner from starting at the person's few grants; the grants-only pre-filter lets it.
      const granted = and(grantedReportIds(db, scope.login), hasActiveGrant(db, scope.login, options.now));
      // Published reports are never open: without the OR the grants drive the plan.
      if (options.open === true) return granted;
      return or(isPublished, granted);
    }
  }
}

/** Reports visible in `scope`, most urgent disclosure deadline first (overdue ones lead), or as `order` says. */
export async function listReports(
  db: Db,
  scope: ReportScope,
  options: ListReportsOptions,
): Promise<{ reports: Report[]; total: number }> {
  const openFilter = options.open === undefined ? undefined : options.open ? reportIsOpen : not(reportIsOpen);
  const where = and(scopeCondition(db, scope, options), openFilter, ...filterConditions(options.filters));
  const after = options.after
    ? sql`(${reports.disclosureDeadline}, ${reports.id}) > (${options.after.deadline}, ${options.after.id})`
    : undefined;
  const rows = await db
    .select()
    .from(reports)
    .where(and(where, options.order === 'finished' ? undefined : after))
    .orderBy(
      ...(options.order === 'finished'
        ? [sql`${reports.finishedAt} desc nulls last`, desc(reports.id)]
        : [asc(reports.disclosureDeadline), asc(reports.id)]),
    )
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
  const [counted] = await db.select({ total: count() }).from(reports).where(where);
  return { reports: rows.map(fromRow), total: counted?.total ?? 0 };
}

/** Load per coordinator login, for choosing the next coordinator. Logins never assigned are absent. */
export async function coordinatorLoads(db: Db): Promise<Map<string, CoordinatorLoad>> {
  const rows = await db
    .select({
      login: reports.coordinator,
      openReports: sql<number>`count(*) filter (where ${reportIsOpen})`.mapWith(Number),
      lastAssignedAt: max(reports.coordinatorSince),
    })
    .from(reports)
    .where(isNotNull(reports.coordinator))
    .groupBy(reports.coordinator);
  const loads = new Map<string, CoordinatorLoad>();
  for (const row of rows) {
    if (row.login !== null)
      loads.set(row.login, { openReports: row.openReports, lastAssignedAt: row.lastAssignedAt });
  }
  return loads;
}

/**
 * Open reports (triage or accepted) without a coordinator, idle since at least
 * `idleSince`: due for automatic assignment (domain/clocks `coordinatorClock`).
 * The conditions match `reports_awaiting_coordinator_idx` word for word.
 */
export async function reportsAwaitingCoordinator(db: Db, idleSince: Date, limit = 100): Promise<Report[]> {
  const rows = await db
    .select()
    .from(reports)
    .where(and(reportIsOpen, isNull(reports.coordinator), lte(reports.lastActivityAt, idleSince)))
    .orderBy(asc(reports.lastActivityAt), asc(reports.id))
    .limit(limit);
  return rows.map(fromRow);
}

/**
 * Open reports whose clocks may owe a reminder: the disclosure deadline is at
 * or before `deadlineBy` (the first reminder milestone), or a CRA clock runs.
 */
export async function reportsWithRunningClocks(db: Db, deadlineBy: Date): Promise<Report[]> {
  const rows = await db
    .select()
    .from(reports)
    .where(
      and(
        reportIsOpen,
        or(
          lte(reports.disclosureDeadline, deadlineBy),
          isNotNull(reports.craExploitationAwareAt),
          sql`${reports.craRecord}->'incident' <> 'null'::jsonb`,
          sql`jsonb_array_length(${reports.craRecord}->'csirtRequests') > 0`,
        ),
      ),
    )
    .orderBy(asc(reports.disclosureDeadline), asc(reports.id));
  return rows.map(fromRow);
}

/**
 * Fills `severity` for reports stored before it existed (migration 0007): SQL
 * cannot score a CVSS vector. Touches only rows that have a vector and no
 * severity yet, so after the first run it costs one index-free count.
 */
export async function backfillReportSeverity(db: Db): Promise<number> {
  const rows = await db
    .select({ id: reports.id, vector: reports.cvssVector })
    .from(reports)
    .where(and(isNotNull(reports.cvssVector), isNull(reports.severity)));
  let filled = 0;
  for (const row of rows) {
    const severity = severityOfVector(row.vector);
    if (severity === null) continue;
    await db.update(reports).set({ severity }).where(eq(reports.id, row.id));
    filled++;
  }
  return filled;
}
