// Several real `psrt serve` processes on one PostgreSQL database, set up as in
// production (not the sandbox): the GitHub App, CVE Services and the SMTP relay
// are the simulators, served from this process; a small load balancer in front
// sends each request to the next live instance, as a proxy with health checks
// would. Instances can be killed (SIGKILL) and started again; their leader
// events and peak memory are recorded. Used by the multi-instance tests, the
// soak (short in CI, long with `npm run soak`) and the scaling benchmark.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CveSim } from '../sim/cve-services/index.ts';
import { demoPsf, type ListeningCveSim, startCveSim } from '../sim/cve-services/index.ts';
import { type GitHubSimControl, psrtAppSeed, startGitHubSim } from '../sim/github/index.ts';
import { type Mailbox, startMailbox } from '../sim/smtp/index.ts';
import { packageRoot, psrt } from './startup.ts';

export interface ClusterOptions {
  /** A migrated, empty database on a PostgreSQL server. */
  databaseUrl: string;
  instances: number;
  /** The bot's poll interval (default 1 s). */
  pollSeconds?: number;
  /** server.leaseSeconds: how soon a killed instance's claims are taken over (default 5). */
  leaseSeconds?: number;
  /** The scheduler's tick (default 1 s; 0: none). */
  schedulerSeconds?: number;
  /** Where each instance listens for security@ mail (its own free port). */
  mailIntake?: boolean;
  /** Seeds the GitHub simulator's users, the python organisation and its repositories (default: ned and python). */
  seed?: (c: GitHubSimControl) => Promise<unknown>;
  /** GitHub's rate limits, higher than GitHub's for a load test. */
  rateLimits?: { user: number; installation: number; app: number; anonymous: number };
}

/** A leader event an instance logged: when it took or lost the lead. */
export interface LeaderEvent {
  instance: number;
  pid: number;
  event: 'took' | 'lost';
  at: number;
}

export interface Instance {
  index: number;
  url: string;
  pid: number;
  /** security@ intake (`smtp://127.0.0.1:PORT`), with `mailIntake`. */
  smtpUrl: string | null;
  alive: boolean;
  /** Peak resident memory (bytes) of each process this instance ran, in order. */
  peakRss: number[];
  /** Resident memory (bytes) of its current process, sampled twice a second from its start. */
  rssSeries: Array<{ at: number; rss: number }>;
}

export interface Cluster {
  github: Awaited<ReturnType<typeof startGitHubSim>>;
  cve: ListeningCveSim & { sim: CveSim };
  mailbox: Mailbox;
  /** The load balancer: each request to the next live instance. */
  url: string;
  instances: Instance[];
  leaderEvents: LeaderEvent[];
  /** When each process ended (by pid, ms since the epoch): killed, stopped or crashed. */
  ended: Map<number, number>;
  /** Log lines at warn or above whose message is one of psrt's failures (for a test to print). */
  errors: string[];
  /** SIGKILL: no clean-up, as a crash or the OOM killer does. */
  kill(index: number): Promise<void>;
  /** Starts instance `index` again (a new process, a new port). */
  start(index: number): Promise<void>;
  /** Stops every instance cleanly (SIGTERM), then the simulators. */
  close(): Promise<void>;
}

