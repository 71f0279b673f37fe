// Whether this psrt instance should be sent work (`GET /readyz`): its database answers, the schema
// is the one this psrt was built for, and the loops it runs keep going round. A load balancer or an
// orchestrator stops routing to an instance that is not ready, and `/healthz` (alive) tells it apart
// from one that must be restarted. Nothing here names a report: the answer is public.
import type { Store } from '../store/index.ts';
import type { Heartbeats, LoopName } from './heartbeats.ts';

export interface ReadinessCheck {
  name: 'database' | 'migrations' | LoopName | 'shutdown';
  ok: boolean;
  /** What was found, in words an operator acts on. */
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

export interface ReadinessDeps {
  store: Store;
  heartbeats: Heartbeats;
  /** The loops this instance runs, each with how long it may go without a round before it counts as stuck. */
  loops: ReadonlyArray<{ loop: LoopName; withinMs: number }>;
  /** When this instance started (ms since the epoch): a loop has until `withinMs` after it for its first round. */
  startedAt: number;
  /** True once the instance is shutting down: it takes no new work. */
  stopping: () => boolean;
  clock?: () => number;
}

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const now = (deps.clock ?? Date.now)();
  const checks: ReadinessCheck[] = [];
  if (deps.stopping()) checks.push({ name: 'shutdown', ok: false, detail: 'psrt is stopping' });
  checks.push(...(await databaseChecks(deps.store)));
  for (const { loop, withinMs } of deps.loops) {
    const last = deps.heartbeats.lastBeat(loop);
    const since = now - (last ?? deps.startedAt);
    const ok = since <= withinMs;
    const seconds = Math.round(since / 1000);
    const detail =
      last === null
        ? ok
          ? 'starting: no round yet'
          : `no round since psrt started ${seconds} s ago`
        : `last round ${seconds} s ago${ok ? '' : ` (expected within ${Math.round(withinMs / 1000)} s)`}`;
    checks.push({ name: loop, ok, detail });
  }
  return { ready: checks.every((check) => check.ok), checks };
}

async function databaseChecks(store: Store): Promise<ReadinessCheck[]> {
  try {
    await store.ping();
  } catch {
    // Never the driver's message: it may name the server and user.
    return [{ name: 'database', ok: false, detail: `the ${store.engine} database does not answer` }];
  }
  const database: ReadinessCheck = { name: 'database', ok: true, detail: `${store.engine} answers` };
  try {
    const { pending, unknown } = await store.migrationStatus();
    if (pending > 0)
      return [
        database,
        { name: 'migrations', ok: false, detail: `${pending} migration(s) not applied: run psrt db migrate` },
      ];
    if (unknown > 0)
      return [
        database,
        {
          name: 'migrations',
          ok: false,
          detail: `the database has ${unknown} migration(s) this psrt does not know: a newer psrt applied them; upgrade this instance`,
        },
      ];
    return [database, { name: 'migrations', ok: true, detail: 'the schema is current' }];
  } catch {
    return [database, { name: 'migrations', ok: false, detail: 'the applied migrations could not be read' }];
  }
}
