// Leases: one psrt instance at a time does work such as polling GitHub. The
// holder takes or renews the lease before each round; another instance gets
// it only once it has lapsed (its holder stopped or died).
import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from './engine.ts';
import { leases } from './schema.ts';

/** Takes or renews `name` for `holder` until `now + ms`; false while another holder's lease runs. */
export async function takeLease(
  db: Db,
  name: string,
  holder: string,
  now: Date,
  ms: number,
): Promise<boolean> {
  const until = new Date(now.getTime() + ms);
  const rows = await db
    .insert(leases)
    .values({ name, holder, until })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder, until },
      setWhere: or(eq(leases.holder, holder), lt(leases.until, now)),
    })
    .returning({ holder: leases.holder });
  return rows.length > 0;
}

/** Gives the lease up (a clean stop), so another instance need not wait for it to lapse. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
}
