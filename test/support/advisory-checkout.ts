// An advisory database checkout for a test: an empty git repository in a temporary folder, and
// psrt's client of it, as `psrt serve` keeps one in the sandbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdvisoryDatabase, gitCheckout, initCheckout } from '../../src/app/advisory-database.ts';

export interface TemporaryCheckout {
  dir: string;
  database: AdvisoryDatabase;
  remove(): void;
}

export async function temporaryCheckout(email = 'security@python.org'): Promise<TemporaryCheckout> {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-advisory-database-'));
  await initCheckout(dir);
  const database = gitCheckout(dir, { push: false, author: { name: 'psrt', email } });
  return { dir, database, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
