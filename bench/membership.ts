// Membership (PEP 811), on PGlite and on PostgreSQL: the yearly inactivity
// report's preview over four years of history (10,000 reports, their
// coordinator changes, members' edits and GHSA comments), p95 ≤ 1,000 ms; and
// the roster drift against the GitHub simulator (in-process), p95 ≤ 500 ms.

import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { previewInactivity } from '../src/app/inactivity.ts';
import { resolvePrincipal } from '../src/app/roster.ts';
import { computeDrift } from '../src/app/roster-sync.ts';
import { serviceClients } from '../src/app/service-clients.ts';
import { isProblem, type RosterDrift } from '../src/domain/roster-drift.ts';
import type { GitHubClient } from '../src/github/index.ts';
import { parseRosterCsv } from '../src/records/roster-csv.ts';
import { type SandboxServices, startSandboxServices } from '../src/sandbox/index.ts';
import type { Engine } from '../src/store/index.ts';
import { benchNow } from './data.ts';
import { availableEngines, engineLabel, freshStore, serverSkippedRow } from './engines.ts';
import { fillHistory } from './membership-history.ts';
import { fillNominations, readNominationsPage } from './membership-nominations.ts';
import { type BenchOptions, elapsedMs, percentile, progress, type Row, scaled, timed } from './report.ts';
import { type ClockedContext, clockedContext, importSandboxRoster } from './workload.ts';

const benchmark = 'membership';
/** The page answers in about a second. */
const previewGoalMs = 1000;
/** What /members/sync and `psrt roster drift` wait for, the simulator being in-process. */
const driftGoalMs = 500;
/** Not in the issue: a page read, held to the same second as the inactivity report. */
const nominationsGoalMs = 1000;
const WARMUP = 3;

/** Runs `fn` WARMUP + `runs` times and keeps the last `runs` durations. */
async function sample<T>(runs: number, fn: () => Promise<T>): Promise<{ samples: number[]; last: T }> {
  const samples: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs + WARMUP; i++) {
    const start = performance.now();
    last = await fn();
    if (i >= WARMUP) samples.push(elapsedMs(start));
  }
  return { samples, last: last as T };
}

const spread = (samples: number[]) =>
  `p50 ${percentile(samples, 50).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms over ${samples.length} runs`;

/** The sandbox's GitHub world: the team of 31, two outsiders added by hand, the devguide's lists. */
async function gitHubWorld(): Promise<{
  services: SandboxServices;
  client: (ctx: ClockedContext) => GitHubClient;
}> {
  const text = await readFile(new URL('../sandbox/psrt.csv', import.meta.url), 'utf8');
  const services = await startSandboxServices(parseRosterCsv(text, 'member'), { now: () => benchNow });
  const owner = services.simulators.adminOf('python') as string;
  for (const login of ['jaraco', 'ethanfurman']) {
    const response = await fetch(`${services.github.url}/orgs/python/teams/psrt/memberships/${login}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${services.simulators.github.userToken(owner)}` },
    });
    if (!response.ok) throw new Error(`The simulator did not add ${login} to the team: ${response.status}`);
  }
  const client = (ctx: ClockedContext) =>
    serviceClients({ github: { ...services.github, serializeWrites: false } }, { log: ctx.log, now: ctx.now })
      .github as GitHubClient;
  return { services, client };
}

