// Opens the one schema on either engine: PGlite (in a local folder, or in
// memory for tests) or a PostgreSQL server through DATABASE_URL, and applies
// the committed migrations in drizzle/. Query code sees one `Db`/`Tx` type.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { packageFile } from '../config/package-files.ts';
import { acquireFolderLock, lockFileName } from './folder-lock.ts';
import { advisoryLeadership, type Leadership, soleLeadership } from './leadership.ts';
import { backfillReportSeverity } from './reports.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle usable with both engines; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A handle inside a transaction: functions that lock rows or take advisory locks require it. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Engine = 'pglite' | 'postgres';

export interface StoreOptions {
  /** `postgres://…`: use this server. Wins over `dataDir` and `memory`. */
  databaseUrl?: string;
  /** Folder of an embedded PGlite database; created if missing. Only one process may open it. */
  dataDir?: string;
  /** An embedded in-memory database, gone on close (tests, sandbox). */
  memory?: boolean;
  /** A server that does not accept a connection this soon is an error (default: no limit). */
  connectTimeoutMs?: number;
}

export interface Store {
  engine: Engine;
  db: Db;
  /**
   * Runs `fn` in one transaction. On PGlite there is a single connection: inside
   * `fn` use only `tx`, never `store.db` (it would wait for this transaction forever).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Applies pending migrations; idempotent, and safe when several processes race. */
  migrate(): Promise<void>;
  /** How many committed migrations this database lacks (all of them when it is empty); cheap, changes nothing. */
  pendingMigrations(): Promise<number>;
  /**
   * `pending` as above, and `unknown`: migrations applied here that this psrt's journal does not
   * have (a newer psrt applied them). Cheap, changes nothing.
   */
  migrationStatus(): Promise<MigrationStatus>;
  /** Whether psrt's schema was ever created here (false for a new, empty database). */
  hasSchema(): Promise<boolean>;
  /** A trivial query, for health checks: rejects when the database cannot answer. */
  ping(): Promise<void>;
  /** Refreshes planner statistics where nothing else does (PGlite has no autovacuum); a no-op on a server. */
  maintain(): Promise<void>;
  /**
   * One process at a time on this database leads (src/store/leadership.ts):
   * it does the work several would only repeat. close() gives the lead up.
   */
  leader: Leadership;
  close(): Promise<void>;
}

const migrationsFolder = packageFile('drizzle');

/** Any constant works; it only has to be the same in every psrt process. ("psrt" + "migr" in ASCII.) */
const migrationLockKey = 0x70737274_6d696772n;

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.connectTimeoutMs);
  if (options.dataDir) return openPglite(options.dataDir);
  if (options.memory) return openPglite(undefined);
  throw new Error('openStore needs a database: set DATABASE_URL, or a data folder, or memory: true.');
}

/** Whether drizzle's record of migrations exists: any psrt schema at all. */
async function schemaPresent(db: Db): Promise<boolean> {
  const result = (await db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  )) as unknown as { rows: Array<{ present: boolean }> };
  return result.rows[0]?.present === true;
}

export interface MigrationStatus {
  pending: number;
  unknown: number;
}

/** The committed migrations, oldest first: drizzle records each applied one by its `when`. */
export function migrationJournal(): Array<{ tag: string; when: number }> {
  return (
    JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
      entries: Array<{ tag: string; when: number }>;
    }
  ).entries;
}

/** Compares drizzle's record of applied migrations with the journal committed beside them. */
async function readMigrationStatus(db: Db): Promise<MigrationStatus> {
  const journal = { entries: migrationJournal() };
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
  const [table] = await rows(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!table?.present) return { pending: journal.entries.length, unknown: 0 };
  const newest = Math.max(-1, ...journal.entries.map((entry) => entry.when));
  // Drizzle's migrator does the same: a migration is applied when one at least as recent is recorded.
  const [last] = await rows(
    sql`select max(created_at) as at, count(*) filter (where created_at > ${newest}) as unknown from drizzle.__drizzle_migrations`,
  );
  const appliedUpTo = last?.at === null || last?.at === undefined ? -1 : Number(last.at);
  return {
    pending: journal.entries.filter((entry) => entry.when > appliedUpTo).length,
    unknown: Number(last?.unknown ?? 0),
  };
}

