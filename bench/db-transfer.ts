// Backup, restore and move (`psrt db dump|restore|move`) on both engines: a
// sandbox-sized database (the real roster and 50 reports with their history)
// and a large one (10,000 reports), each dumped to a file, restored into a new
// database of the same engine, and the PGlite folder moved to PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseLocation, dumpDatabase, moveDatabase, restoreDatabase } from '../src/app/backup.ts';
import { resolvePrincipal } from '../src/app/roster.ts';
import type { Engine } from '../src/store/index.ts';
import { availableEngines, engineLabel, type FreshStore, freshStore, serverSkippedRow } from './engines.ts';
import { type BenchOptions, progress, type Row, scaled, timed } from './report.ts';
import {
  advancePlanned,
  clockedContext,
  createPlanned,
  importSandboxRoster,
  planReports,
} from './workload.ts';

const benchmark = 'db-transfer';

const locationOf = (fresh: FreshStore): DatabaseLocation => ({
  databaseUrl: fresh.databaseUrl ?? null,
  dataDir: fresh.dataDir ?? null,
});

/** A new database on `engine` holding the roster and `count` reports moved to their planned fates. */
async function populated(engine: Engine, count: number): Promise<FreshStore> {
  const fresh = await freshStore(engine);
  const ctx = clockedContext(fresh.store);
  await importSandboxRoster(ctx);
  const plan = planReports(count);
  await createPlanned(ctx, await resolvePrincipal(ctx, 'sethmlarson'), plan);
  await advancePlanned(ctx, plan);
  // The dump and restore open the database themselves, as `psrt db …` does: the folder must be free.
  if (engine === 'pglite') await fresh.store.close();
  return fresh;
}

async function onEngine(engine: Engine, sizes: { label: string; reports: number }[], dir: string) {
  const rows: Row[] = [];
  const label = engineLabel[engine];
  for (const size of sizes) {
    progress(benchmark, `${label}: ${size.label}: creating ${size.reports} reports with their history`);
    const source = await populated(engine, size.reports);
    const target = await freshStore(engine);
    if (engine === 'pglite') await target.store.close();
    try {
      const file = join(dir, `${engine}-${size.reports}.dump.gz`);
      progress(benchmark, `${label}: ${size.label}: dump`);
      const dumped = await timed(() => dumpDatabase(locationOf(source), { file }));
      progress(benchmark, `${label}: ${size.label}: restore into a new database`);
      const restored = await timed(() => restoreDatabase(locationOf(target), file));
      const note = `${dumped.result.rows.toLocaleString('en-US')} rows, ${Math.ceil(dumped.result.bytes / 1024).toLocaleString('en-US')} KiB gzip'd`;
      rows.push(
        { benchmark, name: `${label}: dump, ${size.label}`, value: dumped.ms / 1000, unit: 's', note },
        {
          benchmark,
          name: `${label}: restore, ${size.label}`,
          value: restored.ms / 1000,
          unit: 's',
          note: `${restored.result.rows.toLocaleString('en-US')} rows, audit chain verified after (included)`,
        },
      );
    } finally {
      await source.dispose();
      await target.dispose();
    }
  }
  return rows;
}

/** The large database's PGlite folder moved into a new PostgreSQL database, as `psrt db move` does. */
async function move(reports: number): Promise<Row> {
  progress(benchmark, `PGlite → PostgreSQL: move, ${reports} reports`);
  const source = await populated('pglite', reports);
  const target = await freshStore('postgres');
  try {
    // A migrated, empty database, as `psrt db move` takes (it would set the schema up in a bare one).
    const moved = await timed(() => moveDatabase(locationOf(source), target.databaseUrl ?? ''));
    return {
      benchmark,
      name: `PGlite → PostgreSQL: move, ${reports.toLocaleString('en-US')} reports`,
      value: moved.ms / 1000,
      unit: 's',
      note: `${moved.result.rows.toLocaleString('en-US')} rows, schema and audit verification included`,
    };
  } finally {
    await source.dispose();
    await target.dispose();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const { engines, skipped } = await availableEngines();
  const large = scaled(10_000, options, 200);
  const sizes = [
    { label: 'sandbox-sized (roster, 50 reports)', reports: 50 },
    { label: `${large.toLocaleString('en-US')} reports`, reports: large },
  ];
  const dir = await mkdtemp(join(tmpdir(), 'psrt-bench-dumps-'));
  try {
    const rows: Row[] = [];
    for (const engine of engines) rows.push(...(await onEngine(engine, sizes, dir)));
    if (engines.includes('postgres')) rows.push(await move(large));
    if (skipped) rows.push(serverSkippedRow(benchmark));
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
