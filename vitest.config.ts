import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Three files at a time on two cores: vitest's default there is one, and most files spend
    // much of their time waiting on child processes, servers and databases, not computing
    // (with coverage on, the whole suite took 939 s with two, 771–880 s with three: BENCHMARKS.md).
    maxWorkers: 3,
    // One process per worker for all its files, not one per file: each file no longer imports
    // psrt, the simulators and PGlite again (import time 50 s → 10 s of the suite).
    isolate: false,
    // A temporary folder for the run, for what test processes prepare once and copy per test.
    globalSetup: ['test/support/run-folder.ts'],
    // `npm test` (--coverage) prints line and branch coverage per folder and the least-covered
    // files: what no test runs. Only the test processes are measured: code that runs only in the
    // `psrt` processes tests start, or in the browser (src/web/client), is not counted
    // (docs/testing.md). Nothing is gated on a number.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}', 'sim/**/*.{ts,tsx}'],
      exclude: ['src/web/client/**', 'test/**'],
      reporter: [
        [fileURLToPath(new URL('test/support/coverage-by-folder.cjs', import.meta.url))],
        ['json-summary'],
      ],
      reportsDirectory: 'coverage',
      reportOnFailure: true,
    },
  },
});
