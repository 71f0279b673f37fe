// The crash loop: runner processes are killed (SIGKILL) at random checkpoints
// before and after each step of each performer, one after another, until
// every effect of the round is done; then what reached each service is counted
// against the effects. Exactly once means: each effect's write arrived once.
// With `at: 'each step once'` one round is played instead, each runner killed
// at the first step no runner was killed at yet: every step of the round (or
// each of `steps`) once.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { listEffects } from '../../src/store/index.ts';
import { announceAddress } from './publication.ts';
import { countPublications, emptyPublicationTally, type PublicationTally } from './publication-tally.ts';
import { type CrashEngine, type Round, startRound } from './round.ts';

export interface CrashLoopOptions {
  /** Runner processes to start in all (each one a crash point, unless it finished first). */
  runs: number;
  /**
   * Where runners are killed: at random checkpoints (the default), or in one round at each
   * step once, in the order the round reaches them (then `runs` only bounds the round).
   */
  at?: 'random' | 'each step once';
  /** With `at: 'each step once'`: only these steps (default: every step the round reaches). */
  steps?: readonly string[];
  engine: CrashEngine;
  serverUrl: string;
  /** Reports with a GHSA per round (default 3: about 25 effects). */
  reports?: number;
  random?: () => number;
  progress?: (line: string) => void;
}

export interface Tally {
  expected: number;
  arrived: number;
}

/**
 * What reached the services: writes counted in their request logs, and the
 * private forks and public issues as the GitHub simulator holds them.
 */
type WriteKind =
  | 'cve-reservations'
  | 'cve-rejections'
  | 'ghsa-patches'
  | 'ghsa-comments'
  | 'private-forks'
  | 'public-issues';

export interface CrashLoopResult {
  engine: CrashEngine;
  runs: number;
  crashes: number;
  rounds: number;
  seconds: number;
  /** Effects enqueued, and how many ended done. */
  effects: { expected: number; done: number; lost: number };
  /** Each effect not done, by kind and state, with its attempts and last error (never its payload). */
  notDone: string[];
  /** Writes that reached the services, per kind of write, against the effects that asked for them. */
  writes: Record<WriteKind, Tally>;
  /**
   * Messages to the team's lists the SMTP server accepted, how many distinct Message-IDs they had,
   * and how many resends the mail window allows (decision 9: a runner killed between the server's
   * acceptance and psrt's note of it).
   */
  mail: { expected: number; delivered: number; distinct: number; resendsAllowed: number };
  /** The publications: advisory emails, OSV commits, CVE records (publication-tally.ts). */
  publication: PublicationTally;
  /** Writes beyond one per effect, outside the one documented mail window (decision 9). */
  duplicated: number;
  /** Checkpoints the runners were killed at, with how often. */
  crashPoints: Record<string, number>;
}

const childSource = fileURLToPath(new URL('./child.ts', import.meta.url));
// Inside node_modules so the bundle resolves the project's dependencies from there; one file per
// loop, so loops run at once from checkouts sharing node_modules never run each other's code.
const childBundle = fileURLToPath(
  new URL(`../../node_modules/.cache/psrt-crash/child-${process.pid}.mjs`, import.meta.url),
);

/** Bundles the child once: starting it through tsx would cost two seconds a run. */
async function bundleChild(): Promise<void> {
  mkdirSync(fileURLToPath(new URL('../../node_modules/.cache/psrt-crash/', import.meta.url)), {
    recursive: true,
  });
  await build({
    entryPoints: [childSource],
    outfile: childBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
}

/** Where a runner kills itself: at its checkpoint number `at` (0: never), or at the first step not spared. */
type CrashPoint = { at: number } | { spare: string[]; only?: readonly string[] };

interface RunOutcome {
  crashed: string | null;
  reached: number;
  /** Per kind, the messages accepted by the mail server but not yet noted when the runner was killed. */
  unnoted?: Record<string, number>;
}

function runChild(round: Round, crash: CrashPoint): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const where =
      'at' in crash ? { PSRT_CRASH_AT: String(crash.at) } : { PSRT_CRASH_STEPS: JSON.stringify(crash) };
    const child = spawn(process.execPath, [childBundle], {
      env: { ...process.env, PSRT_CRASH_CHILD: JSON.stringify(round.child), ...where },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const lines = out.trim().split('\n').filter(Boolean);
      const last =
        lines.length > 0
          ? (JSON.parse(lines.at(-1) as string) as Partial<RunOutcome> & { reached: number })
          : null;
      if (signal === 'SIGKILL' && last?.crashed)
        return resolve({ crashed: last.crashed, reached: last.reached, unnoted: last.unnoted ?? {} });
      if (code === 0 && last) return resolve({ crashed: null, reached: last.reached });
      reject(
        // The error's own lines (a stack trace ends with Node's version, which says nothing).
        new Error(`runner exited with ${signal ?? code}: ${err.trim().split('\n').slice(0, 12).join(' | ')}`),
      );
    });
  });
}

