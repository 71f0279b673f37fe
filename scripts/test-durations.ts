// Writes test/support/durations.json, how long each test file took in a whole run, from a vitest
// JSON report: the test run's sequencer (test/support/longest-first.ts) starts the longest files
// first with it, so a fresh checkout, which has no vitest cache, packs its workers as well as a
// warm one. Refresh it when files are added or grow:
//   npx vitest run --coverage --reporter=json --outputFile=/tmp/run.json
//   node --import tsx scripts/test-durations.ts /tmp/run.json
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reportPath = process.argv[2];
if (!reportPath) {
  console.error(
    'usage: node --import tsx scripts/test-durations.ts REPORT.json (a vitest --reporter=json output)',
  );
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
  testResults: { name: string; startTime: number; endTime: number }[];
};
const seconds = report.testResults
  .map((file) => [relative(root, file.name), Math.round((file.endTime - file.startTime) / 100) / 10] as const)
  .sort(([a], [b]) => a.localeCompare(b));
const out = fileURLToPath(new URL('../test/support/durations.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(Object.fromEntries(seconds), null, 2)}\n`);
console.log(
  `${seconds.length} files, ${seconds.reduce((sum, [, s]) => sum + s, 0).toFixed(0)} s in all: ${relative(root, out)}`,
);
