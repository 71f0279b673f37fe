// The audit log in the database: appends chained events one at a time across
// all transactions and instances, and verifies the whole chain by streaming it
// in seq order. The hashing rules themselves are pure, in domain/audit.

import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import {
  type AuditEntry,
  type AuditEvent,
  type ChainVerdict,
  canonicalJson,
  chainEvent,
  createChainVerifier,
} from '../domain/audit.ts';
import type { Db, Tx } from './engine.ts';
import { auditEvents, jsonValue } from './schema.ts';

/** Any constant, the same in every psrt process ("psrt" + "audt" in ASCII). */
const auditLockKey = sql.raw('8102945998746510452');

/**
 * Appends an event chained to the last one. The transaction-scoped advisory
 * lock serializes appenders until commit, so seq stays gapless and every
 * prev_hash names the event that really came before.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<AuditEvent> {
  const [event] = await appendAuditEvents(tx, [entry]);
  if (!event) throw new Error('appendAuditEvents returned no event');
  return event;
}

/** Appends events in order, chained: one lock, one read of the head and one insert for all of them. */
export async function appendAuditEvents(tx: Tx, entries: readonly AuditEntry[]): Promise<AuditEvent[]> {
  if (entries.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const events: AuditEvent[] = [];
  let last: { seq: number; hash: string } | null = head ?? null;
  for (const entry of entries) {
    // Store exactly the JSON that was digested (Dates become ISO strings, undefined members go).
    const change: unknown = JSON.parse(canonicalJson(entry.change));
    const event = chainEvent(last, { ...entry, change });
    events.push(event);
    last = event;
  }
  await tx.insert(auditEvents).values(events.map((event) => ({ ...event, change: jsonValue(event.change) })));
  return events;
}

/** A subject's events (e.g. one report's history), oldest first. */
export async function listAudit(db: Db, subject: string): Promise<AuditEvent[]> {
  return db.select().from(auditEvents).where(eq(auditEvents.subject, subject)).orderBy(asc(auditEvents.seq));
}

/** `at` exactly as stored: milliseconds as JavaScript writes them, or microseconds if someone added any. */
const atText = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const asHashedIso = (text: string): string => (text.endsWith('000Z') ? `${text.slice(0, -4)}Z` : text);

/**
 * Reads the whole log in seq order, `batchSize` events per query (keyset
 * pagination), and verifies the chain. Names the first bad event, if any.
 */
export async function verifyAudit(
  db: Db,
  onProgress?: (checked: number) => void,
  options: { batchSize?: number } = {},
): Promise<ChainVerdict> {
  const batchSize = options.batchSize ?? 5000;
  const verifier = createChainVerifier();
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select({
        seq: auditEvents.seq,
        at: atText,
        actor: auditEvents.actor,
        action: auditEvents.action,
        subject: auditEvents.subject,
        change: auditEvents.change,
        digest: auditEvents.digest,
        prevHash: auditEvents.prevHash,
        hash: auditEvents.hash,
      })
      .from(auditEvents)
      .where(gt(auditEvents.seq, after))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    for (const row of rows) {
      const verdict = verifier.push({ ...row, at: asHashedIso(row.at) });
      if (verdict) return verdict;
    }
    checked += rows.length;
    if (rows.length > 0) onProgress?.(checked);
    const lastRow = rows.at(-1);
    if (!lastRow || rows.length < batchSize) break;
    after = lastRow.seq;
  }
  return verifier.end();
}

/** The stored hash of event `seq`, or null when there is no such event. */
export async function auditHashAt(db: Db, seq: number): Promise<string | null> {
  const [row] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.seq, seq));
  return row?.hash ?? null;
}

/** Narrowing the audit log's pages: one subject (a report id, `roster`…), one actor, events before a seq. */
export interface AuditPageFilter {
  subject?: string;
  /** A login or `system:NAME`, compared case-insensitively. */
  actor?: string;
  /** Keyset paging: only events older than this seq. */
  before?: number;
}

/** Events newest first, at most `limit`, for the audit log's pages. */
export async function listAuditPage(db: Db, filter: AuditPageFilter, limit: number): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        filter.subject !== undefined ? eq(auditEvents.subject, filter.subject) : undefined,
        filter.actor !== undefined ? sql`lower(${auditEvents.actor}) = lower(${filter.actor})` : undefined,
        filter.before !== undefined ? lt(auditEvents.seq, filter.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

/** The newest event with this action (the last verification, say), or null. */
export async function latestAuditEvent(db: Db, action: string): Promise<AuditEvent | null> {
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row ?? null;
}

/** The seq of the newest event; 0 while the log is empty. */
export async function auditHeadSeq(db: Db): Promise<number> {
  const [row] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row?.seq ?? 0;
}
