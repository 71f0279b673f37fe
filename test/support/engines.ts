// Runs one test suite on both engines: PGlite in memory and a throwaway
// database on the PostgreSQL server. In CI (`CI` set) an unreachable server
// fails the run; locally the postgres half is skipped with a visible notice.

import { randomBytes } from 'node:crypto';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { type Engine, openStore, type Store } from '../../src/store/index.ts';
import * as schema from '../../src/store/schema.ts';

export const engines: readonly Engine[] = ['pglite', 'postgres'];

export const serverUrl =
  process.env.TEST_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';

async function serverProblemAt(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Null when the server answers; otherwise why not. Checked once per test file. */
export const serverProblem = await serverProblemAt(serverUrl);
const redactedServer = serverUrl.replace(/\/\/[^@/]*@/, '//');

if (serverProblem && !process.env.CI) {
  console.warn(
    `\n⚠ PostgreSQL tests skipped: no server at ${redactedServer} (${serverProblem}).\n` +
      '  Start one (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL. In CI they fail instead.\n',
  );
}

/** A new, empty database on the server, and how to drop it. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `psrt_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

const tableNames = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => `"${getTableName(table)}"`);

export interface EngineContext {
  engine: Engine;
  /** The suite's migrated store, emptied before each test. */
  store(): Store;
  /** Postgres only: the suite database's URL, to open more stores (other "instances") on it. */
  databaseUrl(): string | undefined;
}

/**
 * Registers `body` once per engine, as `name [engine]`. Each gets one store
 * per file (opening PGlite costs ~0.5 s), with every table emptied between tests;
 * with `shared`, never emptied: the tests read what a `beforeAll` built once.
 */
export function forEachEngine(
  name: string,
  body: (ctx: EngineContext) => void,
  options: { shared?: boolean } = {},
): void {
  for (const engine of engines) {
    const title = `${name} [${engine}]`;
    if (engine === 'postgres' && serverProblem) {
      if (process.env.CI) {
        describe(title, () => {
          it('has a PostgreSQL server to run on (required in CI)', () => {
            throw new Error(`No PostgreSQL server at ${redactedServer}: ${serverProblem}`);
          });
        });
      } else {
        describe.runIf(false)(`${title}: no PostgreSQL server at ${redactedServer}`, () => {
          it('needs a PostgreSQL server', () => {});
        });
      }
      continue;
    }
    describe(title, () => {
      let store: Store | undefined;
      let database: { url: string; drop(): Promise<void> } | undefined;
      beforeAll(async () => {
        if (engine === 'postgres') {
          database = await createServerDatabase();
          store = await openStore({ databaseUrl: database.url });
        } else {
          store = await openStore({ memory: true });
        }
        await store.migrate();
      });
      afterAll(async () => {
        await store?.close();
        await database?.drop();
      });
      beforeEach(async () => {
        if (options.shared) return;
        await store?.db.execute(`truncate table ${tableNames.join(', ')} restart identity cascade`);
      });
      body({
        engine,
        store: () => {
          if (!store) throw new Error('The store is opened in beforeAll; use it inside tests and hooks.');
          return store;
        },
        databaseUrl: () => database?.url,
      });
    });
  }
}
