// `npm run bench -- intake`: mail to security@ through psrt's SMTP intake, sent
// by a second process (a mail exchanger) on 127.0.0.1: 1,000 messages of
// 20 KB (messages/s, and p99 from the sender's DATA to the message stored),
// reading them into threads, and one 25 MB message (time and peak memory).
import { fork } from 'node:child_process';
import type { AppContext } from '../src/app/context.ts';
import { readPendingMail, receiveMail } from '../src/app/intake.ts';
import { createLogger } from '../src/config/logger.ts';
import { type ReceivedMail, startSmtpIntake } from '../src/mail/smtp-intake.ts';
import type { Engine } from '../src/store/index.ts';
import { engineLabel, freshStore, serverProblem } from './engines.ts';
import { type BenchOptions, percentile, progress, type Row, scaled, timed } from './report.ts';

const benchmark = 'intake';
const MB = 2 ** 20;

/** Sends `count` messages of `bytes` from a second process; resolves with its wall time and per-message latencies. */
function sendFromAnotherProcess(port: number, count: number, bytes: number, connections: number) {
  const child = fork(new URL('./intake-sender.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<{ wallMs: number; latencies: number[] }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { wallMs: number; latencies: number[] }));
    child.once('exit', (code) => reject(new Error(`the sender exited (code ${code}) before reporting`)));
    child.send({ port, count, bytes, connections });
  });
}

/** The highest resident set size seen while `fn` runs, sampled every 5 ms, above what it was before. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: (peak - before) / MB };
  } finally {
    clearInterval(timer);
  }
}

async function onEngine(engine: Engine, options: BenchOptions): Promise<Row[]> {
  const label = engineLabel[engine];
  const fresh = await freshStore(engine);
  const ctx: AppContext = { store: fresh.store, now: () => new Date(), log: createLogger('silent') };
  const storedAfter: number[] = [];
  const intake = await startSmtpIntake(
    { host: '127.0.0.1', port: 0, maxMessageBytes: 30 * MB },
    async (mail: ReceivedMail) => {
      await receiveMail(ctx, {
        raw: mail.raw,
        source: 'smtp',
        envelopeFrom: mail.envelopeFrom,
        envelopeTo: mail.envelopeTo,
      });
      storedAfter.push(performance.now() - mail.dataStartedAt);
    },
    ctx.log,
  );
  const settings = { teamKey: null, acknowledgeDays: 7, ownAddresses: [] };
  try {
    const count = scaled(1_000, options, 50);
    progress(benchmark, `${label}: ${count} messages of 20 KB over 10 connections from a second process`);
    const sent = await sendFromAnotherProcess(intake.port, count, 20 * 1024, 10);
    const read = await timed(() => readPendingMail(ctx, settings));
    const ingest = storedAfter.splice(0);
    progress(benchmark, `${label}: one 25 MB message`);
    const big = await peakRss(async () => {
      const sending = await sendFromAnotherProcess(intake.port, 1, 25 * MB, 1);
      const reading = await timed(() => readPendingMail(ctx, settings));
      return { storedMs: storedAfter[0] ?? Number.NaN, sentMs: sending.wallMs, readMs: reading.ms };
    });
    return [
      {
        benchmark,
        name: `${label}: ingest, messages/s`,
        value: count / (sent.wallMs / 1000),
        unit: 'msg/s',
        goal: { atLeast: 200 },
        note: `${count} × 20 KB in ${(sent.wallMs / 1000).toFixed(2)} s, stored whole before each 250`,
      },
      {
        benchmark,
        name: `${label}: DATA to stored, p99`,
        value: percentile(ingest, 99),
        unit: 'ms',
        note: `p50 ${percentile(sent.latencies, 50).toFixed(1)} ms, p99 ${percentile(sent.latencies, 99).toFixed(1)} ms for the sender (whole SMTP transaction)`,
      },
      {
        benchmark,
        name: `${label}: reading into threads, messages/s`,
        value: read.result / (read.ms / 1000),
        unit: 'msg/s',
        note: `${read.result} read (MIME, threads, acknowledgements enqueued)`,
      },
      { benchmark, name: `${label}: 25 MB message, DATA to stored`, value: big.result.storedMs, unit: 'ms' },
      { benchmark, name: `${label}: 25 MB message, read`, value: big.result.readMs, unit: 'ms' },
      {
        benchmark,
        name: `${label}: 25 MB message, peak memory above idle`,
        value: big.peakMb,
        unit: 'MB',
        note: 'resident set of the psrt process, receiving then reading it',
      },
    ];
  } finally {
    await intake.close();
    await fresh.dispose();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const rows = await onEngine('pglite', options);
  const problem = await serverProblem();
  if (problem) {
    progress(benchmark, problem);
    return rows;
  }
  return [...rows, ...(await onEngine('postgres', options))];
}
