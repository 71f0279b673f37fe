// What the metrics read besides the reports themselves: each report's recorded changes of its
// coordinator, determination and state (a report keeps only their current values; its audit
// events say when each changed), and the audit log's head, a version to cache the numbers by.

import { asc, eq, max, or, sql } from 'drizzle-orm';
import type { RecordedChange } from '../domain/metrics.ts';
import { IMPORT_ACTION } from '../domain/metrics.ts';
import type { Db } from './engine.ts';
import { auditEvents } from './schema.ts';

/**
 * Every audit event that changed a report's coordinator, determination or state, or imported it,
 * oldest first, by report id. Only those three fields of each change are read, so report text in
 * the rest of the change never leaves the database.
 */
export async function listReportChanges(db: Db): Promise<Map<string, RecordedChange[]>> {
  const field = (name: string) => sql<unknown>`${auditEvents.change} -> ${sql.raw(`'${name}'`)}`;
  const rows = await db
    .select({
      reportId: auditEvents.subject,
      action: auditEvents.action,
      at: auditEvents.at,
      coordinator: field('coordinator'),
      determination: field('determination'),
      state: field('state'),
    })
    .from(auditEvents)
    .where(
      or(
        eq(auditEvents.action, IMPORT_ACTION),
        sql`${auditEvents.change} ?| array['coordinator', 'determination', 'state']`,
      ),
    )
    .orderBy(asc(auditEvents.seq));
  const history = new Map<string, RecordedChange[]>();
  for (const { reportId, action, at, ...change } of rows) {
    const recorded = { action, at, change };
    const changes = history.get(reportId);
    if (changes) changes.push(recorded);
    else history.set(reportId, [recorded]);
  }
  return history;
}

/**
 * The seq of the latest audit event: every write to a report appends one in its transaction, in
 * commit order (appendAudit's lock), so a report or its history cannot change while this stays
 * the same. (A report's `updated_at` could not serve: the sandbox and imports write past times.)
 */
export async function auditHead(db: Db): Promise<number> {
  const [row] = await db.select({ seq: max(auditEvents.seq) }).from(auditEvents);
  return row?.seq ?? 0;
}
