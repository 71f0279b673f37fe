// Benchmark 2, on PGlite and on PostgreSQL: 10,000 reports inserted through
// `createReport` (throughput), then the "open reports with clocks" list a
// member and a collaborator see, read N times (p50/p95/p99 against the goal).
import { sql } from 'drizzle-orm';
import { listOpenReports } from '../src/app/reports.ts';
import { resolvePrincipal } from '../src/app/roster.ts';
import type { Principal } from '../src/domain/report.ts';
import type { Engine } from '../src/store/index.ts';
import { benchNow } from './data.ts';
import { availableEngines, engineLabel, freshStore, serverSkippedRow } from './engines.ts';
import { type BenchOptions, elapsedMs, percentile, progress, type Row, scaled, timed } from './report.ts';
import {
  advancePlanned,
  type ClockedContext,
  clockedContext,
  collaboratorLogin,
  createPlanned,
  grantPlanned,
  importSandboxRoster,
  planReports,
} from './workload.ts';

const benchmark = 'db';
/** The goal for the open-reports list: p95 at or under 50 ms. */
const listGoalMs = 50;
const WARMUP = 20;

async function listLatencies(ctx: ClockedContext, principal: Principal, runs: number) {
  ctx.setNow(benchNow);
  let total = 0;
  for (let i = 0; i < WARMUP; i++) total = (await listOpenReports(ctx, principal, { page: 1 })).total;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await listOpenReports(ctx, principal, { page: 1 });
    samples.push(elapsedMs(start));
  }
  return { samples, total };
}

/**
 * PGlite runs no autovacuum: its tables are never analyzed and dead rows stay.
 * The same lists after one VACUUM ANALYZE show what that costs (the PostgreSQL
 * server's autovacuum does this by itself).
 */
async function afterVacuum(ctx: ClockedContext, runs: number): Promise<Row[]> {
  progress(benchmark, 'PGlite: VACUUM ANALYZE, then the lists again');
  await ctx.store.db.execute(sql`vacuum analyze`);
  const rows: Row[] = [];
  for (const login of ['sethmlarson', collaboratorLogin]) {
    const { samples } = await listLatencies(ctx, await resolvePrincipal(ctx, login), runs);
    const who = login === collaboratorLogin ? 'collaborator' : 'member';
    rows.push({
      benchmark,
      name: `PGlite after VACUUM ANALYZE: open reports, ${who}, p95`,
      value: percentile(samples, 95),
      unit: 'ms',
      goal: { atMost: listGoalMs },
      note: `p50 ${percentile(samples, 50).toFixed(2)} ms`,
    });
  }
  return rows;
}

interface EngineResult {
  rows: Row[];
  insertsPerSecond: number;
  p95: { member: number; collaborator: number };
}

async function onEngine(engine: Engine, options: BenchOptions): Promise<EngineResult> {
  const label = engineLabel[engine];
  const count = scaled(10_000, options, 200);
  const runs = scaled(200, options, 20);
  const fresh = await freshStore(engine);
  try {
    const ctx = clockedContext(fresh.store);
    await importSandboxRoster(ctx);
    const creator = await resolvePrincipal(ctx, 'sethmlarson');
    const plan = planReports(count);

    progress(benchmark, `${label}: creating ${count.toLocaleString('en-US')} reports through createReport`);
    const created = await timed(() => createPlanned(ctx, creator, plan));
    const insertsPerSecond = count / (created.ms / 1000);

    progress(benchmark, `${label}: assigning, determining, accepting, publishing, rejecting`);
    const advanced = await timed(() => advancePlanned(ctx, plan));
    progress(benchmark, `${label}: granting access`);
    const granted = await timed(() => grantPlanned(ctx, plan));

    progress(
      benchmark,
      `${label}: listing open reports, ${WARMUP} warm-up + ${runs} timed runs per principal`,
    );
    const member = await listLatencies(ctx, await resolvePrincipal(ctx, 'sethmlarson'), runs);
    const collaborator = await listLatencies(ctx, await resolvePrincipal(ctx, collaboratorLogin), runs);

    const n = count.toLocaleString('en-US');
    const rows: Row[] = [
      {
        benchmark,
        name: `${label}: createReport × ${n}`,
        value: insertsPerSecond,
        unit: 'reports/s',
        note: `${(created.ms / 1000).toFixed(1)} s in all`,
      },
      {
        benchmark,
        name: `${label}: assign/determine/accept/edit/publish/reject/extend`,
        value: advanced.result / (advanced.ms / 1000),
        unit: 'use-cases/s',
        note: `${advanced.result.toLocaleString('en-US')} calls`,
      },
      {
        benchmark,
        name: `${label}: grantAccess/revokeAccess`,
        value: granted.result / (granted.ms / 1000),
        unit: 'use-cases/s',
        note: `${granted.result} calls`,
      },
    ];
    for (const [who, result] of [
      ['member', member],
      ['collaborator', collaborator],
    ] as const) {
      const note = `${result.total.toLocaleString('en-US')} open reports visible, page of ${Math.min(result.total, 50)}`;
      for (const p of [50, 95, 99]) {
        rows.push({
          benchmark,
          name: `${label}: open reports, ${who}, p${p}`,
          value: percentile(result.samples, p),
          unit: 'ms',
          ...(p === 95 ? { goal: { atMost: listGoalMs } } : {}),
          ...(p === 50 ? { note } : {}),
        });
      }
    }
    if (engine === 'pglite') rows.push(...(await afterVacuum(ctx, runs)));
    return {
      rows,
      insertsPerSecond,
      p95: { member: percentile(member.samples, 95), collaborator: percentile(collaborator.samples, 95) },
    };
  } finally {
    await fresh.dispose();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const { engines, skipped } = await availableEngines();
  if (skipped) progress(benchmark, skipped);
  const results = new Map<Engine, EngineResult>();
  for (const engine of engines) results.set(engine, await onEngine(engine, options));
  const rows = [...results.values()].flatMap((result) => result.rows);
  const lite = results.get('pglite');
  const server = results.get('postgres');
  if (lite && server) {
    rows.push(
      {
        benchmark,
        name: 'PGlite / PostgreSQL: createReport throughput',
        value: lite.insertsPerSecond / server.insertsPerSecond,
        unit: '×',
      },
      {
        benchmark,
        name: 'PGlite / PostgreSQL: member list p95',
        value: lite.p95.member / server.p95.member,
        unit: '×',
      },
      {
        benchmark,
        name: 'PGlite / PostgreSQL: collaborator list p95',
        value: lite.p95.collaborator / server.p95.collaborator,
        unit: '×',
      },
    );
  } else if (skipped) {
    rows.push(serverSkippedRow(benchmark));
  }
  return rows;
}
