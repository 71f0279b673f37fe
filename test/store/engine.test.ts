import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderLockedError, openStore, type Store } from '../../src/store/index.ts';
import { insertReport } from '../../src/store/reports.ts';
import { reports } from '../../src/store/schema.ts';
import { createServerDatabase, forEachEngine, serverProblem } from '../support/engines.ts';
import { at, minimalReport } from './fixtures.ts';

const journal = JSON.parse(
  readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
) as {
  entries: unknown[];
};

async function appliedMigrations(store: Store): Promise<number> {
  const result = (await store.db.execute(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  )) as unknown as {
    rows: { n: number }[];
  };
  return result.rows[0]?.n ?? -1;
}

forEachEngine('migrations', ({ engine, store }) => {
  it('applying migrations again changes nothing', async () => {
    expect(await appliedMigrations(store())).toBe(journal.entries.length);
    await store().migrate();
    await store().migrate();
    expect(await appliedMigrations(store())).toBe(journal.entries.length);
  });

  it('a migrated database has no migrations pending', async () => {
    expect(await store().pendingMigrations()).toBe(0);
  });

  it('answers a health check', async () => {
    await expect(store().ping()).resolves.toBeUndefined();
  });

  it('the hourly maintenance leaves the data as it was', async () => {
    await fillReports(store(), 40);
    await store().maintain();
    const [row] = await store().db.select({ n: count() }).from(reports);
    expect(row?.n).toBe(40);
  });

  // PGlite runs no autovacuum: without maintain()'s ANALYZE the planner keeps the row count it
  // saw at migration (none), and plans the open-reports page as if the table were empty forever.
  if (engine === 'pglite') {
    it("the embedded database's maintenance tells the planner how many reports there now are", async () => {
      await fillReports(store(), 40);
      expect(await plannerRowCount(store(), 'reports')).toBe(0);
      await store().maintain();
      expect(await plannerRowCount(store(), 'reports')).toBe(40);
    });
  }
});

async function fillReports(store: Store, n: number): Promise<void> {
  const received = at('2026-03-01T00:00:00.000Z');
  for (let i = 1; i <= n; i++) {
    const id = `PSRT-2026-${String(i).padStart(4, '0')}`;
    await insertReport(store.db, minimalReport({ id }), received);
  }
}

/** What the planner believes a table holds (pg_class.reltuples; ANALYZE sets it). */
async function plannerRowCount(store: Store, table: string): Promise<number> {
  const result = (await store.db.execute(
    sql`select reltuples::int as n from pg_class where relname = ${table} and relkind = 'r'`,
  )) as unknown as { rows: { n: number }[] };
  return Math.max(result.rows[0]?.n ?? -1, 0);
}

describe.runIf(!serverProblem)('migrations on a shared PostgreSQL server', () => {
  it('two instances starting at once on an empty database both come up, migrated once', async () => {
    const database = await createServerDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ databaseUrl: database.url })));
    try {
      await Promise.all(stores.map((store) => store.migrate()));
      for (const store of stores) expect(await appliedMigrations(store)).toBe(journal.entries.length);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await database.drop();
    }
  });
});

describe('checking for pending migrations', () => {
  it('an empty embedded database lacks every committed migration until it is migrated', async () => {
    const store = await openStore({ memory: true });
    try {
      expect(await store.pendingMigrations()).toBe(journal.entries.length);
      await store.migrate();
      expect(await store.pendingMigrations()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it.runIf(!serverProblem)(
    'an empty PostgreSQL database lacks every committed migration until it is migrated',
    async () => {
      const database = await createServerDatabase();
      const store = await openStore({ databaseUrl: database.url });
      try {
        expect(await store.pendingMigrations()).toBe(journal.entries.length);
        await store.migrate();
        expect(await store.pendingMigrations()).toBe(0);
      } finally {
        await store.close();
        await database.drop();
      }
    },
  );
});

describe('opening a store', () => {
  it('without a database to use says what to set', async () => {
    await expect(openStore({})).rejects.toThrow(/DATABASE_URL/);
  });

  it('with an unreachable DATABASE_URL says so', async () => {
    await expect(openStore({ databaseUrl: 'postgres://nobody:x@127.0.0.1:1/none' })).rejects.toThrow(
      /Cannot connect to the PostgreSQL server in DATABASE_URL/,
    );
  });
});

describe('a PGlite data folder', () => {
  const folders: string[] = [];
  const stores: Store[] = [];
  const newFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'psrt-store-'));
    folders.push(folder);
    return folder;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('keeps its data across close and reopen (closing frees it for the next process)', async () => {
    const dataDir = newFolder();
    const first = await openStore({ dataDir });
    await first.migrate();
    await first.db.execute(sql`insert into report_counters (year, last) values (2026, 7)`);
    await first.close();
    const second = await openStore({ dataDir });
    stores.push(second);
    await second.migrate();
    const result = (await second.db.execute(sql`select last from report_counters`)) as unknown as {
      rows: { last: number }[];
    };
    expect(result.rows).toEqual([{ last: 7 }]);
  });

  it('cannot be opened by a second store while the first has it open, and the error names the holder', async () => {
    const dataDir = newFolder();
    stores.push(await openStore({ dataDir }));
    const attempt = openStore({ dataDir });
    await expect(attempt).rejects.toBeInstanceOf(FolderLockedError);
    await expect(attempt).rejects.toThrow(new RegExp(`process ${process.pid}.*DATABASE_URL`));
  });

  it('left locked by a process that died is taken over', async () => {
    const dataDir = newFolder();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      join(dataDir, 'psrt.lock'),
      JSON.stringify({
        pid: dead,
        host: hostname(),
        startTicks: 1,
        startedAt: '2026-01-01T00:00:00Z',
        token: 'old',
      }),
    );
    const store = await openStore({ dataDir });
    stores.push(store);
    const lock = JSON.parse(readFileSync(join(dataDir, 'psrt.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
  });

  it('locked by a live process on this machine stays locked', async () => {
    const dataDir = newFolder();
    writeFileSync(
      join(dataDir, 'psrt.lock'),
      JSON.stringify({
        pid: process.ppid,
        host: hostname(),
        startTicks: null,
        startedAt: 'earlier',
        token: 'x',
      }),
    );
    await expect(openStore({ dataDir })).rejects.toThrow(`process ${process.ppid}`);
  });

  it('that is not empty and holds no psrt database is refused, naming the folder and what to set', async () => {
    const dataDir = newFolder();
    writeFileSync(join(dataDir, 'thesis.tex'), 'years of work');
    const attempt = openStore({ dataDir });
    await expect(attempt).rejects.toThrow(`The database folder ${dataDir} is not empty`);
    await expect(attempt).rejects.toThrow('database.dataDir');
    // Nothing was written among the files: not even a lock.
    expect(readdirSync(dataDir)).toEqual(['thesis.tex']);
  });

  it('that is a file is refused, saying it is not a folder', async () => {
    const file = join(newFolder(), 'data');
    writeFileSync(file, '');
    await expect(openStore({ dataDir: file })).rejects.toThrow('is a file, not a folder');
  });

  it('that does not exist yet, or is empty, is made into a database', async () => {
    const parent = newFolder();
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    for (const dataDir of [join(parent, 'new'), empty]) {
      const store = await openStore({ dataDir });
      stores.push(store);
      await store.migrate();
      expect(readdirSync(dataDir)).toContain('PG_VERSION');
    }
  });
});
