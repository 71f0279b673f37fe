// Two psrt instances on one database, each with its own connection, GitHub
// client and effect runner, against the GitHub simulator: on PostgreSQL, asked
// at the same moment, the leader polls and the other stands by; and when both
// poll at once anyway (a leader whose connection dropped while it polled),
// each report is opened once and each effect performed once. On PGlite the two
// share its one connection.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { BotSettings } from '../../../src/app/bot/observe.ts';
import { pollAdvisories, pollAsLeader } from '../../../src/app/bot/poller.ts';
import type { AppContext } from '../../../src/app/context.ts';
import type { RunnerDeps } from '../../../src/app/effects/runner.ts';
import { leaderOf } from '../../../src/app/leader.ts';
import type { GitHubClient } from '../../../src/github/index.ts';
import { listEffects, listReports, openStore, type Store } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from '../effects/world.ts';

const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };

interface Instance {
  ctx: AppContext;
  deps: RunnerDeps;
  github: GitHubClient;
}

forEachEngine('two psrt instances on one database', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  let second: Store;
  beforeEach(async () => {
    const url = engine.databaseUrl();
    second = url ? await openStore({ databaseUrl: url }) : engine.store();
  });
  afterEach(async () => {
    if (second !== engine.store()) await second.close();
  });

  /** One psrt instance: its own store (connection), GitHub client and effect runner deps. */
  function instance(store: Store): Instance {
    const deps = { ...world.deps(), store };
    if (!deps.services.github) throw new Error('no GitHub client');
    return { ctx: { ...app.ctx(), store }, deps, github: deps.services.github };
  }

  // PGlite is one process's: it leads alone (test/store/leadership.test.ts).
  if (engine.engine === 'postgres')
    it('asked to poll at the same moment, the leader polls and the other instance stands by', async () => {
      world.reportedAdvisory();
      const [a, b] = [instance(engine.store()), instance(second)];

      const polled = await Promise.all([
        pollAsLeader(a.ctx, leaderOf(a.ctx), a.github, bot),
        pollAsLeader(b.ctx, leaderOf(b.ctx), b.github, bot),
      ]);

      expect(polled.filter((p) => p !== null)).toEqual([expect.objectContaining({ opened: 1 })]);
    });

  it('two instances polling at once open each report once, and their effect runners add the team to each GHSA once', async () => {
    const ghsaIds = Array.from({ length: 12 }, (_, n) => world.reportedAdvisory(`report ${n}`));
    const [a, b] = [instance(engine.store()), instance(second)];

    const polled = await Promise.all([
      pollAdvisories(a.ctx, a.github, bot),
      pollAdvisories(b.ctx, b.github, bot),
    ]);
    await Promise.all([world.settle(a.deps), world.settle(b.deps)]);

    // Both saw and mirrored every advisory, taking turns on each; only one opened its report.
    expect(polled.map((p) => [p.open, p.mirrored])).toEqual([
      [12, 12],
      [12, 12],
    ]);
    expect(polled[0].opened + polled[1].opened).toBe(12);
    const { reports } = await listReports(
      app.store().db,
      { kind: 'all' },
      { now: app.clock.now(), limit: 100, offset: 0 },
    );
    expect(reports.map((r) => r.ghsaId).sort()).toEqual([...ghsaIds].sort());
    expect(new Set(reports.map((r) => r.id)).size).toBe(12);
    const effects = await listEffects(app.store().db, {});
    expect(effects.map((e) => `${e.kind} ${e.status}`)).toEqual(
      ghsaIds.map(() => 'ghsa.add-collaborator done'),
    );
    const writes = world.githubWrites();
    expect(writes).toHaveLength(12);
    expect(new Set(writes).size).toBe(12);
  });
});
