// Runs the real `psrt` command (`node bin/psrt.js …`) in a folder of its own,
// the way an operator does: a psrt.config.json there, an embedded database in
// a folder next to it, and none of the caller's psrt environment variables.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const bin = fileURLToPath(new URL('../../bin/psrt.js', import.meta.url));
export const sandboxRoster = (name: 'psrt.csv' | 'psrt-emeritus.csv') =>
  fileURLToPath(new URL(`../../sandbox/${name}`, import.meta.url));

const psrtVariables = [
  'DATABASE_URL',
  'PSRT_CONFIG',
  'PSRT_ACTOR',
  'PSRT_PORT',
  'PSRT_SESSION_SECRET',
  'PSRT_DEBUG',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_APP_PRIVATE_KEY_FILE',
  'PSRT_WEBHOOK_SECRET',
  'PSRT_GITHUB_CLIENT_SECRET',
  'CVE_API_KEY',
  'PSRT_METRICS_TOKEN',
  'PSRT_URL',
  'PSRT_TOKEN',
];

/** The test runner's environment without anything that would change what psrt does. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of psrtVariables) delete env[name];
  return { ...env, ...extra };
}

export interface Workspace {
  dir: string;
  dataDir: string;
  remove(): void;
}

/** A temporary working folder with a psrt.config.json whose database is the `data` folder beside it. */
export function workspace(config: Record<string, unknown> = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-cli-'));
  writeFileSync(
    join(dir, 'psrt.config.json'),
    JSON.stringify({ database: { dataDir: 'data' }, log: { level: 'silent' }, ...config }, null, 2),
  );
  return { dir, dataDir: join(dir, 'data'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The devguide's roster files as `psrt roster import` takes them: 31 members, 9 emeritus entries. */
const rosterImportArgs = () => [
  'roster',
  'import',
  '--members',
  sandboxRoster('psrt.csv'),
  '--emeritus',
  sandboxRoster('psrt-emeritus.csv'),
];

/**
 * The data folder `psrt db migrate` then `psrt roster import` (the devguide's files) leave,
 * prepared by those two commands once per test process, in the run's folder.
 */
function rosterDataFolder(): Promise<string> {
  // A failed attempt is not kept: the next test file tries again.
  preparing ??= prepareRosterDataFolder().catch((error: unknown) => {
    preparing = undefined;
    throw error;
  });
  return preparing;
}
let preparing: Promise<string> | undefined;

async function prepareRosterDataFolder(): Promise<string> {
  const runFolder = inject('runFolder');
  if (!runFolder)
    throw new Error('No run folder: run the tests with vitest.config.ts (its globalSetup makes one).');
  const folder = join(runFolder, `roster-data-${process.pid}`);
  const data = join(folder, 'data');
  // Written last: a folder without it was left half-made by a failed attempt.
  const ready = join(folder, 'ready');
  if (existsSync(ready)) return data;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'psrt.config.json'),
    JSON.stringify({ database: { dataDir: 'data' }, log: { level: 'silent' } }),
  );
  for (const args of [['db', 'migrate'], rosterImportArgs()]) {
    const result = await psrt(folder, args);
    if (result.code !== 0) throw new Error(`psrt ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  writeFileSync(ready, '');
  return data;
}

/**
 * A workspace (see `workspace`) whose database is migrated and holds the devguide's roster, as
 * `psrt db migrate` and `psrt roster import` leave it: a copy of a folder those commands made
 * once, which saves each test file the two commands (seconds each).
 */
export async function rosterWorkspace(config: Record<string, unknown> = {}): Promise<Workspace> {
  const ws = workspace(config);
  try {
    cpSync(await rosterDataFolder(), ws.dataDir, { recursive: true });
  } catch (error) {
    ws.remove();
    throw error;
  }
  return ws;
}

export interface PsrtResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `psrt ARGS` in `cwd` and resolves with its exit code and output, whatever the code. */
export function psrt(cwd: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<PsrtResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Parses a command's --json output, showing its stderr when it is not JSON. */
export function json<T = unknown>(result: PsrtResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `expected JSON on stdout (exit ${result.code}); stderr: ${result.stderr}\nstdout: ${result.stdout}`,
    );
  }
}
