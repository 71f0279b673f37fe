// The Metrics page over 10,000 reports (bench/workload.ts: created and moved through the
// use-cases, so each has its audit trail), on PGlite and on PostgreSQL: computing the numbers
// after a change (every read of the reports and their history), the cached numbers, drawing the
// four charts, and the page with its charts through the web app, as a member and as a visitor.

import { reportMetrics } from '../src/app/metrics.ts';
import { resolvePrincipal } from '../src/app/roster.ts';
import type { Principal } from '../src/domain/report.ts';
import { appendAudit, type Engine } from '../src/store/index.ts';
import { createWebApp } from '../src/web/app.tsx';
import { chartNames, renderChart } from '../src/web/charts.ts';
import { benchNow } from './data.ts';
import { availableEngines, engineLabel, freshStore, serverSkippedRow } from './engines.ts';
import { type BenchOptions, percentile, progress, type Row, scaled, timed } from './report.ts';
import {
  advancePlanned,
  type ClockedContext,
  clockedContext,
  createPlanned,
  importSandboxRoster,
  planReports,
} from './workload.ts';

const benchmark = 'metrics';
const anonymous: Principal = { kind: 'anonymous' };

/** Any write moves the audit head, so the next request computes the numbers afresh. */
async function change(ctx: ClockedContext): Promise<void> {
  await ctx.store.transaction((tx) =>
    appendAudit(tx, { actor: 'bench', action: 'bench.change', subject: 'bench', at: benchNow, change: {} }),
  );
}

async function samples(runs: number, before: () => Promise<unknown>, run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    times.push((await timed(run)).ms);
  }
  return times;
}

const summary = (times: number[]) =>
  `p50 ${percentile(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length} runs`;

async function onEngine(engine: Engine, options: BenchOptions): Promise<Row[]> {
  const label = engineLabel[engine];
  const count = scaled(10_000, options, 200);
  const runs = scaled(20, options, 5);
  const fresh = await freshStore(engine);
  try {
    const ctx = clockedContext(fresh.store);
    await importSandboxRoster(ctx);
    const plan = planReports(count);
    progress(benchmark, `${label}: creating and advancing ${count.toLocaleString('en-US')} reports`);
    await createPlanned(ctx, await resolvePrincipal(ctx, 'sethmlarson'), plan);
    await advancePlanned(ctx, plan);
    ctx.setNow(benchNow);
    const member = await resolvePrincipal(ctx, 'sethmlarson');
    const n = count.toLocaleString('en-US');
    const rows: Row[] = [];

    for (const [who, principal] of [
      ['member', member],
      ['visitor', anonymous],
    ] as const) {
      progress(benchmark, `${label}: the numbers after a change, ${who}`);
      const metrics = await reportMetrics(ctx, principal);
      // Read in pages: every report must be counted once.
      if (who === 'member' && metrics.overall.reports !== count)
        throw new Error(`a member's metrics count ${metrics.overall.reports} of ${count} reports`);
      const cold = await samples(
        runs,
        () => change(ctx),
        () => reportMetrics(ctx, principal),
      );
      rows.push({
        benchmark,
        name: `${label}: compute metrics of ${n} reports after a change, ${who}, p50`,
        value: percentile(cold, 50),
        unit: 'ms',
        note: `${metrics.overall.reports.toLocaleString('en-US')} reports counted; ${summary(cold)}`,
      });
    }

    const warm = await samples(
      runs * 5,
      async () => {},
      () => reportMetrics(ctx, member),
    );
    rows.push({
      benchmark,
      name: `${label}: metrics unchanged since last asked, p50`,
      value: percentile(warm, 50),
      unit: 'ms',
      note: summary(warm),
    });

    progress(benchmark, `${label}: drawing the four charts`);
    const draw = await samples(
      runs,
      () => change(ctx),
      async () => {
        const metrics = await reportMetrics(ctx, member);
        await Promise.all(chartNames.map((name) => renderChart(name, metrics)));
      },
    );
    rows.push({
      benchmark,
      name: `${label}: compute + draw the four charts, member, p50`,
      value: percentile(draw, 50),
      unit: 'ms',
      note: summary(draw),
    });

    progress(benchmark, `${label}: the page and its charts through the web app`);
    const app = createWebApp({ ctx, sandbox: true, sessionSecret: 'bench-session-secret-0123456789abcdef' });
    const signIn = await app.request('/signin', {
      method: 'POST',
      headers: { origin: 'http://localhost' },
      body: new URLSearchParams({ login: 'sethmlarson' }),
    });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const view = async () => {
      const page = await app.request('/metrics', { headers: { cookie } });
      if (page.status !== 200) throw new Error(`/metrics answered ${page.status}`);
      await page.text();
      await Promise.all(
        chartNames.map(async (name) =>
          (await app.request(`/metrics/charts/${name}.svg`, { headers: { cookie } })).text(),
        ),
      );
    };
    const coldView = await samples(runs, () => change(ctx), view);
    const warmView = await samples(runs, async () => {}, view);
    rows.push(
      {
        benchmark,
        name: `${label}: /metrics + 4 chart images after a change, member, p50`,
        value: percentile(coldView, 50),
        unit: 'ms',
        note: summary(coldView),
      },
      {
        benchmark,
        name: `${label}: /metrics + 4 chart images, nothing changed, p50`,
        value: percentile(warmView, 50),
        unit: 'ms',
        note: summary(warmView),
      },
    );
    return rows;
  } finally {
    await fresh.dispose();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const { engines, skipped } = await availableEngines();
  const rows: Row[] = [];
  for (const engine of engines) rows.push(...(await onEngine(engine, options)));
  if (skipped) rows.push(serverSkippedRow(benchmark));
  return rows;
}
