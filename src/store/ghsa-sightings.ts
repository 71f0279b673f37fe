// The bot's sightings of GHSAs: one row per advisory, locked while a sighting
// is mirrored so a webhook and a poll seeing the same advisory at once take
// turns. The snapshot is stored as JSON with its dates as ISO strings.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ghsa } from '../domain/bot/ghsa.ts';
import type { Db, Tx } from './engine.ts';
import { ghsaCommands, ghsaComments, ghsaSightings, jsonValue } from './schema.ts';

export interface Sighting {
  ghsaId: string;
  /** When psrt first saw the advisory. */
  firstSeenAt: Date;
  repository: string;
  reportId: string | null;
  /** Null until the first sighting is recorded. */
  ghsa: Ghsa | null;
  /** GitHub's comment count when the bot last read the comments; null if it never did. */
  commentsRead: number | null;
}

type StoredGhsa = Omit<Ghsa, 'createdAt' | 'updatedAt' | 'publishedAt'> & {
  createdAt: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
};

const toDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

function fromStored(stored: StoredGhsa): Ghsa {
  return {
    ...stored,
    createdAt: toDate(stored.createdAt),
    updatedAt: toDate(stored.updatedAt),
    publishedAt: toDate(stored.publishedAt),
  };
}

/** The sighting row of an advisory, created empty if new, locked until the transaction ends. */
export async function lockSighting(tx: Tx, ghsaId: string, repository: string, now: Date): Promise<Sighting> {
  await tx
    .insert(ghsaSightings)
    .values({ ghsaId, repository, seenAt: now, firstSeenAt: now })
    .onConflictDoNothing();
  const [row] = await tx.select().from(ghsaSightings).where(eq(ghsaSightings.ghsaId, ghsaId)).for('update');
  if (!row) throw new Error(`The sighting of ${ghsaId} was not stored.`);
  return sightingOf(row);
}

function sightingOf(row: typeof ghsaSightings.$inferSelect): Sighting {
  return {
    ghsaId: row.ghsaId,
    firstSeenAt: row.firstSeenAt,
    repository: row.repository,
    reportId: row.reportId,
    ghsa: row.snapshot === null ? null : fromStored(row.snapshot as StoredGhsa),
    commentsRead: row.commentsRead,
  };
}

/** Records a sighting as the latest, and which report mirrors the advisory. */
export async function recordSighting(tx: Tx, ghsa: Ghsa, reportId: string | null, now: Date): Promise<void> {
  await tx
    .update(ghsaSightings)
    .set({
      reportId,
      repository: ghsa.repository ?? undefined,
      updatedAt: ghsa.updatedAt,
      state: ghsa.state,
      snapshot: jsonValue(JSON.parse(JSON.stringify(ghsa))),
      seenAt: now,
    })
    .where(eq(ghsaSightings.ghsaId, ghsa.ghsaId));
}

/** Advisories last seen in one of `states`, with their repository and report. */
export async function listSightings(
  db: Db,
  filter: { states?: readonly string[]; ghsaIds?: readonly string[]; repositoryPrefix?: string } = {},
): Promise<Sighting[]> {
  const rows = await db
    .select()
    .from(ghsaSightings)
    .where(
      and(
        filter.states ? inArray(ghsaSightings.state, [...filter.states]) : undefined,
        filter.ghsaIds ? inArray(ghsaSightings.ghsaId, [...filter.ghsaIds]) : undefined,
      ),
    )
    .orderBy(asc(ghsaSightings.ghsaId));
  return rows
    .filter((row) => !filter.repositoryPrefix || row.repository.startsWith(filter.repositoryPrefix))
    .map(sightingOf);
}

/** Records that the advisory's comments were read and answered when GitHub counted `count`. */
export async function recordCommentsRead(db: Db, ghsaId: string, count: number): Promise<void> {
  await db.update(ghsaSightings).set({ commentsRead: count }).where(eq(ghsaSightings.ghsaId, ghsaId));
}

/** Who wrote each comment and when (not what): read again, a comment is recorded once. */
export async function recordGhsaComments(
  db: Db,
  comments: readonly {
    commentId: number;
    ghsaId: string;
    reportId: string | null;
    author: string;
    writtenAt: Date;
  }[],
): Promise<void> {
  if (comments.length === 0) return;
  await db
    .insert(ghsaComments)
    .values([...comments])
    .onConflictDoNothing();
}

/** Records that a comment's commands are being answered; false when they already were. */
export async function recordCommandComment(
  tx: Tx,
  command: { ghsaId: string; commentId: number; author: string; reportId: string | null },
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(ghsaCommands)
    .values({ ...command, answeredAt: now })
    .onConflictDoNothing()
    .returning({ commentId: ghsaCommands.commentId });
  return rows.length > 0;
}

/** A GHSA comment that carried commands for the bot, as psrt recorded answering it. */
export interface CommandComment {
  ghsaId: string;
  commentId: number;
  author: string;
  answeredAt: Date;
}

/** The command comments psrt answered on a report's GHSA, oldest first (the report's timeline). */
export async function listCommandComments(db: Db, reportId: string): Promise<CommandComment[]> {
  return db
    .select({
      ghsaId: ghsaCommands.ghsaId,
      commentId: ghsaCommands.commentId,
      author: ghsaCommands.author,
      answeredAt: ghsaCommands.answeredAt,
    })
    .from(ghsaCommands)
    .where(eq(ghsaCommands.reportId, reportId))
    .orderBy(asc(ghsaCommands.answeredAt), asc(ghsaCommands.commentId));
}
