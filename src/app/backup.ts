// Backing up, restoring and moving psrt's database (`psrt db dump|restore|move`):
// the files and connections around store/dump. A dump is written under a
// temporary name and only then given its own, never over an existing file unless
// asked; a restore or move is one transaction on the target, which also records
// in the audit log that it happened, chained after the events it restored.
import { createReadStream, createWriteStream, existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import type { AuditEvent, ChainVerdict } from '../domain/audit.ts';
import {
  appendAudit,
  DumpError,
  dumpLines,
  type Engine,
  openStore,
  RestoreRefused,
  type RestoreSummary,
  restoreLines,
  type Store,
  type TableCount,
  type TransferProgress,
  tablesWithRows,
  verifyAudit,
} from '../store/index.ts';
import { UseCaseError } from './errors.ts';

/** Where a database is, as the configuration says: a PostgreSQL server, or else a PGlite folder. */
export interface DatabaseLocation {
  databaseUrl: string | null;
  dataDir: string | null;
}

/** Who records restores and moves in the audit log: the command itself, run by the operator. */
export const databaseActor = 'system:db';

export interface TransferOptions {
  now?: () => Date;
  onProgress?: TransferProgress;
}

/** A PostgreSQL URL without its password, fit to print. */
export function withoutPassword(url: string): string {
  if (!URL.canParse(url)) return 'the URL given';
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function openExisting(location: DatabaseLocation, doing: string): Promise<Store> {
  if (!location.databaseUrl && location.dataDir && !existsSync(join(location.dataDir, 'PG_VERSION')))
    throw new UseCaseError(
      'not-found',
      `There is no psrt database in ${location.dataDir} to ${doing}. Check database.dataDir (or DATABASE_URL).`,
    );
  return openLocation(location, doing);
}

async function openLocation(location: DatabaseLocation, doing: string): Promise<Store> {
  try {
    return await openStore({
      databaseUrl: location.databaseUrl ?? undefined,
      dataDir: location.dataDir ?? undefined,
    });
  } catch (error) {
    // The embedded folder is locked by a running psrt serve: one process at a time may open it.
    if ((error as Error).name === 'FolderLockedError')
      throw new UseCaseError('refused', `Cannot ${doing} now. ${(error as Error).message}`);
    throw error;
  }
}

export interface DumpResult {
  /** Null when written to a stream (stdout). */
  file: string | null;
  engine: Engine;
  migration: string | null;
  tables: TableCount[];
  rows: number;
  /** Size of the dump as written (gzip'd). */
  bytes: number;
}

/**
 * Dumps the database to `file` (gzip'd JSON lines, readable only by its owner),
 * or to `stream`. A file is written under a temporary name and renamed when
 * complete, so a failed dump leaves nothing; an existing file is kept unless `force`.
 */
export async function dumpDatabase(
  location: DatabaseLocation,
  to: { file: string; force?: boolean } | { stream: Writable },
  options: TransferOptions = {},
): Promise<DumpResult> {
  const file = 'file' in to ? to.file : null;
  if ('file' in to && !to.force && existsSync(to.file))
    throw new UseCaseError(
      'refused',
      `${to.file} exists: psrt db dump never writes over a file. Name a new file, or pass --force to replace it.`,
    );
  const store = await openExisting(location, 'dump the database');
  const counts: TableCount[] = [];
  let migration: string | null = null;
  let bytes = 0;
  const counter = new PassThrough();
  counter.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const partial = file ? join(dirname(file), `.${basename(file)}.partial-${process.pid}`) : null;
  try {
    await store.transaction(async (tx) => {
      const lines = dumpLines(tx, store.engine, {
        now: options.now?.(),
        onHeader: (header) => {
          migration = header.migration.tag;
        },
        onProgress: (event) => {
          const last = counts.at(-1);
          if (last?.table === event.table) last.rows = event.rows;
          else counts.push({ table: event.table, rows: event.rows });
          options.onProgress?.(event);
        },
      });
      // A file is ended (closed) with the dump; stdout stays open for the summary that may follow.
      if (partial)
        await pipeline(
          Readable.from(lines),
          createGzip(),
          counter,
          createWriteStream(partial, { mode: 0o600, flags: 'wx' }),
        );
      else if ('stream' in to)
        await pipeline(Readable.from(lines), createGzip(), counter, to.stream, { end: false });
    });
    if (file && partial) {
      // link() refuses an existing name: a file that appeared meanwhile is not replaced either.
      if ('force' in to && to.force) renameSync(partial, file);
      else linkSync(partial, file);
    }
  } finally {
    if (partial) rmSync(partial, { force: true });
    await store.close();
  }
  return { file, engine: store.engine, migration, tables: counts, rows: total(counts), bytes };
}

const total = (counts: readonly TableCount[]) => counts.reduce((sum, count) => sum + count.rows, 0);

/** The lines of a dump file, gzip'd or not (a dump someone unpacked to read it restores too). */
async function* dumpFileLines(file: string): AsyncGenerator<string> {
  const handle = await open(file, 'r');
  const magic = Buffer.alloc(2);
  await handle.read(magic, 0, 2, 0);
  await handle.close();
  const raw = createReadStream(file);
  const bytes = magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => bytes.destroy(error));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of bytes) {
    const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

export interface RestoreResult {
  /** What the dump was: where it came from and when it was made. */
  from: { engine: Engine; createdAt: string; migration: string | null };
  engine: Engine;
  tables: TableCount[];
  rows: number;
  /** Tables that held rows before a restore with `replace`. */
  replaced: TableCount[];
  /** The audit event recording the restore or move. */
  recorded: Pick<AuditEvent, 'seq' | 'action'>;
  /** The audit chain checked once the restore was committed. */
  audit: ChainVerdict;
}

/** Restores in one transaction and records it in the audit log in the same one. */
async function restoreInto(
  store: Store,
  lines: () => AsyncIterable<string>,
  action: 'db.restore' | 'db.move',
  options: TransferOptions & { replace?: boolean },
): Promise<RestoreResult> {
  const now = options.now ?? (() => new Date());
  const { summary, event } = await store
    .transaction(async (tx) => {
      const summary: RestoreSummary = await restoreLines(tx, lines(), {
        replace: options.replace,
        onProgress: options.onProgress,
      });
      const from = {
        engine: summary.header.engine,
        createdAt: summary.header.createdAt,
        migration: summary.header.migration.tag,
      };
      const event = await appendAudit(tx, {
        actor: databaseActor,
        action,
        subject: 'database',
        at: now(),
        change: { from, tables: summary.tables, rows: summary.rows, replaced: summary.replaced },
      });
      return { summary, event };
    })
    .catch((error: unknown) => {
      if (error instanceof DumpError)
        throw new UseCaseError(
          'invalid',
          `The dump cannot be restored: ${error.message}. Nothing was changed.`,
        );
      if (error instanceof RestoreRefused)
        throw new UseCaseError('refused', `${error.message} Nothing was changed.`);
      throw error;
    });
  return {
    from: {
      engine: summary.header.engine,
      createdAt: summary.header.createdAt,
      migration: summary.header.migration.tag,
    },
    engine: store.engine,
    tables: summary.tables,
    rows: summary.rows,
    replaced: summary.replaced,
    recorded: { seq: event.seq, action: event.action },
    audit: await verifyAudit(store.db),
  };
}

/** A database with no psrt schema yet is empty by definition: restoring into it sets the schema up first. */
async function migratedIfNew(store: Store): Promise<void> {
  if (!(await store.hasSchema())) await store.migrate();
}

/**
 * Restores `file` into the configured database: a new or empty one, or (with
 * `replace`) one whose rows are all deleted first. A damaged or cut-short dump
 * changes nothing, and the error names the line.
 */
export async function restoreDatabase(
  location: DatabaseLocation,
  file: string,
  options: TransferOptions & { replace?: boolean } = {},
): Promise<RestoreResult> {
  if (!existsSync(file)) throw new UseCaseError('not-found', `There is no file ${file} to restore.`);
  const store = await openLocation(location, 'restore into the database');
  try {
    await migratedIfNew(store);
    return await restoreInto(store, () => dumpFileLines(file), 'db.restore', options);
  } finally {
    await store.close();
  }
}

export interface MoveResult extends RestoreResult {
  /** The target's URL without its password. */
  to: string;
}

/**
 * Copies the configured database (the embedded folder, usually) into the empty
 * PostgreSQL database at `toUrl`: one snapshot of the source read and written
 * in one transaction of the target. The source is left as it was.
 */
export async function moveDatabase(
  location: DatabaseLocation,
  toUrl: string,
  options: TransferOptions = {},
): Promise<MoveResult> {
  if (!/^postgres(ql)?:\/\//.test(toUrl) || !URL.canParse(toUrl))
    throw new UseCaseError(
      'invalid',
      '--to must be a PostgreSQL URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE.',
    );
  const to = withoutPassword(toUrl);
  if (location.databaseUrl && new URL(location.databaseUrl).toString() === new URL(toUrl).toString())
    throw new UseCaseError('invalid', `${to} is the configured database itself: --to must name another one.`);
  const source = await openExisting(location, 'move the database');
  try {
    if ((await source.pendingMigrations()) > 0)
      throw new UseCaseError(
        'refused',
        'The configured database is not up to date with this psrt: run `psrt db migrate` first, then move it.',
      );
    let target: Store;
    try {
      target = await openStore({ databaseUrl: toUrl });
    } catch (error) {
      throw new UseCaseError(
        'refused',
        `Cannot connect to ${to} (--to): ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`,
      );
    }
    try {
      if ((await target.hasSchema()) && (await tablesWithRows(target.db)).length > 0)
        throw new UseCaseError(
          'refused',
          `${to} already holds psrt data: move into a new, empty database (createdb), so nothing there is lost.`,
        );
      await target.migrate();
      // The target's transaction runs inside the source's snapshot: rows go from one to the other as read.
      const result = await source.transaction((sourceTx) =>
        restoreInto(
          target,
          () => dumpLines(sourceTx, source.engine, { now: options.now?.() }),
          'db.move',
          options,
        ),
      );
      return { ...result, to };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
