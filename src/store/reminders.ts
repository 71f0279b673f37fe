// Reminders the scheduler has sent, so each goes out once per report and key
// even when several instances run the scheduler at the same time.

import type { Db } from './engine.ts';
import { remindersSent } from './schema.ts';

/**
 * Records that reminder `key` (e.g. `triage-idle:2025-06-01`) went out for a
 * report. True only the first time: the caller sends the reminder only then.
 */
export async function markReminderSent(tx: Db, reportId: string, key: string, at: Date): Promise<boolean> {
  const inserted = await tx
    .insert(remindersSent)
    .values({ reportId, key, sentAt: at })
    .onConflictDoNothing()
    .returning({ key: remindersSent.key });
  return inserted.length > 0;
}
