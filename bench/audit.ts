// Benchmark 3, on PGlite and on PostgreSQL: `audit verify` over 100,000 events.
// The events are appended with `appendAudit` as use-cases do, 1,000 per
// transaction, then `verifyAudit` reads and re-hashes the whole chain.
import { Worker } from 'node:worker_threads';
import { type Engine, verifyAudit } from '../src/store/index.ts';
import { appendEvents, BATCH } from './audit-events.ts';
import { availableEngines, engineLabel, type FreshStore, freshStore, serverSkippedRow } from './engines.ts';
import { type BenchOptions, progress, type Row, scaled, timed } from './report.ts';

const benchmark = 'audit';

/**
 * Appends events [from, to) to the server database from a worker thread.
 * PGlite's WebAssembly keeps this thread busy; from here the PostgreSQL
 * appends would only run in its gaps, so the two fills would take their sum.
 */
function appendInWorker(databaseUrl: string, from: number, to: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./audit-worker.js', import.meta.url), {
      workerData: { databaseUrl, from, to },
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`audit fill worker exited with ${code}`)),
    );
  });
}

/** Fills one store's log from `from` to `to`: PostgreSQL in a worker, PGlite here. */
function fill(fresh: FreshStore, from: number, to: number): Promise<void> {
  if (fresh.databaseUrl) return appendInWorker(fresh.databaseUrl, from, to);
  return appendEvents(fresh.store, engineLabel[fresh.engine], from, to);
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const { engines, skipped } = await availableEngines();
  if (skipped) progress(benchmark, skipped);
  const count = scaled(100_000, options, 2 * BATCH);
  const sample = Math.max(BATCH, Math.round(count / 10 / BATCH) * BATCH);
  const n = count.toLocaleString('en-US');
  const stores: FreshStore[] = [];
  const rows: Row[] = [];
  const verifyMs = new Map<Engine, number>();
  try {
    for (const engine of engines) stores.push(await freshStore(engine));
    // The append rate, from the first events, one engine at a time so they do not compete.
    for (const fresh of stores) {
      const { ms } = await timed(() => appendEvents(fresh.store, engineLabel[fresh.engine], 0, sample));
      rows.push({
        benchmark,
        name: `${engineLabel[fresh.engine]}: appendAudit, ${BATCH} per transaction`,
        value: sample / (ms / 1000),
        unit: 'events/s',
        note: `first ${sample.toLocaleString('en-US')} events; 100,000 take ${((100_000 * ms) / sample / 1000).toFixed(0)} s`,
      });
    }
    // The rest only fills the logs, both at once, which keeps the suite short.
    await Promise.all(stores.map((fresh) => fill(fresh, sample, count)));

    for (const fresh of stores) {
      const label = engineLabel[fresh.engine];
      progress(benchmark, `${label}: verifying the chain`);
      const { result: verdict, ms } = await timed(() => verifyAudit(fresh.store.db));
      if (!verdict.ok || verdict.count !== count) {
        throw new Error(
          `${label}: verifyAudit should accept ${count} events, got ${JSON.stringify(verdict)}`,
        );
      }
      verifyMs.set(fresh.engine, ms);
      rows.push({
        benchmark,
        name: `${label}: verifyAudit over ${n} events`,
        value: ms / 1000,
        unit: 's',
        note: `${Math.round(count / (ms / 1000)).toLocaleString('en-US')} events/s`,
      });
    }
  } finally {
    for (const fresh of stores) await fresh.dispose();
  }
  const lite = verifyMs.get('pglite');
  const server = verifyMs.get('postgres');
  if (lite && server) {
    rows.push({ benchmark, name: 'PGlite / PostgreSQL: verify time', value: lite / server, unit: '×' });
  } else if (skipped) {
    rows.push(serverSkippedRow(benchmark));
  }
  return rows;
}
