// Issue 9's webhook ingest on PostgreSQL: how many GitHub deliveries a second
// `psrt serve` accepts (signature verified, recorded, answered 202) while
// several senders deliver at once (goal: at least 300 a second). The server is
// the real `psrt serve`, in its own process, on a fresh database, set up as
// against GitHub (the GitHub simulator stands in), so its delivery processor
// works beside the endpoint as in production. The body is a real
// `repository_advisory` delivery of the simulator, sent again under new GUIDs.
// Then the time from a delivery to its effects done (webhook-effects.ts).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { psrtAppSeed, startGitHubSim } from '../sim/github/index.ts';
import { deliverySummary } from '../src/store/index.ts';
import { freshStore, serverProblem, serverSkippedRow } from './engines.ts';
import { type BenchOptions, elapsedMs, percentile, progress, type Row, scaled } from './report.ts';
import { servePsrt } from './serve-process.ts';
import { runDeliveryToEffect } from './webhook-effects.ts';

const benchmark = 'webhooks';
const senders = 16;

export async function run(options: BenchOptions): Promise<Row[]> {
  const problem = await serverProblem();
  if (problem) {
    progress(benchmark, problem);
    return [serverSkippedRow(benchmark)];
  }
  return [...(await runIngest(options)), ...(await runDeliveryToEffect(options))];
}

/** Deliveries accepted a second, from `senders` senders at once. */
async function runIngest(options: BenchOptions): Promise<Row[]> {
  const total = scaled(3_000, options, 100);
  const db = await freshStore('postgres');
  const github = await startGitHubSim();
  const c = github.sim.control;
  c.addOrg({ login: 'python', owners: ['ned'] });
  c.addUser({ login: 'mira-finds-bugs' });
  c.addRepo({ owner: 'python', name: 'cpython' });
  const app = c.createApp(psrtAppSeed(['python']));
  const server = await servePsrt({ databaseUrl: db.databaseUrl ?? '', github: { url: github.url, ...app } });
  try {
    // One real delivery, signed by the simulator with psrt's secret, as the template.
    await c.setWebhook({ url: `${server.url}/webhooks/github`, secret: server.secret });
    c.reportVulnerability({
      as: 'mira-finds-bugs',
      owner: 'python',
      repo: 'cpython',
      advisory: {
        summary: 'zipfile: heap overflow',
        description: 'A crafted archive overflows a buffer. '.repeat(40),
      },
    });
    await c.waitForDeliveries();
    const template = c.deliveries().find((d) => d.event === 'repository_advisory');
    if (template?.statusCode !== 202)
      throw new Error(`the template delivery was answered ${template?.status}`);
    const { headers, payload: body } = template.request;
    const send = async () => {
      const response = await fetch(`${server.url}/webhooks/github`, {
        method: 'POST',
        headers: { ...headers, 'X-GitHub-Delivery': randomUUID() },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`a delivery was answered ${response.status}`);
    };
    for (let i = 0; i < 100; i++) await send();

    progress(
      benchmark,
      `${total} deliveries of ${(body.length / 1024).toFixed(1)} KiB from ${senders} senders`,
    );
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (next < total) {
          next++;
          const t = performance.now();
          await send();
          latencies.push(elapsedMs(t));
        }
      }),
    );
    const wallMs = elapsedMs(started);
    // The processor works beside the endpoint; once sending stops it finishes what is left.
    const deadline = performance.now() + 60_000;
    let summary = await deliverySummary(db.store.db, new Date());
    while (summary.byStatus.pending > 0 && performance.now() < deadline) {
      await sleep(100);
      summary = await deliverySummary(db.store.db, new Date());
    }
    const drainMs = elapsedMs(started) - wallMs;
    const { byStatus } = summary;
    const recorded = byStatus.pending + byStatus.done + byStatus.ignored + byStatus.failed;
    const note =
      `${total} deliveries (${(body.length / 1024).toFixed(1)} KiB each) from ${senders} senders in ` +
      `${(wallMs / 1000).toFixed(1)} s; ${recorded} recorded (with the warm-up and the ping), ` +
      `${byStatus.done + byStatus.ignored} processed (the one advisory mirrored again: nothing new), the last ` +
      `${(drainMs / 1000).toFixed(1)} s after the last answer${byStatus.pending > 0 ? `; ${byStatus.pending} STILL PENDING` : ''}`;
    return [
      {
        benchmark,
        name: 'PostgreSQL: deliveries accepted per second',
        value: total / (wallMs / 1000),
        unit: '/s',
        goal: { atLeast: 300 },
        note,
      },
      {
        benchmark,
        name: 'PostgreSQL: answer to a delivery p99',
        value: percentile(latencies, 99),
        unit: 'ms',
        goal: { atMost: 10_000 },
        note: `GitHub counts a delivery failed after 10 s; p50 ${percentile(latencies, 50).toFixed(1)} ms`,
      },
    ];
  } finally {
    await server.close();
    await github.close();
    await db.dispose();
  }
}
