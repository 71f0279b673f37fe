// Benchmark `web`, on PGlite and on PostgreSQL: 10,000 reports, the real
// `psrt serve` in its own process, and a load generator in another sending
// from 20 concurrent clients: the "open reports" page, `GET
// /api/v1/reports?state=open` and a report's page, each p50/p95/p99 against the
// issue's goal (p95 ≤ 50 ms) and requests per second. Those three repeat one
// read, as a dashboard's clients do, which psrt answers again while nothing
// changed (web/read-cache); a fourth spreads report pages over 2,000 reports,
// each asked once, so every answer is computed: the cost of a read in full.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { psrtAppSeed, startGitHubSim } from '../sim/github/index.ts';
import { resolvePrincipal } from '../src/app/roster.ts';
import { createApiToken, signIn } from '../src/app/sessions.ts';
import type { Engine } from '../src/store/index.ts';
import { availableEngines, engineLabel, freshStore, serverSkippedRow } from './engines.ts';
import { type BenchOptions, percentile, progress, type Row, scaled } from './report.ts';
import { servePsrt } from './serve-process.ts';
import { packageRoot } from './startup.ts';
import {
  advancePlanned,
  clockedContext,
  createPlanned,
  grantPlanned,
  importSandboxRoster,
  planReports,
  settleEffects,
} from './workload.ts';

const benchmark = 'web';
const goalMs = 50;
const CLIENTS = 20;
const execFileAsync = promisify(execFile);

interface Target {
  name: string;
  paths: string[];
  headers: Record<string, string>;
}

async function load(url: string, target: Target, requests: number) {
  const plan = {
    url,
    paths: target.paths,
    headers: target.headers,
    clients: CLIENTS,
    requests,
    warmup: 100,
  };
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', 'bench/web-load.ts', JSON.stringify(plan)],
    { cwd: packageRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as { samples: number[]; statuses: Record<string, number>; seconds: number };
}

async function onEngine(engine: Engine, options: BenchOptions): Promise<Row[]> {
  const label = engineLabel[engine];
  const count = scaled(10_000, options, 200);
  const requests = scaled(2_000, options, 200);
  const fresh = await freshStore(engine);
  try {
    const ctx = clockedContext(fresh.store);
    await importSandboxRoster(ctx);
    const plan = planReports(count);
    progress(benchmark, `${label}: ${count.toLocaleString('en-US')} reports, advanced and granted`);
    await createPlanned(ctx, await resolvePrincipal(ctx, 'sethmlarson'), plan);
    await advancePlanned(ctx, plan);
    await grantPlanned(ctx, plan);
    await settleEffects(fresh.store);
    // The server's clock is the real one: sessions and tokens are made at today's date.
    const today = { ...ctx, now: () => new Date() };
    const member = await resolvePrincipal(today, 'sethmlarson');
    const { token: session } = await signIn(today, 'sethmlarson');
    const { secret } = await createApiToken(today, member, { name: 'bench', scope: 'read' });
    const openReport = plan.find((item) => item.fate === 'accepted')?.id;
    if (!openReport) throw new Error('the plan has no accepted report');
    // Every report asked once: as many as there are requests, up to the warm-up's share.
    const spread = plan.slice(0, requests + 100).flatMap((item) => (item.id ? [`/reports/${item.id}`] : []));
    // The server opens the database itself: an embedded one only once this process lets go of it.
    await fresh.store.close();

    const github = await startGitHubSim();
    const c = github.sim.control;
    c.addOrg({ login: 'python', owners: ['ned'] });
    const app = c.createApp(psrtAppSeed(['python']));
    const server = await servePsrt({
      ...(fresh.databaseUrl ? { databaseUrl: fresh.databaseUrl } : { dataDir: fresh.dataDir }),
      github: { url: github.url, ...app },
      githubConfig: { pollSeconds: 3600 },
    });
    try {
      const cookie = { cookie: `psrt_session=${session}` };
      const targets: Target[] = [
        { name: 'open reports page', paths: ['/reports'], headers: cookie },
        {
          name: 'GET /api/v1/reports?state=open',
          paths: ['/api/v1/reports?state=open'],
          headers: { authorization: `Bearer ${secret}` },
        },
        { name: 'report page', paths: [`/reports/${openReport}`], headers: cookie },
        { name: 'report pages, each report once', paths: spread, headers: cookie },
      ];
      const rows: Row[] = [];
      for (const target of targets) {
        progress(benchmark, `${label}: ${target.name}, ${requests} requests from ${CLIENTS} clients`);
        const result = await load(server.url, target, requests);
        const failed = Object.entries(result.statuses).filter(([status]) => status !== '200');
        if (failed.length > 0)
          throw new Error(`${target.name} answered ${failed.map(([s, n]) => `${n} × ${s}`).join(', ')}`);
        for (const p of [50, 95, 99])
          rows.push({
            benchmark,
            name: `${label}: ${target.name}, p${p}`,
            value: percentile(result.samples, p),
            unit: 'ms',
            ...(p === 95 ? { goal: { atMost: goalMs } } : {}),
          });
        rows.push({
          benchmark,
          name: `${label}: ${target.name}, throughput`,
          value: result.samples.length / result.seconds,
          unit: 'requests/s',
          note: `${CLIENTS} clients, ${count.toLocaleString('en-US')} reports`,
        });
      }
      return rows;
    } finally {
      await server.close();
      await github.close();
    }
  } finally {
    await fresh.dispose();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const { engines, skipped } = await availableEngines();
  if (skipped) progress(benchmark, skipped);
  const rows: Row[] = [];
  for (const engine of engines) rows.push(...(await onEngine(engine, options)));
  if (skipped) rows.push(serverSkippedRow(benchmark));
  return rows;
}
