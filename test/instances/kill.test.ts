// Three real `psrt serve` processes on one PostgreSQL database, set up as in
// production against the GitHub, CVE Services and SMTP simulators, behind a
// load balancer that sends each webhook delivery to the next live instance.
// Processes are killed (SIGKILL) while work comes in, the leader among them,
// and started again; afterwards every expected effect happened exactly once at
// the simulators, one instance led at a time and another took over when the
// leader died, and `psrt audit verify` passes.
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../../bench/cluster.ts';
import { acceptOnGitHub, account, askStatus, leadersOneAtATime, settled } from '../../bench/cluster-work.ts';
import { reportAtRate, seedWorld } from '../../bench/webhook-world.ts';
import { activeMembers, admins } from '../../src/domain/roster.ts';
import { listRoster, openStore } from '../../src/store/index.ts';
import { bin, cleanEnv } from '../cli/psrt.ts';
import { createServerDatabase, serverProblem } from '../support/engines.ts';

const run = promisify(execFile);

describe.runIf(!serverProblem || process.env.CI)(
  'several psrt serve processes on one PostgreSQL database',
  () => {
    it('with instances killed while work comes in and started again, every effect happens once, one instance leads at a time, and the audit chain verifies', async () => {
      const database = await createServerDatabase();
      const store = await openStore({ databaseUrl: database.url });
      await store.migrate();
      const cluster = await startCluster({
        databaseUrl: database.url,
        instances: 3,
        seed: (c) => seedWorld(store, c),
      });
      const c = cluster.github.sim.control;
      const leader = () => cluster.leaderEvents.filter((e) => e.event === 'took').at(-1)?.instance ?? 0;
      try {
        const roster = await listRoster(store.db);
        // Members in the organisation (seedWorld leaves the first two out), who see the GHSAs once the team is on them.
        const member = activeMembers(roster).flatMap((m) => (m.login ? [m.login] : []))[2] ?? '';
        const admin = admins(roster)[0]?.login ?? '';

        // Vulnerabilities reported while the leader is killed, and another instance half-way on.
        const before = await reportAtRate(c, 6, 10);
        await sleep(1_500);
        const killedLeader = leader();
        await cluster.kill(killedLeader);
        const during = await reportAtRate(c, 6, 10);
        await cluster.kill((killedLeader + 1) % 3);
        const after = await reportAtRate(c, 6, 10);
        await Promise.all([cluster.start(killedLeader), cluster.start((killedLeader + 1) % 3)]);
        const sent = [...before.sent, ...during.sent, ...after.sent];
        const work = { sent, accepted: [] as typeof sent, asked: [] as typeof sent };
        expect(await settled(store, cluster, work, 60_000)).toBe(true);

        // The poller's work: reports accepted on GitHub (a CVE ID each) and status questions, with a kill between.
        work.accepted = sent.filter((_, n) => n % 2 === 0);
        work.asked = sent.filter((_, n) => n % 3 === 0);
        for (const s of work.accepted.slice(0, 5)) acceptOnGitHub(c, s);
        for (const s of work.asked.slice(0, 3)) askStatus(c, s, member);
        await sleep(1_200);
        const second = leader();
        await cluster.kill(second);
        for (const s of work.accepted.slice(5)) acceptOnGitHub(c, s);
        for (const s of work.asked.slice(3)) askStatus(c, s, member);
        await sleep(1_500);
        await cluster.start(second);
        const done = await settled(store, cluster, work, 60_000);

        const result = await account(store, cluster, work);
        expect({ problems: result.problems, errors: cluster.errors }).toEqual({ problems: [], errors: [] });
        expect(done).toBe(true);
        expect({ duplicated: result.duplicated, lost: result.lost }).toEqual({ duplicated: 0, lost: 0 });
        expect(result.done).toBe(result.expected);
        expect(result.deliveries).toMatchObject({ recorded: sent.length + 1, notDone: 0 });

        const leadership = leadersOneAtATime(cluster.leaderEvents, cluster.ended);
        expect(leadership.problem).toBeUndefined();
        // The first leader, and a new one after each of the two leaders killed.
        expect(leadership.takes).toBeGreaterThanOrEqual(3);

        const verified = await run(process.execPath, [bin, 'audit', 'verify', '--as', admin], {
          env: cleanEnv({ DATABASE_URL: database.url }),
        });
        expect(verified.stdout).toMatch(/^audit log intact/);
      } finally {
        await cluster.close();
        await store.close();
        await database.drop();
      }
    }, 150_000);
  },
);
