// Runs the real `psrt` command (`node bin/psrt.js …`) in a folder of its own,
// the way an operator does: a psrt.config.json there, an embedded database in
// a folder next to it, and none of the caller's psrt environment variables.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  'PSRT_WEBHOOK_SECRET',
  'PSRT_GITHUB_CLIENT_SECRET',
  'CVE_API_KEY',
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
