// The evidence of the inactivity report, read for one period: reports and
// their coordinator changes (the GHSA coordinator credit follows psrt's
// coordinator), GHSA comments psrt read, and members' changes to reports in
// the audit log. Only ids, logins and times are read: never report text.
import { and, count, eq, gte, isNull, lt, max, min, or, type SQL, sql } from 'drizzle-orm';
import type { ActivityRow, CoordinatedReport, CoordinatorChange, Period } from '../domain/inactivity.ts';
import type { Db } from './engine.ts';
import { auditEvents, ghsaComments, reports, rosterEntries } from './schema.ts';

/** Reports that existed during the period and were not finished before it. */
const livedDuring = ({ from, to }: Period) =>
  and(lt(reports.createdAt, to), or(isNull(reports.finishedAt), gte(reports.finishedAt, from)));

export async function reportsLivingDuring(db: Db, period: Period): Promise<CoordinatedReport[]> {
  return db
    .select({
      reportId: reports.id,
      repository: reports.repository,
      ghsaId: reports.ghsaId,
      coordinator: reports.coordinator,
      createdAt: reports.createdAt,
      finishedAt: reports.finishedAt,
    })
    .from(reports)
    .where(livedDuring(period));
}

/** The coordinator changes of those reports up to the period's end, oldest first. */
export async function coordinatorChangesUntil(db: Db, period: Period): Promise<CoordinatorChange[]> {
  const rows = await db
    .select({
      reportId: auditEvents.subject,
      at: auditEvents.at,
      from: sql<string | null>`${auditEvents.change} -> 'coordinator' ->> 'from'`,
      to: sql<string | null>`${auditEvents.change} -> 'coordinator' ->> 'to'`,
    })
    .from(auditEvents)
    .innerJoin(reports, eq(reports.id, auditEvents.subject))
    .where(
      and(
        lt(auditEvents.at, period.to),
        sql`jsonb_typeof(${auditEvents.change} -> 'coordinator') = 'object'`,
        livedDuring(period),
      ),
    )
    .orderBy(auditEvents.seq);
  return rows;
}

/**
 * Whether a login is on the member list: only members get a standing, so
 * reporters' and outsiders' rows are left in the database. An array, not
 * `in (select …)`: without statistics (PGlite) the planner made that a nested
 * loop lowering every login once per member.
 */
const isMember = (login: SQL) =>
  sql`lower(${login}) = any(array(select lower(${rosterEntries.login}) from ${rosterEntries} where ${rosterEntries.list} = 'member' and ${rosterEntries.login} is not null))`;

/**
 * Per member and report, the GHSA comments written within the period (as psrt
 * read them) and the changes made in psrt within it.
 */
export async function reportActivityDuring(db: Db, period: Period): Promise<ActivityRow[]> {
  const author = sql<string>`min(${ghsaComments.author})`;
  const comments = await db
    .select({
      login: author,
      reportId: reports.id,
      repository: reports.repository,
      ghsaId: reports.ghsaId,
      first: min(ghsaComments.writtenAt),
      last: max(ghsaComments.writtenAt),
      count: count(),
    })
    .from(ghsaComments)
    .innerJoin(reports, eq(reports.id, ghsaComments.reportId))
    .where(
      and(
        gte(ghsaComments.writtenAt, period.from),
        lt(ghsaComments.writtenAt, period.to),
        isMember(sql`${ghsaComments.author}`),
      ),
    )
    .groupBy(sql`lower(${ghsaComments.author})`, reports.id);
  const actor = sql<string>`min(${auditEvents.actor})`;
  const acts = await db
    .select({
      login: actor,
      reportId: reports.id,
      repository: reports.repository,
      ghsaId: reports.ghsaId,
      first: min(auditEvents.at),
      last: max(auditEvents.at),
      count: count(),
    })
    .from(auditEvents)
    .innerJoin(reports, eq(reports.id, auditEvents.subject))
    .where(
      and(
        gte(auditEvents.at, period.from),
        lt(auditEvents.at, period.to),
        sql`${auditEvents.actor} not like 'system:%'`,
        isMember(sql`${auditEvents.actor}`),
      ),
    )
    .groupBy(sql`lower(${auditEvents.actor})`, reports.id);
  const rows: ActivityRow[] = [];
  for (const [kind, list] of [
    ['commented', comments],
    ['acted', acts],
  ] as const)
    for (const row of list)
      if (row.first && row.last)
        rows.push({ ...row, kind, first: new Date(row.first), last: new Date(row.last) });
  return rows;
}
