// What the members page says about each person's work: the reports they
// coordinated that were published since a date, and when the audit log last
// saw them act. Keyed by `loginKey` (GitHub logins are case-insensitive).

import { and, count, gte, isNotNull, max, sql } from 'drizzle-orm';
import { loginKey } from '../domain/roster.ts';
import type { Db } from './engine.ts';
import { auditEvents, reports } from './schema.ts';

/** Per coordinator, how many of the reports they coordinated were published at or after `since`. */
export async function publishedByCoordinator(db: Db, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ login: reports.coordinator, published: count() })
    .from(reports)
    .where(
      and(
        isNotNull(reports.coordinator),
        sql`${reports.state} = 'published'`,
        gte(reports.finishedAt, since),
      ),
    )
    .groupBy(reports.coordinator);
  const published = new Map<string, number>();
  for (const row of rows) {
    if (row.login === null) continue;
    const key = loginKey(row.login);
    published.set(key, (published.get(key) ?? 0) + row.published);
  }
  return published;
}

/** Per actor of the audit log (a login, or `system:NAME`), the time of their latest event. */
export async function lastActivityByActor(db: Db): Promise<Map<string, Date>> {
  const rows = await db
    .select({ actor: sql<string>`lower(${auditEvents.actor})`, at: max(auditEvents.at) })
    .from(auditEvents)
    .groupBy(sql`lower(${auditEvents.actor})`);
  const last = new Map<string, Date>();
  for (const row of rows) if (row.at !== null) last.set(row.actor, row.at);
  return last;
}
