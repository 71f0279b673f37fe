// Collaborator grants: who may see which report, until when. Logins compare
// case-insensitively, as GitHub's do. `grantEndsAfter` is domain/clocks'
// `grantExpiry` rule in SQL: the chosen expiry, else 14 days after the report
// is finished, else (report still open) no end yet.

import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { GRANT_DAYS_AFTER_FINISH } from '../domain/clocks.ts';
import type { Grant } from '../domain/report.ts';
import type { Db } from './engine.ts';
import { grants, reports } from './schema.ts';

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

/** SQL: when the grant (joined with its report) ends; NULL while it has no end yet. */
const grantEndsAt = sql`coalesce(${grants.expiresAt}, ${reports.finishedAt} + make_interval(days => ${GRANT_DAYS_AFTER_FINISH}))`;

/** SQL: the grant (joined with its report) has not ended by `now`. */
export function grantEndsAfter(now: Date): SQL {
  return sql`(${grantEndsAt} is null or ${grantEndsAt} > ${now})`;
}

/**
 * SQL: the grant is `login`'s, ignoring case as GitHub does (domain/roster
 * `sameLogin`), in the form `grants_login_idx` serves.
 */
export const grantHeldBy = (login: string): SQL => sql`lower(${grants.login}) = lower(${login})`;

/** The login's grants that are active at `now`, on any report. */
export async function activeGrantsFor(db: Db, login: string, now: Date): Promise<Grant[]> {
  const rows = await db
    .select({ grant: grants })
    .from(grants)
    .innerJoin(reports, eq(reports.id, grants.reportId))
    .where(and(grantHeldBy(login), isNull(grants.revokedAt), grantEndsAfter(now)))
    .orderBy(asc(grants.reportId), asc(grants.grantedAt));
  return rows.map((row) => fromRow(row.grant));
}

/** Grants that have ended but were not yet revoked: their access must be removed from GitHub. */
export async function expiredGrants(db: Db, now: Date, limit = 500): Promise<Grant[]> {
  const rows = await db
    .select({ grant: grants })
    .from(grants)
    .innerJoin(reports, eq(reports.id, grants.reportId))
    .where(and(isNull(grants.revokedAt), sql`${grantEndsAt} <= ${now}`))
    .orderBy(asc(grants.grantedAt), asc(grants.id))
    .limit(limit);
  return rows.map((row) => fromRow(row.grant));
}
