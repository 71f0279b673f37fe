// Backing up, restoring and moving psrt's database at the terminal, with the
// real `psrt` command: an operator's data folder (the devguide's roster and two
// reports made with psrt) dumped to a file only they can read, restored into a
// new folder, and moved to a PostgreSQL database; each compared table by table
// with the original, and each audit log verified by `psrt audit verify`.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireFolderLock } from '../../src/store/folder-lock.ts';
import { openStore, type StoreOptions } from '../../src/store/index.ts';
import { snapshot } from '../store/dump-world.ts';
import { createServerDatabase, serverProblem } from '../support/engines.ts';
import { cleanEnv, json, psrt, rosterWorkspace, type Workspace, workspace } from './psrt.ts';

const source: Workspace = await rosterWorkspace();
const target: Workspace = workspace();
afterAll(() => {
  source.remove();
  target.remove();
});
const backup = join(source.dir, 'psrt.dump.gz');

/** Every table's rows, read with psrt stopped (nothing else holds the folder then). */
async function tablesOf(options: StoreOptions) {
  const store = await openStore(options);
  try {
    return await snapshot(store);
  } finally {
    await store.close();
  }
}

/** The restored tables but for the one audit event that records the restore or move itself. */
function withoutRecordOf(tables: Record<string, string[]>, action: string) {
  const events = tables.audit_events ?? [];
  const recording = events.filter((row) => row.includes(`,${action},`));
  expect(recording).toHaveLength(1);
  return { ...tables, audit_events: events.filter((row) => !recording.includes(row)) };
}

describe('psrt db dump, restore and move at the terminal', () => {
  let original: Record<string, string[]>;
  beforeAll(async () => {
    for (const title of ['zipfile: crafted archive', 'tarfile: "links" escape {the} filter'])
      expect(
        (
          await psrt(source.dir, [
            'report',
            'create',
            '--as',
            'sethmlarson',
            '--repo',
            'python/cpython',
            '--title',
            title,
          ])
        ).code,
      ).toBe(0);
    original = await tablesOf({ dataDir: source.dataDir });
  }, 60_000);

  it('psrt db dump writes the whole database to a gzip file only its owner can read, and never over a file', async () => {
    const dumped = await psrt(source.dir, ['db', 'dump', backup, '--json']);
    expect(dumped.stderr).toBe('');
    const summary = json<{ file: string; rows: number; tables: { table: string; rows: number }[] }>(dumped);
    const inTables = Object.values(original).reduce((sum, rows) => sum + rows.length, 0);
    expect(summary).toMatchObject({ file: backup, rows: inTables });
    expect(summary.tables.map((t) => t.table).sort()).toEqual(Object.keys(original).sort());
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    const header = JSON.parse(gunzipSync(readFileSync(backup)).toString('utf8').split('\n')[0] ?? '');
    expect(header).toMatchObject({ format: 'psrt-dump', version: 1, engine: 'pglite' });

    const bytes = readFileSync(backup);
    const again = await psrt(source.dir, ['db', 'dump', backup]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists: psrt db dump never writes over a file');
    expect(readFileSync(backup)).toEqual(bytes);
    expect((await psrt(source.dir, ['db', 'dump', backup, '--force'])).code).toBe(0);
  });

  it('psrt db dump of a data folder that psrt serve holds says so, and writes nothing', async () => {
    const lock = acquireFolderLock(source.dataDir);
    try {
      const refused = await psrt(source.dir, ['db', 'dump', join(source.dir, 'held.dump.gz')]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `Cannot dump the database now. The database folder ${source.dataDir} is in use by process ${process.pid}`,
      );
      expect(() => statSync(join(source.dir, 'held.dump.gz'))).toThrow();
    } finally {
      lock.release();
    }
  });

  it('psrt db restore into a new data folder gives back every table, records the restore, and the audit log verifies', async () => {
    const restored = await psrt(target.dir, ['db', 'restore', backup]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      /^restored \d+ rows in \d+ tables from a pglite dump of .*\nrecorded as audit event #\d+ \(db\.restore\); audit log intact: \d+ events verified\n$/,
    );
    expect(withoutRecordOf(await tablesOf({ dataDir: target.dataDir }), 'db.restore')).toEqual(original);
    const verified = await psrt(target.dir, ['audit', 'verify', '--as', 'sethmlarson']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('audit log intact');
  });

  it('psrt db restore refuses a database that holds data, and a cut-short dump, changing nothing', async () => {
    const before = await tablesOf({ dataDir: target.dataDir });
    const again = await psrt(target.dir, ['db', 'restore', backup]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('This database is not empty');
    expect(again.stderr).toContain('pass --replace');

    const cut = join(target.dir, 'cut.dump.gz');
    writeFileSync(cut, readFileSync(backup).subarray(0, Math.floor(statSync(backup).size * 0.7)));
    const damaged = await psrt(target.dir, ['db', 'restore', cut, '--replace']);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(
      /The dump cannot be restored: .*damaged or cut short.* Nothing was changed\./,
    );
    expect(await tablesOf({ dataDir: target.dataDir })).toEqual(before);
  });

  it.runIf(!serverProblem)(
    'psrt db move copies the data folder into an empty PostgreSQL database and says to set DATABASE_URL',
    async () => {
      const database = await createServerDatabase();
      try {
        const password = new URL(database.url).password;
        const moved = await psrt(source.dir, ['db', 'move', '--to', database.url]);
        expect(moved.stderr).toBe('');
        expect(moved.code).toBe(0);
        expect(moved.stdout).toContain('(db.move); audit log intact');
        expect(moved.stdout).toContain('Next: set DATABASE_URL to that database');
        if (password) expect(moved.stdout).not.toContain(`:${password}@`);
        expect(withoutRecordOf(await tablesOf({ databaseUrl: database.url }), 'db.move')).toEqual(original);
        // The folder is left as it was.
        expect(await tablesOf({ dataDir: source.dataDir })).toEqual(original);

        const env = cleanEnv({ DATABASE_URL: database.url });
        expect((await psrt(source.dir, ['audit', 'verify', '--as', 'sethmlarson'], env)).code).toBe(0);
        const listed = json<{ total: number }>(
          await psrt(source.dir, ['report', 'list', '--as', 'sethmlarson', '--json'], env),
        );
        expect(listed.total).toBe(2);

        const twice = await psrt(source.dir, ['db', 'move', '--to', database.url]);
        expect(twice.code).toBe(1);
        expect(twice.stderr).toContain('already holds psrt data');
      } finally {
        await database.drop();
      }
    },
    120_000,
  );
});
