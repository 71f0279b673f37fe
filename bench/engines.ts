// Fresh, migrated stores for the database benchmarks: a PGlite folder in a temp
// directory, or a throwaway database on the PostgreSQL server. Each comes with
// a cleanup that removes it, so a run leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Engine, openStore, type Store } from '../src/store/index.ts';
import type { Row } from './report.ts';

export const serverUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const redactedServer = serverUrl.replace(/\/\/[^@/]*@/, '//');

export const engineLabel: Record<Engine, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** Null when the server answers; otherwise a sentence saying why the PostgreSQL half is skipped. */
export async function serverProblem(): Promise<string | null> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `PostgreSQL skipped: no server at ${redactedServer} (${(error as Error).message || error}). Start it with \`pg_ctlcluster --skip-systemctl-redirect 15 main start\` or set BENCH_DATABASE_URL.`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface FreshStore {
  engine: Engine;
  store: Store;
  /** PostgreSQL only: the throwaway database, for more connections to it. */
  databaseUrl?: string;
  /** PGlite only: its folder, for a server to open once the store is closed. */
  dataDir?: string;
  /** Closes the store and deletes its folder or database. */
  dispose(): Promise<void>;
}

/** A new, empty, migrated store on `engine`. */
export async function freshStore(engine: Engine): Promise<FreshStore> {
  if (engine === 'pglite') {
    // A real folder, not memory: what `psrt serve` uses, with its file I/O.
    const dir = await mkdtemp(join(tmpdir(), 'psrt-bench-'));
    const dataDir = join(dir, 'data');
    const store = await openStore({ dataDir });
    await store.migrate();
    return {
      engine,
      store,
      dataDir,
      async dispose() {
        await store.close().catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `psrt_bench_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const store = await openStore({ databaseUrl: url.toString() });
    await store.migrate();
    return {
      engine,
      store,
      databaseUrl: url.toString(),
      async dispose() {
        await store.close().catch(() => {});
        await admin((client) => client.query(`drop database if exists ${name} with (force)`));
      },
    };
  } catch (error) {
    await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    throw error;
  }
}

/** The engines to run on: PGlite always, PostgreSQL when the server answers (else the reason it is skipped). */
export async function availableEngines(): Promise<{ engines: Engine[]; skipped: string | null }> {
  const problem = await serverProblem();
  return { engines: problem ? ['pglite'] : ['pglite', 'postgres'], skipped: problem };
}

/** The row a benchmark gives when PostgreSQL could not be reached, so the table says why. */
export const serverSkippedRow = (benchmark: string): Row => ({
  benchmark,
  name: 'PostgreSQL',
  value: Number.NaN,
  unit: '',
  note: 'skipped: server unreachable',
});
