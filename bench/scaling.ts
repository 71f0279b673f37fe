// Issue 14's scaling figure: webhook → effect throughput with one and with two
// `psrt serve` processes on one PostgreSQL database, and the ratio. Each run is
// a fresh database and cluster (cluster.ts: the real processes behind a
// round-robin load balancer, against the GitHub, CVE Services and SMTP
// simulators), with the world of the delivery → effect benchmark
// (webhook-world.ts): each new vulnerability reported on GitHub sends one
// `repository_advisory` delivery, which psrt mirrors into a report and acts on
// with three effects at GitHub (the PSRT team, two members outside the
// organisation). Vulnerabilities are reported faster than one instance
// performs them, so what is measured is how many reports a second the
// instances finish, not the rate they were offered.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { getReportByGhsaId, listEffects, type Store } from '../src/store/index.ts';
import { startCluster } from './cluster.ts';
import { settled } from './cluster-work.ts';
import { freshStore, serverProblem, serverSkippedRow } from './engines.ts';
import { type BenchOptions, percentile, progress, type Row, scaled } from './report.ts';
import { cpuTimeMs, reportAtRate, type Sent, seedWorld } from './webhook-world.ts';

const benchmark = 'scaling';
/**
 * Vulnerabilities reported a second (BENCH_SCALING_RATE to try another): twice
 * what one instance performs on this machine (about 50 a second, the webhooks
 * benchmark found), so a backlog builds and both instances have work all along.
 */
const offeredRate = Number(process.env.BENCH_SCALING_RATE ?? 100);
/** Reported first and not counted: fresh processes load and compile their code paths. */
const warmUp = 60;

interface Figures {
  instances: number;
  /** Reports whose effects were all done, a second, from the first report sent to the last effect done. */
  throughput: number;
  /** The same, between the 10th and the 90th percentile of the finishing times: the steady state. */
  steady: number;
  /** Reported → last effect done, ms. */
  p50: number;
  p99: number;
  measured: number;
  done: number;
  wallMs: number;
  /** Each instance's CPU while the measured work ran, % of one core. */
  instanceCpu: number[];
  /** This process's (the simulators', the load balancer's, the sender's) CPU, % of one core. */
  benchCpu: number;
  /** The whole machine's CPU busy while it ran, % of all cores. */
  machineBusy: number;
  cores: number;
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const problem = await serverProblem();
  if (problem) {
    progress(benchmark, problem);
    return [serverSkippedRow(benchmark)];
  }
  // In the order 1, 2, 2, 1: whatever else the machine does drifts alike over both, not onto one.
  const runs: Figures[] = [];
  for (const instances of [1, 2, 2, 1]) runs.push(await measure(instances, options));
  const of = (instances: number) => runs.filter((f) => f.instances === instances);
  const mean = (figures: Figures[], key: 'throughput' | 'steady') =>
    figures.reduce((sum, f) => sum + f[key], 0) / figures.length;
  const [one, two] = [of(1), of(2)];
  const ratio = mean(two, 'throughput') / mean(one, 'throughput');
  const describe = (f: Figures) =>
    `${f.done} of ${f.measured} reports done in ${(f.wallMs / 1000).toFixed(1)} s (steady state ` +
    `${f.steady.toFixed(1)}/s); reported → effects done p50 ${Math.round(f.p50)} ms, p99 ${Math.round(f.p99)} ms; ` +
    `psrt serve CPU ${f.instanceCpu.map((c) => `${Math.round(c)} %`).join(' + ')} of a core, the simulators ` +
    `and load balancer ${Math.round(f.benchCpu)} %; ` +
    `machine ${Math.round(f.machineBusy)} % busy (${f.cores} cores)`;
  const rowsOf = (figures: Figures[], instances: number): Row[] =>
    figures.map((f, n) => ({
      benchmark,
      name: `PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''} (run ${n + 1}): reports done per second`,
      value: f.throughput,
      unit: '/s',
      note: `${offeredRate}/s offered; ${describe(f)}`,
    }));
  return [
    ...rowsOf(one, 1),
    ...rowsOf(two, 2),
    {
      benchmark,
      name: 'PostgreSQL: 2 instances ÷ 1 (means)',
      value: ratio,
      unit: '×',
      note:
        `steady state ${(mean(two, 'steady') / mean(one, 'steady')).toFixed(2)}×; the instances, PostgreSQL, ` +
        `the simulators and the load balancer share this machine's ${runs[0]?.cores ?? '?'} cores`,
    },
  ];
}

