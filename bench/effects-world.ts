// The world of the effects benchmark: a throwaway PostgreSQL database with the
// devguide roster and a few reports, the GitHub simulator with the psrt App,
// an SMTP server, and runner processes (effects-runner.ts) pointed at them.
// Effects are made the way users make them, through the use-cases.
import { type ChildProcess, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGitHubSim } from '../sim/github/index.ts';
import { psrtAppSeed } from '../sim/github/psrt-app.ts';
import { type Mailbox, startMailbox } from '../sim/smtp/index.ts';
import { type AppContext, botPrincipal } from '../src/app/context.ts';
import { grantAccess, revokeAccess } from '../src/app/grants.ts';
import { assignCoordinator, createReport } from '../src/app/reports.ts';
import { importRoster, resolvePrincipal } from '../src/app/roster.ts';
import { createLogger } from '../src/config/logger.ts';
import type { Principal } from '../src/domain/report.ts';
import type { RunnerConfig } from './effects-runner.ts';
import { freshStore } from './engines.ts';

/** Reports with a GHSA (a handful, as in a real week) and without one (told by mail). */
const ghsaReports = 8;
const plainReports = 8;
const experts = Array.from({ length: 8 }, (_, i) => `zip-expert-${i}`);
/** Effects each `cycle` of four use-case calls enqueues. */
export const effectsPerCycle = 5;

const roster = (name: string) =>
  readFile(new URL(`../vendor/python-devguide/security/${name}`, import.meta.url), 'utf8');

/**
 * A wall clock that never gives the same millisecond twice, so each effect's
 * `created_at` names the one use-case call that enqueued it.
 */
function distinctClock() {
  let last = 0;
  return {
    now: () => {
      last = Math.max(Date.now(), last + 1);
      return new Date(last);
    },
    last: () => last,
  };
}

export interface EffectsWorld {
  ctx: AppContext;
  databaseUrl: string;
  clock: ReturnType<typeof distinctClock>;
  mailbox: Mailbox;
  /**
   * Use-case call `k` of the repeating cycle: grant an expert access to a
   * GHSA report (ghsa.add-collaborator), revoke it (ghsa.remove-collaborator),
   * hand a GHSA report to the other coordinator (ghsa.set-coordinator and
   * ghsa.comment), and the same on a report without a GHSA (mail.send).
   * Calls may overlap: each waits for the previous call on its report, so
   * a revocation always follows its grant. `now` is the call's clock.
   */
  step(k: number, now?: () => Date): Promise<void>;
  /** A runner process, ready but not yet started. */
  spawnRunner(runnerId: string): Promise<RunnerProcess>;
  close(): Promise<void>;
}

export interface RunnerProcess {
  start(): void;
  /** Stops the runner (it finishes its pass) and returns the CPU time it used, in ms. */
  stop(): Promise<number>;
}

export async function startEffectsWorld(): Promise<EffectsWorld> {
  const fresh = await freshStore('postgres');
  const github = await startGitHubSim();
  const mailbox = await startMailbox();
  const children: ChildProcess[] = [];
  const close = async () => {
    // A stopped runner exits by itself; one that did not within 5 s is killed.
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        if ((await Promise.race([exited, sleep(5000, 'waited')])) === 'waited') child.kill('SIGKILL');
      }),
    );
    await Promise.all([github.close(), mailbox.close()]);
    await fresh.dispose();
  };
  try {
    const control = github.sim.control;
    for (const login of ['sethmlarson', 'encukou', 'gpshead', 'mira-finds-bugs', ...experts])
      control.addUser({ login });
    control.addOrg({ login: 'python', owners: ['sethmlarson'], members: ['encukou', 'gpshead'] });
    control.addRepo({ owner: 'python', name: 'cpython' });
    const app = control.createApp(psrtAppSeed(['python']));

    const clock = distinctClock();
    const ctx: AppContext = { store: fresh.store, now: clock.now, log: createLogger('silent') };
    await importRoster(ctx, botPrincipal, {
      members: { text: await roster('psrt.csv'), source: 'psrt.csv' },
      emeritus: { text: await roster('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
    });
    const seth: Principal = await resolvePrincipal(ctx, 'sethmlarson');
    const report = async (n: number, ghsa: boolean) => {
      const title = `effects benchmark report ${n}`;
      const ghsaId = ghsa
        ? (control.reportVulnerability({
            as: 'mira-finds-bugs',
            owner: 'python',
            repo: 'cpython',
            advisory: { summary: title, description: `embargoed details ${n}` },
          }).ghsa_id as string)
        : undefined;
      const created = await createReport(ctx, seth, {
        repository: 'python/cpython',
        title,
        description: `embargoed details ${n}`,
        ...(ghsaId ? { ghsaId, reporter: 'mira-finds-bugs' } : {}),
      });
      return created.id;
    };
    const withGhsa: string[] = [];
    const without: string[] = [];
    for (let n = 0; n < ghsaReports; n++) withGhsa.push(await report(n, true));
    for (let n = 0; n < plainReports; n++) without.push(await report(ghsaReports + n, false));
    /** The last call on each report, which the next one on it waits for. */
    const previous = new Map<string, Promise<void>>();

    return {
      ctx,
      databaseUrl: fresh.databaseUrl ?? '',
      clock,
      mailbox,
      step(k, now = clock.now) {
        const round = Math.floor(k / 4);
        const onGhsa = withGhsa[round % withGhsa.length] ?? '';
        const plain = without[round % without.length] ?? '';
        const expert = experts[round % experts.length] ?? '';
        // Each report's coordinator alternates, so every assignment is a change with effects.
        const coordinator = Math.floor(round / ghsaReports) % 2 === 0 ? 'sethmlarson' : 'encukou';
        const call = { ...ctx, now };
        const [report, use] = (
          [
            [onGhsa, () => grantAccess(call, seth, onGhsa, { login: expert, reason: 'expert review' })],
            [onGhsa, () => revokeAccess(call, seth, onGhsa, expert)],
            [onGhsa, () => assignCoordinator(call, seth, onGhsa, coordinator)],
            [plain, () => assignCoordinator(call, seth, plain, coordinator)],
          ] as const
        )[k % 4] as readonly [string, () => Promise<unknown>];
        const done = (previous.get(report) ?? Promise.resolve()).then(use).then(() => {});
        previous.set(report, done);
        return done;
      },
      async spawnRunner(runnerId) {
        const config: RunnerConfig = {
          runnerId,
          databaseUrl: fresh.databaseUrl ?? '',
          github: { url: github.url, appId: app.appId, privateKey: app.privateKey },
          smtpUrl: mailbox.url,
        };
        const child = fork(new URL('./effects-runner.ts', import.meta.url), {
          env: { ...process.env, PSRT_BENCH_RUNNER: JSON.stringify(config) },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        children.push(child);
        const message = (what: string) =>
          new Promise<Record<string, unknown>>((resolve, reject) => {
            const onMessage = (m: Record<string, unknown>) => {
              if (!(what in m)) return;
              child.off('message', onMessage);
              child.off('exit', onExit);
              resolve(m);
            };
            const onExit = (code: number | null) =>
              reject(new Error(`runner ${runnerId} exited (code ${code}) before saying "${what}"`));
            child.on('message', onMessage);
            child.once('exit', onExit);
          });
        await message('ready');
        return {
          start: () => child.send({ start: true }),
          async stop() {
            const stopped = message('stopped');
            child.send({ stop: true });
            return Number((await stopped).cpuMs);
          },
        };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