/** Counts a round; `unnoted`: per mail kind, messages left accepted but not noted by killed runners. */
async function countRound(
  round: Round,
  result: CrashLoopResult,
  unnoted: Record<string, number>,
): Promise<void> {
  const store = await round.openStore();
  let effects: Awaited<ReturnType<typeof listEffects>>;
  try {
    effects = await listEffects(store.db);
    result.duplicated += await countPublications(
      round,
      store,
      effects,
      unnoted['advisory.send'] ?? 0,
      result.publication,
      `round ${result.rounds}`,
    );
  } finally {
    await store.close();
  }
  const count = (kinds: string[]) => effects.filter((e) => kinds.includes(e.kind)).length;
  const cve = round.cve.control.requests().slice(round.seedCveRequests);
  const ok = (r: { status: number }) => r.status < 400;
  const github = round.github.sim.control.requests().filter(ok);
  const control = round.github.sim.control;
  const repo = { owner: 'python', repo: 'cpython' };
  const arrived: Record<WriteKind, number> = {
    'cve-reservations': cve.filter((r) => ok(r) && r.method === 'POST' && r.path === '/api/cve-id').length,
    'cve-rejections': cve.filter((r) => ok(r) && r.method === 'POST' && r.path.endsWith('/reject')).length,
    'ghsa-patches': github.filter(
      (r) => r.method === 'PATCH' && /security-advisories\/GHSA[^/]*$/.test(r.path),
    ).length,
    'ghsa-comments': github.filter((r) => r.method === 'POST' && r.path.endsWith('/comments')).length,
    'private-forks': control.advisories().filter((a) => a.private_fork).length,
    'public-issues': control.issues(repo).length,
  };
  // Asking GitHub for a fork or an issue again would not show in its state: count the asking too.
  const asked = {
    'private-forks': control.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/forks'))
      .length,
    'public-issues': github.filter((r) => r.method === 'POST' && r.path === '/repos/python/cpython/issues')
      .length,
  };
  const expected: Record<WriteKind, number> = {
    'cve-reservations': count(['cve.reserve']),
    'cve-rejections': count(['cve.reject']),
    'ghsa-patches': count([
      'ghsa.update-state',
      'ghsa.set-cve',
      'ghsa.add-collaborator',
      'ghsa.remove-collaborator',
      'ghsa.set-coordinator',
    ]),
    'ghsa-comments': count(['ghsa.comment', 'reply.send']),
    'private-forks': count(['ghsa.create-fork']),
    'public-issues': count(['github.open-issue']),
  };
  for (const key of Object.keys(expected) as WriteKind[]) {
    result.writes[key].expected += expected[key];
    result.writes[key].arrived += arrived[key];
    result.duplicated += Math.max(0, arrived[key] - expected[key]);
  }
  for (const key of Object.keys(asked) as (keyof typeof asked)[])
    result.duplicated += Math.max(0, asked[key] - Math.max(arrived[key], expected[key]));
  const done = effects.filter((e) => e.status === 'done').length;
  result.effects.expected += effects.length;
  result.effects.done += done;
  result.effects.lost += effects.length - done;
  for (const effect of effects.filter((e) => e.status !== 'done')) {
    // What the loop found wrong, for whoever reads its output: ids and causes, never payloads.
    result.notDone.push(
      `round ${result.rounds}: effect ${effect.id} ${effect.kind} ${effect.status} after ${effect.attempts} attempts: ${effect.lastError ?? ''}`,
    );
  }
  const mail = round.mailbox.messages().filter((m) => !m.to.includes(announceAddress));
  const distinct = new Set(mail.map((m) => m.messageId)).size;
  const allowed = unnoted['mail.send'] ?? 0;
  result.mail.expected += count(['mail.send']);
  result.mail.delivered += mail.length;
  result.mail.distinct += distinct;
  result.mail.resendsAllowed += allowed;
  result.duplicated +=
    Math.max(0, distinct - count(['mail.send'])) + Math.max(0, mail.length - distinct - allowed);
}

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopResult> {
  const random = options.random ?? Math.random;
  const eachStep = options.at === 'each step once';
  const started = performance.now();
  await bundleChild();
  const tally = (): Tally => ({ expected: 0, arrived: 0 });
  const result: CrashLoopResult = {
    engine: options.engine,
    runs: 0,
    crashes: 0,
    rounds: 0,
    seconds: 0,
    effects: { expected: 0, done: 0, lost: 0 },
    writes: {
      'cve-reservations': tally(),
      'cve-rejections': tally(),
      'ghsa-patches': tally(),
      'ghsa-comments': tally(),
      'private-forks': tally(),
      'public-issues': tally(),
    },
    mail: { expected: 0, delivered: 0, distinct: 0, resendsAllowed: 0 },
    publication: emptyPublicationTally(),
    duplicated: 0,
    crashPoints: {},
    notDone: [],
  };
  // A round's checkpoints, as counted by the last runner that finished one; crash points are drawn below it.
  let checkpointsPerRound = 60;
  try {
    while (result.runs < options.runs && !(eachStep && result.rounds > 0)) {
      const round = await startRound({
        engine: options.engine,
        serverUrl: options.serverUrl,
        reports: options.reports ?? 3,
      });
      result.rounds++;
      const unnoted: Record<string, number> = {};
      try {
        for (;;) {
          const last = result.runs >= options.runs;
          // The last run of the loop finishes its round: nothing is left half done when we count.
          const crash: CrashPoint = last
            ? { at: 0 }
            : eachStep
              ? { spare: Object.keys(result.crashPoints), only: options.steps }
              : { at: 1 + Math.floor(random() * checkpointsPerRound) };
          const outcome = await runChild(round, crash);
          result.runs++;
          if (outcome.crashed === null) {
            checkpointsPerRound = Math.max(checkpointsPerRound, outcome.reached);
            break;
          }
          result.crashes++;
          result.crashPoints[outcome.crashed] = (result.crashPoints[outcome.crashed] ?? 0) + 1;
          for (const [kind, n] of Object.entries(outcome.unnoted ?? {}))
            unnoted[kind] = (unnoted[kind] ?? 0) + n;
        }
        await countRound(round, result, unnoted);
      } finally {
        await round.close();
      }
      options.progress?.(
        `round ${result.rounds}: ${result.runs}/${options.runs} runs, ${result.crashes} crashes, ${result.effects.lost} lost, ${result.duplicated} duplicated`,
      );
    }
  } finally {
    rmSync(childBundle, { force: true });
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
