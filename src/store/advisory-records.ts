// Versions of the records a publication sends, kept forever: each is written in
// the transaction that approves it, before any effect sends it, and read back
// by the effect that sends it (so a retry sends exactly what was approved).
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from './engine.ts';
import { advisoryRecords, recordFormats } from './schema.ts';

export type RecordFormatName = (typeof recordFormats)[number];
export type StoredRecord = typeof advisoryRecords.$inferSelect;

export interface NewRecordVersion {
  reportId: string;
  format: RecordFormatName;
  content: unknown;
  createdBy: string;
  createdAt: Date;
}

/** Adds the next version of a report's record in `format`, and returns it with its id and version. */
export async function addRecordVersion(tx: Tx, record: NewRecordVersion): Promise<StoredRecord> {
  const [last] = await tx
    .select({ version: advisoryRecords.version })
    .from(advisoryRecords)
    .where(and(eq(advisoryRecords.reportId, record.reportId), eq(advisoryRecords.format, record.format)))
    .orderBy(desc(advisoryRecords.version))
    .limit(1);
  const [stored] = await tx
    .insert(advisoryRecords)
    .values({ ...record, version: (last?.version ?? 0) + 1 })
    .returning();
  if (!stored) throw new Error(`Could not store the ${record.format} record of ${record.reportId}.`);
  return stored;
}

export async function getRecordVersion(db: Db, id: number): Promise<StoredRecord | null> {
  const [row] = await db.select().from(advisoryRecords).where(eq(advisoryRecords.id, id));
  return row ?? null;
}

/** A report's record versions, oldest first (every format). */
export async function listRecordVersions(db: Db, reportId: string): Promise<StoredRecord[]> {
  return db
    .select()
    .from(advisoryRecords)
    .where(eq(advisoryRecords.reportId, reportId))
    .orderBy(asc(advisoryRecords.id));
}

export { recordFormats };
