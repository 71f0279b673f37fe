// One temporary folder for the whole test run, removed when the run ends: the test processes
// keep what they prepare once and copy many times there (e.g. the CLI tests' migrated data
// folder with the devguide roster), so nothing is left in the system's temporary folder.
// The run also starts by bundling psrt (`npm run build`), so the `psrt` processes the tests
// start run the code under test, bundled, as production does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildBundle } from '../../scripts/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's temporary folder (vitest's globalSetup made it; it is gone after the run). */
    runFolder: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  await buildBundle();
  const folder = mkdtempSync(join(tmpdir(), 'psrt-test-run-'));
  project.provide('runFolder', folder);
  return () => rmSync(folder, { recursive: true, force: true });
}
