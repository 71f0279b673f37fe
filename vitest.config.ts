import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: vitest's default on a 2-core machine is one, and most files spend
    // much of their time waiting on child processes, servers and databases, not computing.
    maxWorkers: 2,
    // One process per worker for all its files, not one per file: each file no longer imports
    // psrt, the simulators and PGlite again (import time 50 s → 10 s of the suite).
    isolate: false,
    // A temporary folder for the run, for what test processes prepare once and copy per test.
    globalSetup: ['test/support/run-folder.ts'],
  },
});
