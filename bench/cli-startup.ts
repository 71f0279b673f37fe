// CLI start-up: the wall time of `psrt --help` and of `psrt report list` (on a migrated folder with
// the devguide roster), each a whole process, run through the bundle `npm run build` writes (what
// bin/psrt.js runs) and through tsx from the TypeScript sources (what it ran before the bundle).
// A bare `node -e 0` gives the floor. Median of RUNS runs each, after one warm-up run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, bundleFolder } from '../scripts/build.ts';
import { type BenchOptions, median, progress, type Row, ratio } from './report.ts';
import { packageRoot } from './startup.ts';

const benchmark = 'cli';
const RUNS = 15;

export async function run(_options: BenchOptions): Promise<Row[]> {
  await buildBundle();
  const dir = mkdtempSync(join(tmpdir(), 'psrt-bench-cli-'));
  try {
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({ database: { dataDir: 'data' }, log: { level: 'silent' } }),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PSRT_CONFIG: join(dir, 'psrt.config.json'),
      PSRT_ACTOR: 'sethmlarson',
    };
    delete env.DATABASE_URL;
    const bundled = [join(bundleFolder, 'main.js')];
    // From the package root, as bin/psrt.js ran them before the bundle (tsx finds tsconfig.json there).
    const sources = ['--import', 'tsx', join(packageRoot, 'src/cli/main.ts')];
    execFileSync(process.execPath, [...bundled, 'db', 'migrate'], { env, cwd: dir });
    execFileSync(
      process.execPath,
      [...bundled, 'roster', 'import', '--members', join(packageRoot, 'sandbox/psrt.csv')],
      { env, cwd: dir },
    );
    const time = (args: string[]) => {
      const samples: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const started = performance.now();
        const result = spawnSync(process.execPath, args, { env, cwd: packageRoot, stdio: 'ignore' });
        if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
        if (i > 0) samples.push(performance.now() - started);
      }
      return median(samples);
    };
    progress(benchmark, 'node -e 0');
    const floor = time(['-e', '0']);
    const rows: Row[] = [];
    for (const [label, command] of [
      ['psrt --help', ['--help']],
      ['psrt report list', ['report', 'list']],
    ] as const) {
      progress(benchmark, label);
      const fast = time([...bundled, ...command]);
      const slow = time([...sources, ...command]);
      rows.push(
        {
          benchmark,
          name: `${label}, bundled (median of ${RUNS})`,
          value: fast,
          unit: 'ms',
          ...(label === 'psrt --help' ? { goal: { atMost: 300 } } : {}),
          note: `${ratio(fast, floor)} node -e 0 (${floor.toFixed(0)} ms)`,
        },
        {
          benchmark,
          name: `${label}, through tsx (median of ${RUNS})`,
          value: slow,
          unit: 'ms',
          note: `bundled is ${ratio(slow, fast)} faster`,
        },
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