async function openServer(databaseUrl: string, connectTimeoutMs?: number): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    ...(connectTimeoutMs ? { connectionTimeoutMillis: connectTimeoutMs } : {}),
  });
  // Without a listener, an idle client losing its connection would crash the process.
  pool.on('error', () => {});
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end();
    throw new Error(
      `Cannot connect to the PostgreSQL server in DATABASE_URL: ${(error as Error).message}. ` +
        'Check that the server is running and that DATABASE_URL names it.',
      { cause: error },
    );
  }
  const db = drizzleNodePg(pool, { schema });
  const leader = advisoryLeadership(databaseUrl);
  return {
    engine: 'postgres',
    db,
    transaction: (fn) => db.transaction(fn),
    async migrate() {
      // Session-level advisory lock on one connection: a second process waits,
      // then finds nothing pending. Drizzle's migrator alone races on CREATE SCHEMA.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [migrationLockKey.toString()]);
        try {
          await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [migrationLockKey.toString()]);
        }
      } finally {
        client.release();
      }
      await backfillReportSeverity(db);
    },
    pendingMigrations: async () => (await readMigrationStatus(db)).pending,
    migrationStatus: () => readMigrationStatus(db),
    hasSchema: () => schemaPresent(db),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    maintain: async () => {},
    leader,
    async close() {
      await leader.stepDown();
      await pool.end();
    },
  };
}

/**
 * Refuses a folder that is something else: PGlite would write a database into
 * any folder it is given, mixing its files with (and possibly over) what is
 * there. Ours is missing, empty, or holds PGlite's PG_VERSION or our lock.
 */
function checkDataFolder(dataDir: string): void {
  let entries: string[];
  try {
    if (!statSync(dataDir).isDirectory())
      throw new Error(
        `The database folder ${dataDir} is a file, not a folder. Set database.dataDir to a folder psrt may create.`,
      );
    entries = readdirSync(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const ours = entries.some((name) => name === 'PG_VERSION' || name.startsWith(lockFileName));
  if (entries.length > 0 && !ours)
    throw new Error(
      `The database folder ${dataDir} is not empty and holds no psrt database (no PG_VERSION): ` +
        'psrt will not write a database among other files. Set database.dataDir in psrt.config.json to a new ' +
        'or empty folder, or to the folder of an existing psrt database.',
    );
}

async function openPglite(dataDir: string | undefined): Promise<Store> {
  if (dataDir) checkDataFolder(dataDir);
  const lock = dataDir ? acquireFolderLock(dataDir) : undefined;
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  return {
    engine: 'pglite',
    db,
    transaction: (fn) => db.transaction(fn),
    // One process per folder (the lock) and one connection: nothing to race with. PGlite runs no
    // autovacuum, so without this ANALYZE the planner has no statistics and the open-reports page
    // sorts every open report instead of reading one page of the deadline index.
    migrate: async () => {
      await migratePglite(db, { migrationsFolder });
      await backfillReportSeverity(db);
      await db.execute(sql`analyze`);
    },
    pendingMigrations: async () => (await readMigrationStatus(db)).pending,
    migrationStatus: () => readMigrationStatus(db),
    hasSchema: () => schemaPresent(db),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    maintain: async () => {
      await db.execute(sql`vacuum analyze`);
    },
    leader: soleLeadership(),
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * The store as seen from inside `tx`: its queries run in `tx`, and a
 * transaction begun on it is a savepoint of `tx` (rolled back alone if it
 * fails). Lets a use-case run inside a larger transaction, such as the bot
 * carrying out a command in the transaction that records it was answered.
 */
export function storeWithin(store: Store, tx: Tx): Store {
  return { ...store, db: tx, transaction: (fn) => tx.transaction(fn) };
}
