// Collaborator grants: who may see which report, until when. Logins compare
// case-insensitively, as GitHub's do. Whether a grant is active is decided
// here only for queries (revoked_at null, expires_at null or later than now).

import { and, asc, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Grant } from '../domain/report.ts';
import type { Db, Tx } from './engine.ts';
import { grants } from './schema.ts';

type GrantRow = typeof grants.$inferSelect;

const fromRow = (row: GrantRow): Grant => ({ ...row });

/** Stores a grant; without an id the database assigns a UUID. Returns the stored grant. */
export async function insertGrant(tx: Db, grant: Omit<Grant, 'id'> & { id?: string }): Promise<Grant> {
  const [row] = await tx.insert(grants).values(grant).returning();
  if (!row) throw new Error(`Could not store the grant for ${grant.login} on ${grant.reportId}.`);
  return fromRow(row);
}

/** Revokes a grant that is not yet revoked; returns it, or null if unknown or already revoked. */
export async function revokeGrant(tx: Db, id: string, revokedBy: string, at: Date): Promise<Grant | null> {
  const [row] = await tx
    .update(grants)
    .set({ revokedAt: at, revokedBy })
    .where(and(eq(grants.id, id), isNull(grants.revokedAt)))
    .returning();
  return row ? fromRow(row) : null;
}

/** Every grant on a report, active or not, oldest first. */
export async function listGrants(db: Db, reportId: string): Promise<Grant[]> {
  const rows = await db
    .select()
    .from(grants)
    .where(eq(grants.reportId, reportId))
    .orderBy(asc(grants.grantedAt), asc(grants.id));
  return rows.map(fromRow);
}

/** The login's grants that are active at `now`, on any report. */
export async function activeGrantsFor(db: Db, login: string, now: Date): Promise<Grant[]> {
  const rows = await db
    .select()
    .from(grants)
    .where(
      and(
        sql`lower(${grants.login}) = lower(${login})`,
        isNull(grants.revokedAt),
        or(isNull(grants.expiresAt), gt(grants.expiresAt, now)),
      ),
    )
    .orderBy(asc(grants.reportId), asc(grants.grantedAt));
  return rows.map(fromRow);
}

/**
 * When a report is finished, grants without an expiry get one (by default 14
 * days later, chosen by the caller). Returns how many grants changed.
 */
export async function materializeGrantExpiries(tx: Tx, reportId: string, expiresAt: Date): Promise<number> {
  const rows = await tx
    .update(grants)
    .set({ expiresAt })
    .where(and(eq(grants.reportId, reportId), isNull(grants.expiresAt)))
    .returning({ id: grants.id });
  return rows.length;
}

/** Grants past their expiry that were not yet revoked: their access must be removed from GitHub. */
export async function expiredGrants(db: Db, now: Date, limit = 500): Promise<Grant[]> {
  const rows = await db
    .select()
    .from(grants)
    .where(and(isNull(grants.revokedAt), isNotNull(grants.expiresAt), lte(grants.expiresAt, now)))
    .orderBy(asc(grants.expiresAt), asc(grants.id))
    .limit(limit);
  return rows.map(fromRow);
}
