// Browser sessions and personal API tokens, both looked up by the SHA-256 of
// the secret the client holds. Which ones still count is domain/sessions' rule;
// this module only stores, finds and ends them.
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { RosterEntry } from '../domain/report.ts';
import type { TokenScope } from '../domain/sessions.ts';
import type { Db } from './engine.ts';
import { apiTokens, rosterEntries, webSessions } from './schema.ts';

export type StoredSession = typeof webSessions.$inferSelect;
export type StoredApiToken = typeof apiTokens.$inferSelect;

export async function insertSession(db: Db, session: StoredSession): Promise<void> {
  await db.insert(webSessions).values(session);
}

/** What every request asks first: the session (or token) and its holder's member-list entry. */
export interface Holder<T> {
  found: T;
  /** The holder's entry on the member list, if they are on it: their roles now. */
  member: RosterEntry | null;
  /**
   * The database's committed state as of this read (`pg_current_snapshot()`): equal
   * snapshots mean no transaction committed in between, so nothing changed (web/read-cache).
   */
  snapshot: string;
}

const snapshot = sql<string>`pg_current_snapshot()::text`;

// The member-list entry of the row's login, joined in the same query: one round trip per request.
const memberOf = (login: typeof webSessions.login | typeof apiTokens.login) =>
  and(eq(rosterEntries.list, 'member'), sql`lower(${rosterEntries.login}) = lower(${login})`);

export async function findSession(db: Db, tokenHash: string): Promise<Holder<StoredSession> | null> {
  const [row] = await db
    .select({ found: webSessions, member: rosterEntries, snapshot })
    .from(webSessions)
    .leftJoin(rosterEntries, memberOf(webSessions.login))
    .where(eq(webSessions.tokenHash, tokenHash));
  return row ?? null;
}

/** Notes activity, at most once a `granularityMs` (a write per request would be needless load). */
export async function touchSession(db: Db, tokenHash: string, now: Date, granularityMs: number) {
  await db
    .update(webSessions)
    .set({ lastSeenAt: now })
    .where(
      and(
        eq(webSessions.tokenHash, tokenHash),
        lt(webSessions.lastSeenAt, new Date(now.getTime() - granularityMs)),
      ),
    );
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(webSessions).where(eq(webSessions.tokenHash, tokenHash));
}

/** Forgets sessions that can no longer sign anyone in. */
export async function deleteEndedSessions(db: Db, createdBefore: Date, idleSince: Date): Promise<number> {
  const gone = await db
    .delete(webSessions)
    .where(or(lt(webSessions.createdAt, createdBefore), lt(webSessions.lastSeenAt, idleSince)))
    .returning({ tokenHash: webSessions.tokenHash });
  return gone.length;
}

export interface NewApiToken {
  login: string;
  name: string;
  scope: TokenScope;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertApiToken(db: Db, token: NewApiToken): Promise<StoredApiToken> {
  const [row] = await db.insert(apiTokens).values(token).returning();
  if (!row) throw new Error(`Could not store the API token "${token.name}".`);
  return row;
}

export async function findApiToken(db: Db, tokenHash: string): Promise<Holder<StoredApiToken> | null> {
  const [row] = await db
    .select({ found: apiTokens, member: rosterEntries, snapshot })
    .from(apiTokens)
    .leftJoin(rosterEntries, memberOf(apiTokens.login))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

export async function touchApiToken(db: Db, id: string, now: Date, granularityMs: number) {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - granularityMs))),
      ),
    );
}

/** A login's tokens, oldest first, revoked and expired ones included (they show as such). */
export async function listApiTokens(db: Db, login: string): Promise<StoredApiToken[]> {
  return db
    .select()
    .from(apiTokens)
    .where(sql`lower(${apiTokens.login}) = lower(${login})`)
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

/** Revokes one of `login`'s tokens; null when it has no such token or it was already revoked. */
export async function revokeApiToken(
  db: Db,
  login: string,
  id: string,
  at: Date,
): Promise<StoredApiToken | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(
      and(
        eq(apiTokens.id, id),
        sql`lower(${apiTokens.login}) = lower(${login})`,
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning();
  return row ?? null;
}
