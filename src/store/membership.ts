// Membership changes: decided (pending), then applied once the GitHub team
// has them. Callers hold the roster lock (lockRoster) while deciding.
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { MembershipChange, MembershipDecision } from '../domain/membership.ts';
import { loginKey } from '../domain/roster.ts';
import type { Db, Tx } from './engine.ts';
import { membershipChanges } from './schema.ts';

type Row = typeof membershipChanges.$inferSelect;

const toChange = (row: Row): MembershipChange => ({ ...row });

export async function insertMembershipChange(
  tx: Tx,
  change: MembershipDecision & { name: string; decidedBy: string; decidedAt: Date },
): Promise<MembershipChange> {
  const [row] = await tx
    .insert(membershipChanges)
    .values({
      kind: change.kind,
      login: change.login,
      name: change.name,
      reason: change.reason,
      source: change.source,
      decidedBy: change.decidedBy,
      decidedAt: change.decidedAt,
    })
    .returning();
  if (!row) throw new Error('the membership change was not stored');
  return toChange(row);
}

/** Changes not yet applied to the team, in the order decided. */
export async function listPendingMembershipChanges(db: Db): Promise<MembershipChange[]> {
  const rows = await db
    .select()
    .from(membershipChanges)
    .where(eq(membershipChanges.status, 'pending'))
    .orderBy(asc(membershipChanges.id));
  return rows.map(toChange);
}

/** The latest changes, newest first (the members page's history). */
export async function listMembershipChanges(db: Db, limit = 50): Promise<MembershipChange[]> {
  const rows = await db.select().from(membershipChanges).orderBy(desc(membershipChanges.id)).limit(limit);
  return rows.map(toChange);
}

/** The change, locked until the transaction ends; null when it is not there. */
export async function getMembershipChangeForUpdate(tx: Tx, id: number): Promise<MembershipChange | null> {
  const [row] = await tx.select().from(membershipChanges).where(eq(membershipChanges.id, id)).for('update');
  return row ? toChange(row) : null;
}

/** Marks a pending change applied; false when it was not pending any more. */
export async function markMembershipChangeApplied(
  tx: Tx,
  id: number,
  appliedAt: Date,
  teamState: string | null,
): Promise<boolean> {
  const rows = await tx
    .update(membershipChanges)
    .set({ status: 'applied', appliedAt, teamState })
    .where(and(eq(membershipChanges.id, id), eq(membershipChanges.status, 'pending')))
    .returning({ id: membershipChanges.id });
  return rows.length > 0;
}

/** How many changes there are (for sandbox seeding: nothing twice). */
export async function countMembershipChanges(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(membershipChanges);
  return row?.n ?? 0;
}

/** When each applied join took effect, latest per login (`loginKey`), for joins applied after `since`. */
export async function joinsAppliedSince(db: Db, since: Date): Promise<Map<string, Date>> {
  const rows = await db
    .select({ login: membershipChanges.login, appliedAt: membershipChanges.appliedAt })
    .from(membershipChanges)
    .where(
      and(
        eq(membershipChanges.kind, 'join'),
        eq(membershipChanges.status, 'applied'),
        gt(membershipChanges.appliedAt, since),
      ),
    )
    .orderBy(asc(membershipChanges.appliedAt));
  return new Map(
    rows.flatMap((row) => (row.appliedAt ? [[loginKey(row.login), row.appliedAt] as const] : [])),
  );
}