const secret = () => randomBytes(32).toString('hex');

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const github = await startGitHubSim({
    config: {
      rateLimits: options.rateLimits ?? { user: 50_000, installation: 50_000, app: 50_000, anonymous: 60 },
    },
  });
  const cveSim = await startCveSim({ orgs: [{ ...demoPsf, idQuota: 100_000 }] });
  const mailbox = await startMailbox({ keep: 100_000 });
  const c = github.sim.control;
  if (options.seed) await options.seed(c);
  else {
    c.addUser({ login: 'ned' });
    c.addOrg({ login: 'python', owners: ['ned'] });
  }
  const app = c.createApp(psrtAppSeed(['python']));
  const cnaUser = demoPsf.users?.[0];
  const dir = await mkdtemp(join(tmpdir(), 'psrt-cluster-'));
  const configFile = join(dir, 'psrt.config.json');
  const config = {
    server: { host: '127.0.0.1', port: 0, leaseSeconds: options.leaseSeconds ?? 5 },
    github: {
      appId: app.appId,
      apiUrl: github.url,
      pollSeconds: options.pollSeconds ?? 1,
      spaceWrites: false,
    },
    cna: { apiUrl: cveSim.apiUrl, shortName: demoPsf.shortName, user: cnaUser?.username },
    mail: { smtp: mailbox.url },
    ...(options.mailIntake ? { intake: { smtpPort: 0 } } : {}),
    scheduler: { intervalSeconds: options.schedulerSeconds ?? 1 },
    membership: { driftCheckHours: 0 },
    log: { level: 'info' },
  };
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  // One secret of each kind for all: they are one service behind one address.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PSRT_CONFIG: configFile,
    DATABASE_URL: options.databaseUrl,
    GITHUB_APP_PRIVATE_KEY: app.privateKey,
    PSRT_SESSION_SECRET: secret(),
    PSRT_WEBHOOK_SECRET: secret(),
    CVE_API_KEY: cnaUser?.apiKey ?? '',
  };
  for (const name of ['PSRT_PORT', 'PSRT_ACTOR', 'PSRT_URL', 'PSRT_TOKEN', 'PSRT_SMTP_PASSWORD'])
    delete env[name];

  const instances: Instance[] = [];
  const children = new Map<number, ChildProcess>();
  const leaderEvents: LeaderEvent[] = [];
  const ended = new Map<number, number>();
  const errors: string[] = [];

  const sampler = setInterval(() => {
    for (const instance of instances) {
      if (!instance.alive) continue;
      const rss = rssOf(instance.pid);
      const last = instance.peakRss.length - 1;
      if (last >= 0) instance.peakRss[last] = Math.max(instance.peakRss[last] ?? 0, rss);
      if (rss > 0) instance.rssSeries.push({ at: Date.now(), rss });
    }
  }, 500);
  sampler.unref();

  async function start(index: number): Promise<void> {
    const child = spawn(process.execPath, [psrt, 'serve', '--port', '0'], {
      cwd: packageRoot,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(index, child);
    const instance: Instance = instances[index] ?? {
      index,
      url: '',
      pid: 0,
      smtpUrl: null,
      alive: false,
      peakRss: [],
      rssSeries: [],
    };
    instances[index] = instance;
    instance.pid = child.pid ?? 0;
    instance.peakRss.push(0);
    instance.rssSeries = [];
    const pid = instance.pid;
    child.once('exit', () => {
      ended.set(pid, Date.now());
      if (instance.pid === pid) instance.alive = false;
    });
    const listening = new Promise<void>((resolve, reject) => {
      let buffer = '';
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4_000);
      });
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 1);
          const url = /^psrt listening on (http:\/\/\S+)/.exec(line)?.[1];
          if (url) {
            instance.url = url;
            instance.alive = true;
            resolve();
            continue;
          }
          noteLogLine(index, instance, line);
        }
      });
      child.once('exit', (code, signal) => {
        instance.alive = false;
        reject(new Error(`psrt serve ${index} exited (${code ?? signal}) before listening: ${stderr}`));
      });
    });
    await listening;
  }

  function noteLogLine(index: number, instance: Instance, line: string): void {
    let entry: { level?: number; msg?: string; smtp?: string; time?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    const at = entry.time ? Date.parse(entry.time) : Date.now();
    if (entry.msg?.startsWith('this instance took the lead'))
      leaderEvents.push({ instance: index, pid: instance.pid, event: 'took', at });
    if (entry.msg?.startsWith('this instance lost the lead'))
      leaderEvents.push({ instance: index, pid: instance.pid, event: 'lost', at });
    if (entry.msg?.startsWith('security@ intake listening') && entry.smtp) instance.smtpUrl = entry.smtp;
    if ((entry.level ?? 0) >= 50 && errors.length < 200) errors.push(`[${index}] ${line}`);
  }

  async function kill(index: number): Promise<void> {
    const child = children.get(index);
    const instance = instances[index];
    if (!child || !instance?.alive || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    instance.alive = false;
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }

  async function stop(index: number): Promise<void> {
    const child = children.get(index);
    const instance = instances[index];
    if (!child || !instance?.alive || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    instance.alive = false;
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  const balancer = await startBalancer(() => instances.filter((i) => i.alive).map((i) => i.url));
  try {
    await Promise.all(Array.from({ length: options.instances }, (_, index) => start(index)));
    await c.setWebhook({ url: `${balancer.url}/webhooks/github`, secret: env.PSRT_WEBHOOK_SECRET ?? '' });
  } catch (error) {
    await Promise.all(instances.map((_, index) => kill(index)));
    await Promise.all([balancer.close(), github.close(), cveSim.close(), mailbox.close()]);
    throw error;
  }

  return {
    github,
    cve: cveSim as ListeningCveSim & { sim: CveSim },
    mailbox,
    url: balancer.url,
    instances,
    leaderEvents,
    ended,
    errors,
    kill,
    start,
    async close() {
      clearInterval(sampler);
      await Promise.all(instances.map((_, index) => stop(index)));
      await Promise.all([balancer.close(), github.close(), cveSim.close(), mailbox.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process in bytes; 0 once it is gone. */
function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * A round-robin HTTP proxy over the live instances. A request that finds its
 * instance gone (connection refused or cut) goes to the next one, as a load
 * balancer retries an idempotent or unanswered request; psrt records a webhook
 * delivery once by its GUID, so one sent twice is processed once.
 */
async function startBalancer(upstreams: () => string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    void forward(req, res);
  });
  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || ['host', 'connection', 'content-length'].includes(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    for (let tries = 0; tries < 6; tries++) {
      const live = upstreams();
      if (live.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      const target = live[next++ % live.length];
      try {
        const answer = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method,
          headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
          redirect: 'manual',
        });
        const payload = Buffer.from(await answer.arrayBuffer());
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name))
            out[name] = value;
        });
        res.writeHead(answer.status, out).end(payload);
        return;
      } catch {
        // The instance went away (killed): the next one answers.
      }
    }
    res.writeHead(502).end('no psrt instance answered');
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
