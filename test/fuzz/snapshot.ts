// "Nothing changed": every row of every psrt table, to compare before and after
// a refused request. Rows are sorted by their JSON so the comparison does not
// depend on the order the engine happens to return them in.
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Store } from '../../src/store/index.ts';
import * as schema from '../../src/store/schema.ts';

const tables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

export type Snapshot = Record<string, string[]>;

/** Every table's rows as sorted JSON lines. */
export async function snapshot(store: Store, except: readonly string[] = []): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const table of tables) {
    if (except.includes(table)) continue;
    const answer = (await store.db.execute(sql.raw(`select * from "${table}"`))) as unknown as {
      rows: unknown[];
    };
    result[table] = answer.rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after).filter(
    (table) => JSON.stringify(before[table] ?? []) !== JSON.stringify(after[table]),
  );
}
