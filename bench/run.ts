// `npm run bench [-- name…] [-- --quick]`: runs the benchmarks (all, or the
// ones named) one after another and prints one table of results on stdout.
// Progress goes to stderr, so `npm run bench > results.txt` keeps only results.
import { cpus, loadavg, totalmem } from 'node:os';
import { run as audit } from './audit.ts';
import { run as bot } from './bot.ts';
import { run as cli } from './cli-startup.ts';
import { run as clocks } from './clocks.ts';
import { run as db } from './db.ts';
import { run as dbTransfer } from './db-transfer.ts';
import { run as duplicates } from './duplicates.ts';
import { run as effects } from './effects.ts';
import { run as github } from './github.ts';
import { run as intake } from './intake.ts';
import { run as membership } from './membership.ts';
import { run as metrics } from './metrics.ts';
import { run as records } from './records.ts';
import { type BenchOptions, formatTable, type Row } from './report.ts';
import { run as scaling } from './scaling.ts';
import { run as startup } from './startup.ts';
import { run as web } from './web.ts';
import { run as webhooks } from './webhooks.ts';

const benchmarks: Record<string, (options: BenchOptions) => Promise<Row[]>> = {
  clocks,
  db,
  audit,
  startup,
  cli,
  github,
  effects,
  bot,
  webhooks,
  records,
  metrics,
  web,
  intake,
  duplicates,
  membership,
  'db-transfer': dbTransfer,
  scaling,
};

const args = process.argv.slice(2);
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}.\n`,
  );
  process.exit(2);
}
// --quick: about a twentieth of the sizes, to check the suite works, not to measure.
const options: BenchOptions = { scale: args.includes('--quick') ? 0.05 : 1 };

const cpu = cpus();
// Other work on the machine skews every number: the load average says how much there was.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
process.stdout.write(
  `psrt benchmarks — ${new Date().toISOString()}\n` +
    `node ${process.version}, ${process.platform} ${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM, load average ${load()} at start` +
    `${options.scale < 1 ? ', QUICK RUN (sizes scaled down)' : ''}\n\n`,
);

const rows: Row[] = [];
let failed = false;
const started = performance.now();
for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
  const run = benchmarks[name];
  if (!run) continue;
  const start = performance.now();
  process.stderr.write(`[${name}] starting\n`);
  try {
    const result = await run(options);
    rows.push(...result);
    process.stderr.write(
      `[${name}] done in ${((performance.now() - start) / 1000).toFixed(1)} s\n${formatTable(result)}\n\n`,
    );
  } catch (error) {
    // One broken benchmark should not hide the others' numbers.
    failed = true;
    process.stderr.write(`[${name}] FAILED: ${(error as Error).stack ?? error}\n`);
  }
}

process.stdout.write(
  `${formatTable(rows)}\n\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${load()} at the end.\n`,
);
process.exitCode = failed ? 1 : 0;