async function measure(instances: number, options: BenchOptions): Promise<Figures> {
  const measured = scaled(1_000, options, 60);
  const db = await freshStore('postgres');
  const cluster = await startCluster({
    databaseUrl: db.databaseUrl ?? '',
    instances,
    // The poller and the scheduler find nothing to do here: out of the way, as far as production allows.
    pollSeconds: 60,
    schedulerSeconds: 60,
    seed: (c) => seedWorld(db.store, c),
  });
  const c = cluster.github.sim.control;
  try {
    progress(
      benchmark,
      `${instances} instance(s): ${warmUp} to warm up, then ${measured} at ${offeredRate}/s`,
    );
    const warm = await reportAtRate(c, warmUp, 20);
    if (!(await settled(db.store, cluster, { sent: warm.sent, accepted: [], asked: [] }, 60_000)))
      throw new Error(`${instances} instance(s) did not finish the warm-up in a minute`);
    const pids = cluster.instances.map((i) => i.pid);
    const cpuBefore = await Promise.all(pids.map(cpuTimeMs));
    const machineBefore = await machineTimes();
    const benchBefore = process.cpuUsage();
    const started = performance.now();
    const run = await reportAtRate(c, measured, offeredRate);
    const work = { sent: run.sent, accepted: [], asked: [] };
    const finished = await settled(db.store, cluster, work, 300_000);
    const wallMs = performance.now() - started;
    const cpuAfter = await Promise.all(pids.map(cpuTimeMs));
    const machineAfter = await machineTimes();
    const bench = process.cpuUsage(benchBefore);
    if (!finished) progress(benchmark, `${instances} instance(s): GAVE UP WAITING after 5 minutes`);
    const latencies = await doneAfter(db.store, run.sent);
    const ends = run.sent
      .map((s, n) => (latencies[n] === undefined ? Number.NaN : s.at + (latencies[n] ?? 0)))
      .filter((t) => Number.isFinite(t))
      .sort((a, b) => a - b);
    const first = run.sent[0]?.at ?? 0;
    const last = ends.at(-1) ?? first;
    const t10 = percentile(ends, 10);
    const t90 = percentile(ends, 90);
    const done = latencies.filter((l) => l !== undefined);
    const busy = machineAfter.busy - machineBefore.busy;
    const total = busy + machineAfter.idle - machineBefore.idle;
    return {
      instances,
      throughput: done.length / ((last - first) / 1000),
      steady: (0.8 * done.length) / ((t90 - t10) / 1000),
      p50: percentile(done, 50),
      p99: percentile(done, 99),
      measured,
      done: done.length,
      wallMs,
      instanceCpu: cpuAfter.map((after, n) => (100 * (after - (cpuBefore[n] ?? 0))) / wallMs),
      benchCpu: (100 * (bench.user + bench.system)) / 1000 / wallMs,
      machineBusy: (100 * busy) / total,
      cores: machineAfter.cores,
    };
  } finally {
    await cluster.close();
    // The instances' connections close as their processes end; the database is dropped after.
    await sleep(200);
    await db.dispose();
  }
}

/** Per report sent, ms from reporting it to the last of its effects done; undefined where not all were. */
async function doneAfter(store: Store, sent: Sent[]): Promise<(number | undefined)[]> {
  const latencies: (number | undefined)[] = [];
  for (const one of sent) {
    const report = await getReportByGhsaId(store.db, one.ghsaId);
    const effects = report ? await listEffects(store.db, { reportId: report.id }) : [];
    const ends = effects.map((e) => e.completedAt?.getTime() ?? Number.NaN);
    latencies.push(
      effects.length > 0 && ends.every(Number.isFinite) ? Math.max(...ends) - one.at : undefined,
    );
  }
  return latencies;
}

/** The machine's CPU time so far (all cores, in clock ticks): busy and idle (with I/O wait). */
async function machineTimes(): Promise<{ busy: number; idle: number; cores: number }> {
  const stat = await readFile('/proc/stat', 'utf8');
  const lines = stat.split('\n');
  const fields = (lines[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is counted in user already).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return {
    busy: user + nice + system + irq + softirq + steal,
    idle: idle + iowait,
    cores: lines.filter((line) => /^cpu\d+ /.test(line)).length,
  };
}
