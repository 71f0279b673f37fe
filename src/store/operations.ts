// The counts an operator's monitoring reads (/metrics): reports by state, open reports past their
// disclosure deadline, effects by status and kind, and how long the oldest due effect has waited.
// Each is one grouped query over an index or a small table, cheap enough for every scrape.
import { and, count, eq, lte, min } from 'drizzle-orm';
import { type ReportState, reportStates } from '../domain/report.ts';
import type { Db } from './engine.ts';
import { effectStatuses, outbox, reportIsOpen, reports } from './schema.ts';

export interface OperationalCounts {
  reportsByState: Record<ReportState, number>;
  /** Open reports whose disclosure deadline has passed. */
  overdueReports: number;
  /** Effects by status, then kind (only the kinds that have any). */
  effects: Record<(typeof effectStatuses)[number], Record<string, number>>;
  /** When the oldest pending effect became due, or null when none waits. */
  oldestPendingEffectDueAt: Date | null;
}

export async function operationalCounts(db: Db, now: Date): Promise<OperationalCounts> {
  const [byState, [overdue], byEffect, [oldest]] = await Promise.all([
    db.select({ state: reports.state, n: count() }).from(reports).groupBy(reports.state),
    db
      .select({ n: count() })
      .from(reports)
      .where(and(reportIsOpen, lte(reports.disclosureDeadline, now))),
    db
      .select({ status: outbox.status, kind: outbox.kind, n: count() })
      .from(outbox)
      .groupBy(outbox.status, outbox.kind),
    db
      .select({ at: min(outbox.nextAttemptAt) })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now))),
  ]);
  const reportsByState = Object.fromEntries(reportStates.map((state) => [state, 0])) as Record<
    ReportState,
    number
  >;
  for (const row of byState) reportsByState[row.state] = row.n;
  const effects = Object.fromEntries(
    effectStatuses.map((status) => [status, {}]),
  ) as OperationalCounts['effects'];
  for (const row of byEffect) effects[row.status][row.kind] = row.n;
  return {
    reportsByState,
    overdueReports: overdue?.n ?? 0,
    effects,
    oldestPendingEffectDueAt: oldest?.at ?? null,
  };
}
