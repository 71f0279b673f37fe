// Issue 8's numbers, on PostgreSQL against the GitHub simulator and an SMTP
// server on local ports: how many effects per second one runner performs, and
// two side by side (separate processes, as two `psrt serve` would be); and how
// long an effect waits from its commit until it is done while effects arrive
// at a steady 100 a second (goal: p99 at most 1 s).
import { setTimeout as sleep } from 'node:timers/promises';
import { listEffects, outboxSummary } from '../src/store/index.ts';
import { type SessionWaits, sampleSessionWaits } from './effects-waits.ts';
import { type EffectsWorld, effectsPerCycle, startEffectsWorld } from './effects-world.ts';
import { serverProblem, serverSkippedRow } from './engines.ts';
import { type BenchOptions, percentile, progress, type Row, ratio, scaled } from './report.ts';

const benchmark = 'effects';
const latencyGoalMs = 1000;
const steadyRate = 100;

/** Waits until nothing is pending or claimed; false if `timeoutMs` passed first. */
async function drained(world: EffectsWorld, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { byStatus } = await outboxSummary(world.ctx.store.db);
    if (byStatus.pending + byStatus.claimed === 0) return true;
    await sleep(100);
  }
  return false;
}

/** The done effects once the runners stopped, and a warning if any other is left. */
async function outcome(world: EffectsWorld) {
  const { byStatus } = await outboxSummary(world.ctx.store.db);
  const done = await listEffects(world.ctx.store.db, { status: 'done' });
  const left = byStatus.pending + byStatus.claimed + byStatus.failed;
  return { done, problems: left > 0 ? `; NOT DONE: ${JSON.stringify(byStatus)}` : '' };
}

const cpuShare = (cpuMs: number, wallMs: number) => `${Math.round((100 * cpuMs) / wallMs)} %`;
const waitsNote = (w: SessionWaits) =>
  `database sessions busy ${w.busy.toFixed(1)} on average, ${w.onAuditLock.toFixed(1)} of them waiting for the audit lock`;

/** `runners` processes working off `cycles` × 5 effects enqueued before they start. */
async function throughput(runners: number, cycles: number) {
  const world = await startEffectsWorld();
  try {
    for (let k = 0; k < cycles * 4; k++) await world.step(k);
    const enqueued = (await outboxSummary(world.ctx.store.db)).byStatus.pending;
    progress(benchmark, `${runners} runner(s): ${enqueued} effects enqueued; starting`);
    const processes = await Promise.all(
      Array.from({ length: runners }, (_, i) => world.spawnRunner(`bench-runner-${i + 1}`)),
    );
    const waits = sampleSessionWaits(world.databaseUrl);
    const started = Date.now();
    for (const runner of processes) runner.start();
    const finished = await drained(world, 120_000);
    const sessions = await waits();
    const cpuMs = await Promise.all(processes.map((runner) => runner.stop()));
    const { done, problems } = await outcome(world);
    const wallMs = Math.max(...done.map((effect) => effect.completedAt?.getTime() ?? 0)) - started;
    return {
      perSecond: done.length / (wallMs / 1000),
      note:
        `${done.length} of ${enqueued} effects in ${(wallMs / 1000).toFixed(1)} s; runner CPU ` +
        `${cpuMs.map((ms) => cpuShare(ms, wallMs)).join(' + ')} of a core; ${waitsNote(sessions)}` +
        `${finished ? '' : '; timed out'}${problems}`,
    };
  } finally {
    await world.close();
  }
}

/**
 * One runner while use-case calls enqueue 100 effects a second, each call in
 * its own transaction at its scheduled time (not waiting for the one before,
 * except on the same report); per effect, from its call's commit to done.
 */
