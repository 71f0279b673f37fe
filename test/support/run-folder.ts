// One temporary folder for the whole test run, removed when the run ends: the test processes
// keep what they prepare once and copy many times there (e.g. the CLI tests' migrated data
// folder with the devguide roster), so nothing is left in the system's temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's temporary folder (vitest's globalSetup made it; it is gone after the run). */
    runFolder: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'psrt-test-run-'));
  project.provide('runFolder', folder);
  return () => rmSync(folder, { recursive: true, force: true });
}
