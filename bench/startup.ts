// Benchmark 4: what a newcomer waits for. From a migrated-but-empty PGlite
// folder, spawn `psrt serve` (sandbox mode: it seeds the demo roster and
// reports on first start) and time until the first page is served; then stop
// it and time a restart on the now-seeded folder. Median of three fresh folders.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BenchOptions, elapsedMs, median, progress, type Row, timed } from './report.ts';

const benchmark = 'startup';
export const psrt = fileURLToPath(new URL('../bin/psrt.js', import.meta.url));
/** `npm start` runs in the package folder, so the spawned commands do too. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 3;
const TIMEOUT_MS = 60_000;

/** The environment of a newcomer's shell: no server database, no GitHub App, our config file. */
function childEnv(configFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PSRT_CONFIG: configFile };
  for (const name of ['DATABASE_URL', 'GITHUB_APP_PRIVATE_KEY', 'PSRT_PORT', 'PSRT_ACTOR']) delete env[name];
  return env;
}

/** A temp folder with a config pointing at its own PGlite folder and port 0 (any free port). */
async function freshInstall(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(join(tmpdir(), 'psrt-bench-start-'));
  const configFile = join(dir, 'psrt.config.json');
  const config = {
    server: { host: '127.0.0.1', port: 0 },
    database: { dataDir: 'data' },
    log: { level: 'info' },
  };
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  return { dir, env: childEnv(configFile) };
}

/** Resolves with the URL from the "listening on http://…" line the serve command prints. */
export function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no "listening on" line within ${TIMEOUT_MS} ms:\n${output}`)),
      TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`psrt serve exited with ${code} before listening:\n${output}`));
    });
  });
}

async function firstPage(url: string): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(`${url}/signin`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not accepting connections yet: poll again.
    }
    if (performance.now() > deadline)
      throw new Error(`GET ${url}/signin did not answer 200 within ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** SIGTERM to the whole process group (the server may have children), then wait for it to exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Seconds from spawning `psrt serve` to the first 200 from /signin, and to its "listening" line. */
async function serveOnce(env: NodeJS.ProcessEnv): Promise<{ toPage: number; toListening: number }> {
  const start = performance.now();
  // detached: its own process group, so stop() reaches everything it started.
  const child = spawn(process.execPath, [psrt, 'serve', '--port', '0'], {
    cwd: packageRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await listeningUrl(child);
    const toListening = elapsedMs(start) / 1000;
    await firstPage(url);
    return { toPage: elapsedMs(start) / 1000, toListening };
  } finally {
    await stop(child);
  }
}

const list = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');

export async function run(_options: BenchOptions): Promise<Row[]> {
  const migrate: number[] = [];
  const fresh: Array<{ toPage: number; toListening: number }> = [];
  const restart: Array<{ toPage: number; toListening: number }> = [];
  for (let i = 1; i <= RUNS; i++) {
    const { dir, env } = await freshInstall();
    try {
      const migrated = await timed(() =>
        promisify(execFile)(process.execPath, [psrt, 'db', 'migrate'], { cwd: packageRoot, env }),
      );
      migrate.push(migrated.ms / 1000);
      progress(
        benchmark,
        `run ${i}/${RUNS}: migrated in ${(migrated.ms / 1000).toFixed(2)} s; first start (seeds the sandbox)`,
      );
      fresh.push(await serveOnce(env));
      progress(
        benchmark,
        `run ${i}/${RUNS}: first page after ${fresh.at(-1)?.toPage.toFixed(2)} s; restarting`,
      );
      restart.push(await serveOnce(env));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const page = (runs: typeof fresh) => runs.map((r) => r.toPage);
  const listening = (runs: typeof fresh) => runs.map((r) => r.toListening);
  return [
    {
      benchmark,
      name: 'psrt db migrate on an empty folder',
      value: median(migrate),
      unit: 's',
      note: `median of ${list(migrate)}`,
    },
    {
      benchmark,
      name: 'first start (seeds sandbox) → first page',
      value: median(page(fresh)),
      unit: 's',
      note: `median of ${list(page(fresh))}; "listening" after ${median(listening(fresh)).toFixed(2)} s`,
    },
    {
      benchmark,
      name: 'restart, data already seeded → first page',
      value: median(page(restart)),
      unit: 's',
      note: `median of ${list(page(restart))}; "listening" after ${median(listening(restart)).toFixed(2)} s`,
    },
  ];
}
