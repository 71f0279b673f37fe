// Nominations and their votes. Callers lock a nomination (getNominationForUpdate)
// before voting on it or recording its veto, withdrawal or outcome.
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type {
  Eligibility,
  NominationRecord,
  NominationStatus,
  NominationVote,
  Veto,
  Withdrawal,
} from '../domain/nominations.ts';
import type { Db, Tx } from './engine.ts';
import { nominations, nominationVotes } from './schema.ts';

type Row = typeof nominations.$inferSelect;

function toNomination(row: Row): NominationRecord {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    nominatedBy: row.nominatedBy,
    why: row.why,
    openedAt: row.openedAt,
    closesAt: row.closesAt,
    eligibility: row.eligibility,
    status: row.status,
    withdrawn: row.withdrawnBy && row.withdrawnAt ? { by: row.withdrawnBy, at: row.withdrawnAt } : null,
    veto:
      row.vetoedBy && row.vetoedAt
        ? { by: row.vetoedBy, at: row.vetoedAt, decision: row.vetoDecision ?? '' }
        : null,
    closed:
      row.closedAt && row.rule !== null
        ? { at: row.closedAt, rule: row.rule, inFavour: row.inFavour ?? 0, against: row.against ?? 0 }
        : null,
    membershipChangeId: row.membershipChangeId,
  };
}

export interface NewNomination {
  login: string;
  name: string;
  nominatedBy: string;
  why: string;
  openedAt: Date;
  closesAt: Date;
  eligibility: Eligibility;
}

export async function insertNomination(tx: Tx, nomination: NewNomination): Promise<NominationRecord> {
  const [row] = await tx.insert(nominations).values(nomination).returning();
  if (!row) throw new Error('the nomination was not stored');
  return toNomination(row);
}

export async function getNomination(db: Db, id: number): Promise<NominationRecord | null> {
  const [row] = await db.select().from(nominations).where(eq(nominations.id, id));
  return row ? toNomination(row) : null;
}

/** The nomination, locked until the transaction ends; null when there is none. */
export async function getNominationForUpdate(tx: Tx, id: number): Promise<NominationRecord | null> {
  const [row] = await tx.select().from(nominations).where(eq(nominations.id, id)).for('update');
  return row ? toNomination(row) : null;
}

/** The open nomination of this person, if any. */
export async function openNominationOf(db: Db, login: string): Promise<NominationRecord | null> {
  const [row] = await db
    .select()
    .from(nominations)
    .where(and(eq(nominations.status, 'open'), sql`lower(${nominations.login}) = lower(${login})`));
  return row ? toNomination(row) : null;
}

/** Nominations, newest first; open ones only when asked. */
export async function listNominations(
  db: Db,
  options: { status?: NominationStatus; limit?: number } = {},
): Promise<NominationRecord[]> {
  const rows = await db
    .select()
    .from(nominations)
    .where(options.status ? eq(nominations.status, options.status) : undefined)
    .orderBy(desc(nominations.id))
    .limit(options.limit ?? 200);
  return rows.map(toNomination);
}

/** Open nominations whose week is over at `now`, oldest first. */
export async function dueNominations(db: Db, now: Date): Promise<NominationRecord[]> {
  const rows = await db
    .select()
    .from(nominations)
    .where(and(eq(nominations.status, 'open'), lte(nominations.closesAt, now)))
    .orderBy(asc(nominations.closesAt));
  return rows.map(toNomination);
}

/** Every vote on these nominations, in the order cast. */
export async function listNominationVotes(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, NominationVote[]>> {
  const votes = new Map<number, NominationVote[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return votes;
  const rows = await db
    .select()
    .from(nominationVotes)
    .where(inArray(nominationVotes.nominationId, [...ids]))
    .orderBy(asc(nominationVotes.id));
  for (const row of rows)
    votes.get(row.nominationId)?.push({ voter: row.voter, inFavour: row.inFavour, at: row.at });
  return votes;
}

export async function insertNominationVote(
  tx: Tx,
  nominationId: number,
  vote: NominationVote,
): Promise<void> {
  await tx.insert(nominationVotes).values({ nominationId, ...vote });
}

export async function recordNominationVeto(tx: Tx, id: number, veto: Veto): Promise<void> {
  await tx
    .update(nominations)
    .set({ vetoedBy: veto.by, vetoedAt: veto.at, vetoDecision: veto.decision })
    .where(eq(nominations.id, id));
}

export async function recordNominationWithdrawal(tx: Tx, id: number, withdrawal: Withdrawal): Promise<void> {
  await tx
    .update(nominations)
    .set({ withdrawnBy: withdrawal.by, withdrawnAt: withdrawal.at })
    .where(eq(nominations.id, id));
}

/** Records the outcome once: false when the nomination was not open any more. */
export async function recordNominationOutcome(
  tx: Tx,
  id: number,
  outcome: {
    status: Exclude<NominationStatus, 'open'>;
    rule: string;
    inFavour: number;
    against: number;
    closedAt: Date;
    membershipChangeId: number | null;
  },
): Promise<boolean> {
  const rows = await tx
    .update(nominations)
    .set(outcome)
    .where(and(eq(nominations.id, id), eq(nominations.status, 'open')))
    .returning({ id: nominations.id });
  return rows.length > 0;
}
