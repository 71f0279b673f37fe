// Benchmark 1: the pure rules behind every report page and list row, for
// 100,000 reports in a realistic mix of states — every clock of a report plus
// the checklists of the transitions leaving its state (with the full CVSS v4
// check, the expensive part).
import { reportClocks } from '../src/domain/clocks.ts';
import { validateCvssV4 } from '../src/domain/cvss.ts';
import { checklists } from '../src/domain/lifecycle.ts';
import type { Report } from '../src/domain/report.ts';
import { benchNow, makeReport, seededRandom } from './data.ts';
import { type BenchOptions, elapsedMs, progress, type Row, scaled } from './report.ts';

const benchmark = 'clocks';

/** Runs `work` over every report and returns reports/s. The sink keeps the JIT from dropping the work. */
function throughput(reports: readonly Report[], work: (report: Report) => number): number {
  let sink = 0;
  const start = performance.now();
  for (const report of reports) sink += work(report);
  const ms = elapsedMs(start);
  if (sink < 0) throw new Error('unreachable');
  return reports.length / (ms / 1000);
}

const clocksOf = (report: Report) => reportClocks(report, benchNow).cra.length;
const checklistsOf = (report: Report) => checklists(report, { validateCvss: validateCvssV4 }).length;
const both = (report: Report) => clocksOf(report) + checklistsOf(report);

export async function run(options: BenchOptions): Promise<Row[]> {
  const count = scaled(100_000, options, 1000);
  const random = seededRandom(811);
  const reports = Array.from({ length: count }, (_, i) => makeReport(random, i + 1, benchNow));
  const byState = new Map<string, number>();
  for (const report of reports) byState.set(report.state, (byState.get(report.state) ?? 0) + 1);
  const mix = [...byState].map(([state, n]) => `${state} ${n}`).join(', ');
  progress(benchmark, `${count.toLocaleString('en-US')} reports built (${mix}); warming up`);

  // Warm-up on a slice, so the timed pass measures optimized code, as in a long-running server.
  throughput(reports.slice(0, Math.min(10_000, count)), both);

  const combined = throughput(reports, both);
  const clocksOnly = throughput(reports, clocksOf);
  const checklistsOnly = throughput(reports, checklistsOf);
  const n = count.toLocaleString('en-US');
  return [
    {
      benchmark,
      name: `reportClocks + checklists, ${n} reports`,
      value: combined,
      unit: 'reports/s',
      note: mix,
    },
    { benchmark, name: 'reportClocks only', value: clocksOnly, unit: 'reports/s' },
    { benchmark, name: 'checklists (full CVSS v4 check) only', value: checklistsOnly, unit: 'reports/s' },
  ];
}