async function latency(seconds: number) {
  const world = await startEffectsWorld();
  try {
    const runner = await world.spawnRunner('bench-runner-1');
    runner.start();
    const interval = (1000 * effectsPerCycle) / 4 / steadyRate;
    // A second first, not counted: the runner's first GitHub token and SMTP connection.
    const warmup = Math.round(1000 / interval);
    const calls = warmup + Math.round((seconds * 1000) / interval);
    /** Which call enqueued an effect, by its created_at (the clock never repeats a millisecond). */
    const callAt = new Map<number, number>();
    const committed: number[] = [];
    const callMs: number[] = [];
    const pending: Promise<void>[] = [];
    let waits: (() => Promise<SessionWaits>) | null = null;
    const begin = Date.now();
    for (let k = 0; k < calls; k++) {
      if (k === warmup) waits = sampleSessionWaits(world.databaseUrl);
      const due = begin + k * interval;
      if (Date.now() < due) await sleep(due - Date.now());
      const now = () => {
        const at = world.clock.now();
        callAt.set(at.getTime(), k);
        return at;
      };
      const started = Date.now();
      pending.push(
        world.step(k, now).then(() => {
          committed[k] = Date.now();
          if (k >= warmup) callMs.push(Date.now() - started);
        }),
      );
    }
    await Promise.all(pending);
    const from = committed[warmup] ?? begin;
    const producingMs = Date.now() - from;
    // Sessions while effects arrive; the drain that follows has no use-case calls.
    const sessions = (await waits?.()) ?? { busy: Number.NaN, onAuditLock: Number.NaN, onWalSync: 0 };
    const finished = await drained(world, 60_000);
    const cpuMs = await runner.stop();
    const { done, problems } = await outcome(world);
    const samples: number[] = [];
    const firstSecond: number[] = [];
    const lastSecond: number[] = [];
    for (const effect of done) {
      const call = callAt.get(effect.createdAt.getTime()) ?? -1;
      const at = committed[call];
      if (call < warmup || at === undefined) continue;
      const ms = (effect.completedAt?.getTime() ?? Number.NaN) - at;
      samples.push(ms);
      if (at - from < 1000) firstSecond.push(ms);
      if (at - from > producingMs - 1000) lastSecond.push(ms);
    }
    const wallMs = Math.max(...done.map((effect) => effect.completedAt?.getTime() ?? 0)) - from;
    return {
      samples,
      note:
        `${samples.length} effects from ${calls - warmup} use-case calls in ${(producingMs / 1000).toFixed(1)} s ` +
        `(${((1000 * samples.length) / producingMs).toFixed(1)}/s; a call took p99 ${percentile(callMs, 99)} ms); ` +
        `p50 ${percentile(firstSecond, 50)} ms for the first second's effects, ${percentile(lastSecond, 50)} ms for the last's`,
      detail:
        `runner CPU ${cpuShare(cpuMs, wallMs)} of a core; ${waitsNote(sessions)}` +
        `${finished ? '' : '; timed out'}${problems}`,
    };
  } finally {
    await world.close();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const problem = await serverProblem();
  if (problem) {
    progress(benchmark, problem);
    return [serverSkippedRow(benchmark)];
  }
  const cycles = scaled(300, options, 20);
  const rows: Row[] = [];
  const perSecond: number[] = [];
  for (const runners of [1, 2]) {
    progress(benchmark, `throughput, ${runners} runner(s): ${cycles * 4} use-case calls enqueue the effects`);
    const result = await throughput(runners, cycles);
    perSecond.push(result.perSecond);
    rows.push({
      benchmark,
      name: `PostgreSQL: throughput, ${runners} runner${runners === 1 ? '' : 's'}`,
      value: result.perSecond,
      unit: 'effects/s',
      note: result.note,
    });
  }
  const [one = Number.NaN, two = Number.NaN] = perSecond;
  rows.push({
    benchmark,
    name: 'PostgreSQL: throughput, 2 runners / 1 runner',
    value: two / one,
    unit: '×',
    note: `${ratio(two, one)} the effects/s of one runner`,
  });

  const seconds = Math.max(2, Math.round(10 * options.scale));
  progress(benchmark, `latency: ${steadyRate} effects/s for ${seconds} s, one runner`);
  const { samples, note, detail } = await latency(seconds);
  const row = (what: string, value: number, extra: Partial<Row> = {}): Row => ({
    benchmark,
    name: `PostgreSQL: commit → done at ${steadyRate}/s, ${what}`,
    value,
    unit: 'ms',
    ...extra,
  });
  rows.push(
    row('p50', percentile(samples, 50), { note }),
    row('p95', percentile(samples, 95), { note: detail }),
    row('p99', percentile(samples, 99), { goal: { atMost: latencyGoalMs } }),
    row('max', Math.max(...samples)),
  );
  return rows;
}
