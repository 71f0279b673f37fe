// The PSRT roster as the devguide CSVs list it: member and emeritus lists,
// each replaced whole on import and read back in the same order, so an
// export reproduces what was imported.

import { asc, eq, sql } from 'drizzle-orm';
import type { RosterEntry, RosterList } from '../domain/report.ts';
import type { Db, Tx } from './engine.ts';
import { rosterEntries } from './schema.ts';

/** Any constant, the same in every psrt process ("psrt" + "rost" in ASCII). */
const rosterLockKey = sql.raw('8102945998746512244');

/** Serializes roster changes across transactions and instances until this transaction ends. */
export async function lockRoster(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${rosterLockKey})`);
}

/** Replaces one list with `entries` (positions as given); the other list is untouched. */
export async function replaceRosterList(
  tx: Tx,
  list: RosterList,
  entries: readonly RosterEntry[],
): Promise<void> {
  const stray = entries.find((entry) => entry.list !== list);
  if (stray) throw new Error(`Cannot put ${stray.name} (on the ${stray.list} list) into the ${list} list.`);
  await tx.delete(rosterEntries).where(eq(rosterEntries.list, list));
  if (entries.length > 0) {
    await tx.insert(rosterEntries).values(entries.map((entry) => ({ ...entry, roles: [...entry.roles] })));
  }
}

/** One list, or both (`emeritus` before `member`), each in position order. */
export async function listRoster(db: Db, list?: RosterList): Promise<RosterEntry[]> {
  const rows = await db
    .select()
    .from(rosterEntries)
    .where(list ? eq(rosterEntries.list, list) : undefined)
    .orderBy(asc(rosterEntries.list), asc(rosterEntries.position));
  return rows.map((row) => ({ ...row }));
}
