// `psrt serve` as the webhook benchmarks run it: the real server in its own
// process, on a given database, set up as against GitHub with the GitHub App
// of a simulator standing in for it, with a webhook secret, in a folder of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listeningUrl, packageRoot, psrt, stop } from './startup.ts';

export interface ServeSettings {
  /** A PostgreSQL server's database, or (with `dataDir`) none: the embedded one in that folder. */
  databaseUrl?: string;
  dataDir?: string;
  /** The simulator's API root and the psrt App it made. */
  github: { url: string; appId: number; privateKey: string };
  /** More of the config file's `github` section (e.g. `pollSeconds`). */
  githubConfig?: Record<string, unknown>;
}

export interface ServeProcess {
  url: string;
  /** PSRT_WEBHOOK_SECRET: what GitHub (the simulator) signs its deliveries with. */
  secret: string;
  /** The server's process id, to read its CPU time. */
  pid: number;
  close(): Promise<void>;
}

export async function servePsrt(settings: ServeSettings): Promise<ServeProcess> {
  const { github } = settings;
  const dir = await mkdtemp(join(tmpdir(), 'psrt-bench-webhooks-'));
  const configFile = join(dir, 'psrt.config.json');
  const config = {
    server: { host: '127.0.0.1', port: 0 },
    github: { appId: github.appId, apiUrl: github.url, ...settings.githubConfig },
    ...(settings.dataDir ? { database: { dataDir: settings.dataDir } } : {}),
    scheduler: { intervalSeconds: 0 },
    log: { level: 'warn' },
  };
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const secret = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PSRT_CONFIG: configFile,
    ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl } : {}),
    GITHUB_APP_PRIVATE_KEY: github.privateKey,
    PSRT_SESSION_SECRET: randomBytes(32).toString('hex'),
    PSRT_WEBHOOK_SECRET: secret,
  };
  if (!settings.databaseUrl) delete env.DATABASE_URL;
  for (const name of ['PSRT_PORT', 'PSRT_ACTOR', 'CVE_API_KEY', 'PSRT_SMTP_PASSWORD']) delete env[name];
  // BENCH_SERVE_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server; Node refuses those in NODE_OPTIONS.
  const nodeArgs = process.env.BENCH_SERVE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // detached: its own process group, so stop() reaches everything it started.
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, psrt, 'serve', '--port', '0'], {
    cwd: packageRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child).catch(async (error) => {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url,
    secret,
    pid: child.pid ?? 0,
    async close() {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
