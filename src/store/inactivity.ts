// The inactivity reports: produced (frozen with their evidence), marked sent
// with the key of their mail, and the Council's decisions per member.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type {
  CouncilDecision,
  CouncilVerdict,
  EvidenceKind,
  ExemptRole,
  MemberStanding,
  Period,
  ProducedReport,
  Standing,
} from '../domain/inactivity.ts';
import type { Db, Tx } from './engine.ts';
import { inactivityDecisions, inactivityReports, type StoredStanding } from './schema.ts';

type ReportRow = typeof inactivityReports.$inferSelect;
type DecisionRow = typeof inactivityDecisions.$inferSelect;

const toStored = (member: MemberStanding): StoredStanding => ({
  ...member,
  exemptAs: [...member.exemptAs],
  evidence: member.evidence.map((e) => ({ ...e, first: e.first.toISOString(), last: e.last.toISOString() })),
});

const fromStored = (member: StoredStanding): MemberStanding => ({
  login: member.login,
  name: member.name,
  standing: member.standing as Standing,
  exemptAs: member.exemptAs as ExemptRole[],
  evidence: member.evidence.map((e) => ({
    ...e,
    kind: e.kind as EvidenceKind,
    first: new Date(e.first),
    last: new Date(e.last),
  })),
});

const toDecision = (row: DecisionRow): CouncilDecision => ({
  login: row.login,
  verdict: row.verdict,
  councilDecision: row.councilDecision,
  decidedAt: row.decidedAt,
  recordedBy: row.recordedBy,
  changeId: row.changeId,
});

const toReport = (row: ReportRow, decisions: DecisionRow[]): ProducedReport => ({
  id: row.id,
  period: { from: row.periodFrom, to: row.periodTo },
  members: row.members.map(fromStored),
  producedAt: row.producedAt,
  producedBy: row.producedBy,
  sentAt: row.sentAt,
  sentBy: row.sentBy,
  decisions: decisions.filter((d) => d.reportId === row.id).map(toDecision),
});

export async function insertInactivityReport(
  tx: Tx,
  report: { period: Period; members: readonly MemberStanding[]; producedAt: Date; producedBy: string },
): Promise<ProducedReport> {
  const [row] = await tx
    .insert(inactivityReports)
    .values({
      periodFrom: report.period.from,
      periodTo: report.period.to,
      producedAt: report.producedAt,
      producedBy: report.producedBy,
      members: report.members.map(toStored),
    })
    .returning();
  if (!row) throw new Error('the inactivity report was not stored');
  return toReport(row, []);
}

async function decisionsOf(db: Db, ids: number[]): Promise<DecisionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(inactivityDecisions)
    .where(sql`${inactivityDecisions.reportId} in (${sql.join(ids, sql`, `)})`)
    .orderBy(asc(inactivityDecisions.id));
}

/** One report with its decisions; `forUpdate` locks it until the transaction ends. Null when there is none. */
export async function getInactivityReport(
  db: Db,
  id: number,
  { forUpdate = false } = {},
): Promise<ProducedReport | null> {
  const query = db.select().from(inactivityReports).where(eq(inactivityReports.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ? toReport(row, await decisionsOf(db, [row.id])) : null;
}

/** The reports, newest period first. */
export async function listInactivityReports(db: Db, limit = 50): Promise<ProducedReport[]> {
  const rows = await db
    .select()
    .from(inactivityReports)
    .orderBy(desc(inactivityReports.periodTo), desc(inactivityReports.id))
    .limit(limit);
  const decisions = await decisionsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toReport(row, decisions));
}

/** Where the last report's period ended: the next one starts there. Null when there is none. */
export async function lastInactivityPeriodEnd(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ to: sql<Date | string | null>`max(${inactivityReports.periodTo})` })
    .from(inactivityReports);
  return row?.to ? new Date(row.to) : null;
}

/** Marks a report sent with its mail's effect key; false when it was sent already. */
export async function markInactivityReportSent(
  tx: Tx,
  id: number,
  sent: { at: Date; by: string; mailKey: string },
): Promise<boolean> {
  const rows = await tx
    .update(inactivityReports)
    .set({ sentAt: sent.at, sentBy: sent.by, mailKey: sent.mailKey })
    .where(and(eq(inactivityReports.id, id), isNull(inactivityReports.sentAt)))
    .returning({ id: inactivityReports.id });
  return rows.length > 0;
}

export async function insertCouncilDecision(
  tx: Tx,
  reportId: number,
  decision: {
    login: string;
    verdict: CouncilVerdict;
    councilDecision: string;
    decidedAt: Date;
    recordedBy: string;
    changeId: number | null;
  },
): Promise<CouncilDecision> {
  const [row] = await tx
    .insert(inactivityDecisions)
    .values({ reportId, ...decision })
    .returning();
  if (!row) throw new Error('the Council decision was not stored');
  return toDecision(row);
}
