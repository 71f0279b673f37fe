// What every benchmark shares: a timer, percentiles, progress lines on stderr
// (so stdout stays a clean result table) and the table itself, with the goal,
// the ratio to it and PASS/FAIL next to each number that has one.

/** A number a benchmark measured. */
export interface Row {
  benchmark: string;
  /** What was measured, e.g. "PGlite: member list p95". */
  name: string;
  value: number;
  unit: string;
  /** From the issue: the value must stay at or below `atMost`, or at or above `atLeast`. */
  goal?: { atMost: number } | { atLeast: number };
  /** Context: counts, comparisons between engines, why a number is what it is. */
  note?: string;
}

export const elapsedMs = (since: number): number => performance.now() - since;

/** Runs `fn` and returns its result with the wall time it took, in ms. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: elapsedMs(start) };
}

/** Nearest-rank percentile (p in 0–100) of samples; sorts a copy. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** A progress line on stderr, prefixed with the benchmark's name. */
export function progress(benchmark: string, message: string): void {
  process.stderr.write(`[${benchmark}] ${message}\n`);
}

/** Thousands separators and a sensible number of decimals for any magnitude. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function goalCells(row: Row): [goal: string, ratio: string, status: string] {
  if (!row.goal) return ['', '', ''];
  if ('atMost' in row.goal) {
    const { atMost } = row.goal;
    // A goal of zero (e.g. "counts nothing against the limit") has no meaningful ratio.
    const ratio = atMost === 0 ? '' : `${(row.value / atMost).toFixed(2)}×`;
    return [`≤ ${formatNumber(atMost)}`, ratio, row.value <= atMost ? 'PASS' : 'FAIL'];
  }
  const ratio = row.value / row.goal.atLeast;
  return [`≥ ${formatNumber(row.goal.atLeast)}`, `${ratio.toFixed(2)}×`, ratio >= 1 ? 'PASS' : 'FAIL'];
}

/** A plain-text table (it also reads as Markdown once pasted between pipes). */
export function formatTable(rows: readonly Row[]): string {
  const headers = ['benchmark', 'measure', 'value', 'unit', 'goal', 'of goal', 'status', 'note'];
  const cells = rows.map((row) => [
    row.benchmark,
    row.name,
    formatNumber(row.value),
    row.unit,
    ...goalCells(row),
    row.note ?? '',
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const rightAligned = new Set([2, 5]);
  const line = (c: string[]) =>
    c
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** "2.31×": how many times `a` is `b`, for comparisons such as PGlite / PostgreSQL. */
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

/** What run.ts passes every benchmark. `scale` < 1 shrinks the sizes for a quick smoke run. */
export interface BenchOptions {
  scale: number;
}

/** `n` scaled down for a quick run, never below `min`. */
export const scaled = (n: number, options: BenchOptions, min = 1): number =>
  Math.max(min, Math.round(n * options.scale));