async function onEngine(
  engine: Engine,
  options: BenchOptions,
  world: Awaited<ReturnType<typeof gitHubWorld>>,
): Promise<Row[]> {
  const label = engineLabel[engine];
  const count = scaled(10_000, options, 300);
  const runs = scaled(20, options, 5);
  const fresh = await freshStore(engine);
  try {
    const ctx = clockedContext(fresh.store);
    await importSandboxRoster(ctx);
    ctx.setNow(benchNow);
    progress(
      benchmark,
      `${label}: storing ${count.toLocaleString('en-US')} reports with four years of history`,
    );
    const filled = await timed(() =>
      fillHistory(fresh.store, count, (done) => {
        if (done % 2500 === 0)
          progress(benchmark, `${label}: ${done.toLocaleString('en-US')} reports stored`);
      }),
    );
    const history = filled.result;
    // What PostgreSQL's autovacuum does by itself; PGlite has none, and psrt runs no ANALYZE of its own.
    if (engine === 'postgres') await fresh.store.db.execute(sql`analyze`);
    const admin = await resolvePrincipal(ctx, 'sethmlarson');

    progress(benchmark, `${label}: previewing the inactivity report ${runs} times`);
    const preview = await sample(runs, () => previewInactivity(ctx, admin));
    const inactive = preview.last.members.filter((m) => m.standing === 'inactive').map((m) => m.login);
    // A quiet member is listed, unless exempt (a release manager or on the Steering Council).
    const counted = preview.last.members.filter(
      (m) => history.quiet.includes(m.login) && m.standing === 'active',
    );
    if (counted.length > 0 || inactive.length === 0)
      throw new Error(
        `The preview counts quiet members as active: ${counted.map((m) => m.login).join(', ') || 'none inactive'}.`,
      );

    progress(benchmark, `${label}: computing the roster drift ${runs} times`);
    const github = world.client(ctx);
    const drift = await sample(runs, () => computeDrift(ctx, github));
    const team = (drift.last as RosterDrift).team;
    if (isProblem(team)) throw new Error(`The drift could not read the team: ${team.problem}`);
    const nominations = scaled(100, options, 5);
    const votesEach = 30;
    progress(
      benchmark,
      `${label}: ${nominations} past nominations with ${votesEach} votes each, through the use-cases`,
    );
    await fillNominations(ctx, nominations, votesEach);
    const member = await resolvePrincipal(ctx, 'gpshead');
    const page = await sample(runs, () => readNominationsPage(ctx, member));
    if (page.last.length !== nominations)
      throw new Error(`The page read ${page.last.length} nominations of ${nominations}.`);
    const passed = page.last.filter((view) => view.outcome.status === 'passed').length;
    return [
      {
        benchmark,
        name: `${label}: inactivity report preview, ${count.toLocaleString('en-US')} reports, p95`,
        value: percentile(preview.samples, 95),
        unit: 'ms',
        goal: { atMost: previewGoalMs },
        note: `${spread(preview.samples)}; ${history.auditEvents.toLocaleString('en-US')} audit events, ${history.comments.toLocaleString('en-US')} GHSA comments; ${inactive.length} of ${preview.last.members.length} members inactive`,
      },
      {
        benchmark,
        name: `${label}: roster drift against the GitHub simulator, p95`,
        value: percentile(drift.samples, 95),
        unit: 'ms',
        goal: { atMost: driftGoalMs },
        note: `${spread(drift.samples)}; simulator in-process; team: ${team.add.length} to add, ${team.remove.length} to remove`,
      },
      {
        benchmark,
        name: `${label}: nominations page read, ${nominations} nominations × ${votesEach} votes, p95`,
        value: percentile(page.samples, 95),
        unit: 'ms',
        goal: { atMost: nominationsGoalMs },
        note: `${spread(page.samples)}; ${passed} passed`,
      },
      {
        benchmark,
        name: `${label}: storing the history`,
        value: history.reports / (filled.ms / 1000),
        unit: 'reports/s',
      },
    ];
  } finally {
    await fresh.dispose();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const { engines, skipped } = await availableEngines();
  if (skipped) progress(benchmark, skipped);
  const world = await gitHubWorld();
  const rows: Row[] = [];
  try {
    for (const engine of engines) rows.push(...(await onEngine(engine, options, world)));
  } finally {
    await world.services.close();
  }
  if (skipped) rows.push(serverSkippedRow(benchmark));
  return rows;
}
