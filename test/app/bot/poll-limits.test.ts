// GitHub's rate limits during a poll, against the GitHub simulator: told to
// slow down (a secondary limit's retry-after, or the hourly limit used up
// until its reset), the poller waits as long as GitHub asks and finishes,
// each report opened once and each effect performed once; when the wait
// would be too long it gives up, and the next poll catches up without doing
// anything twice. Waits pass on the test clock, which the simulator shares.
import { expect, it } from 'vitest';
import { psrtAppSeed } from '../../../sim/github/psrt-app.ts';
import type { BotSettings } from '../../../src/app/bot/observe.ts';
import { pollAdvisories } from '../../../src/app/bot/poller.ts';
import { createGitHubClient, type GitHubClient, GitHubError } from '../../../src/github/index.ts';
import { listEffects, listReports } from '../../../src/store/index.ts';
import { testKey } from '../../support/app-key.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from '../effects/world.ts';

const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };
const openList = '/orgs/python/security-advisories';

/** One answer GitHub gave the poller. */
interface Answer {
  path: string;
  status: number;
  /** When it was asked, on the test clock. */
  at: Date;
  /** `x-ratelimit-reset` when the answer said the limit is used up. */
  reset: Date | null;
}

forEachEngine('rate limits during a poll', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const github = () => world.github().control;

  /**
   * psrt's GitHub client as `psrt serve` builds it (up to 3 rate-limit
   * retries, waits of up to 15 minutes), with its waits spent on the test
   * clock, and every answer noted.
   */
  function pollingClient(onAnswer: (answer: Answer) => void = () => {}) {
    const installed = github().createApp({
      ...psrtAppSeed(['python'], 'psrt-poller'),
      privateKey: testKey(),
    });
    const answers: Answer[] = [];
    const waits: number[] = [];
    const client: GitHubClient = createGitHubClient({
      appId: installed.appId,
      privateKey: installed.privateKey,
      baseUrl: 'http://github.sim',
      now: app.clock.now,
      sleep: async (ms) => {
        waits.push(ms);
        app.clock.advance(ms);
      },
      serializeWrites: false,
      log: app.ctx().log,
      fetch: async (request) => {
        const at = app.clock.now();
        const response = await world.github().fetch(request);
        const used = response.headers.get('x-ratelimit-remaining') === '0';
        const answer: Answer = {
          path: new URL(request.url).pathname,
          status: response.status,
          at,
          reset: used ? new Date(Number(response.headers.get('x-ratelimit-reset')) * 1000) : null,
        };
        answers.push(answer);
        onAnswer(answer);
        return response;
      },
    });
    return { client, answers, waits };
  }

  async function everyReport() {
    const page = await listReports(
      app.store().db,
      { kind: 'all' },
      { now: app.clock.now(), limit: 500, offset: 0 },
    );
    return page.reports;
  }

  /** Each report's effects, and GitHub's advisory writes, to show what was done once. */
  async function doneOnce(ghsaIds: string[]) {
    const reports = await everyReport();
    expect(reports.map((r) => r.ghsaId).sort()).toEqual([...ghsaIds].sort());
    const effects = await listEffects(app.store().db, {});
    expect(effects.map((e) => `${e.kind} ${e.status}`)).toEqual(
      ghsaIds.map(() => 'ghsa.add-collaborator done'),
    );
    const writes = world.githubWrites();
    expect(writes).toHaveLength(ghsaIds.length);
    expect(new Set(writes).size).toBe(ghsaIds.length);
    for (const ghsaId of ghsaIds)
      expect(world.advisory(ghsaId).collaborating_teams?.map((t) => t.slug)).toEqual(['psrt']);
  }

  it.each([403, 429])(
    "a poll that meets GitHub's secondary rate limit (%i) waits the retry-after GitHub sent, then finishes: each report opened once, the team added once",
    async (status) => {
      const ghsaIds = [world.reportedAdvisory('report one'), world.reportedAdvisory('report two')];
      const { client, answers, waits } = pollingClient();
      github().injectFault({
        match: { method: 'GET', path: openList },
        kind: 'secondary-rate-limit',
        status,
        retryAfter: 90,
        times: 2,
      });

      const polled = await pollAdvisories(app.ctx(), client, bot);
      await world.settle();

      expect(waits).toEqual([90_000, 90_000]);
      const listed = answers.filter((a) => a.path === openList);
      expect(listed.map((a) => a.status)).toEqual([status, status, 200, 200]);
      // The retry went out no sooner than GitHub asked.
      expect(listed[2]?.at.getTime()).toBeGreaterThanOrEqual((listed[1]?.at.getTime() ?? 0) + 90_000);
      expect(polled).toMatchObject({ open: 2, mirrored: 2, opened: 2 });
      await doneOnce(ghsaIds);
      // Polling again finds everything done.
      expect(await pollAdvisories(app.ctx(), client, bot)).toMatchObject({ opened: 0 });
      await world.settle();
      await doneOnce(ghsaIds);
    },
  );

  it.each([403, 429])(
    'a poll whose hourly limit runs out (%i) between two pages of the open list waits for the reset GitHub sent, then lists the rest: every report opened once',
    async (status) => {
      github().configure({ rateLimitStatus: status as 403 | 429 });
      let armed = false;
      const { client, answers, waits } = pollingClient((answer) => {
        // Right after the first page of 100, GitHub says the installation's hour is used up.
        if (armed && answer.path === openList && answer.status === 200) {
          armed = false;
          github().injectFault({ match: { path: openList }, kind: 'rate-limit', times: 1 });
        }
      });
      // The installation's hour starts with the poller's first look (nothing to see yet) ...
      await pollAdvisories(app.ctx(), client, bot);
      // ... and 50 minutes later 101 reports are waiting.
      app.clock.advance(50 * 60_000);
      const ghsaIds = Array.from({ length: 101 }, (_, n) => world.reportedAdvisory(`report ${n}`));
      armed = true;

      const polled = await pollAdvisories(app.ctx(), client, bot);
      await world.settle();

      const limited = answers.find((a) => a.reset !== null);
      expect(limited).toMatchObject({ path: openList, status });
      // About ten minutes, to one second past the reset.
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(9 * 60_000);
      expect(waits[0]).toBeLessThanOrEqual(10 * 60_000 + 1_000);
      // (The installation token, an hour old by then, is renewed on the way.)
      const retried = answers.slice(answers.indexOf(limited as Answer) + 1).find((a) => a.path === openList);
      expect(retried).toMatchObject({ path: openList, status: 200 });
      expect(retried?.at.getTime()).toBeGreaterThan(limited?.reset?.getTime() ?? Number.POSITIVE_INFINITY);
      expect(polled).toMatchObject({ open: 101, opened: 101 });
      await doneOnce(ghsaIds);
    },
    60_000,
  );

  const say = (ghsaId: string, body: string) => {
    app.clock.advance(1_000);
    github().comment({ as: 'sethmlarson', owner: 'python', repo: 'cpython', ghsaId, body });
  };
  const answersOn = (ghsaId: string) =>
    github()
      .advisoryComments({ owner: 'python', repo: 'cpython', ghsaId })
      .filter((c) => c.body.startsWith('@sethmlarson:'));

  it.each([
    // Once: the limit's reset is most of an hour away, further than the client may wait.
    ['the hourly limit used up for most of an hour', { kind: 'rate-limit', times: 1 }],
    // Four times: the first answer and each of the client's three retries.
    [
      'a secondary limit that outlasts the retries',
      { kind: 'secondary-rate-limit', status: 429, retryAfter: 60, times: 4 },
    ],
  ] as const)(
    'a poll that gives up half-way through the comments, on %s, fails saying when to retry, and the next poll answers the rest, each command once',
    async (_limit, fault) => {
      const ghsaIds = [world.reportedAdvisory('report one'), world.reportedAdvisory('report two')];
      let armed = false;
      const { client, waits } = pollingClient((answer) => {
        // After the first advisory's comments are read, GitHub says to slow down.
        if (armed && answer.path.endsWith('/comments') && answer.status === 200) {
          armed = false;
          github().injectFault({
            match: { path: '^/repos/python/cpython/security-advisories/GHSA-[^/]+/comments$' },
            ...fault,
          });
        }
      });
      await pollAdvisories(app.ctx(), client, bot);
      await world.settle();
      for (const ghsaId of ghsaIds) say(ghsaId, '@psrt-bot status');
      armed = true;

      const failed = await pollAdvisories(app.ctx(), client, bot).catch((error: unknown) => error);
      await world.settle();

      expect(failed).toBeInstanceOf(GitHubError);
      expect(failed).toMatchObject({ kind: 'rate-limited', retryAt: expect.any(Date) });
      const retryAt = (failed as GitHubError).retryAt ?? new Date(Number.NaN);
      expect((failed as GitHubError).message).toContain(retryAt.toISOString());
      // Waited only what the policy allows: never for the hourly limit's reset, three times for the secondary one.
      expect(waits).toEqual(fault.kind === 'rate-limit' ? [] : [60_000, 60_000, 60_000]);
      expect(ghsaIds.map((ghsaId) => answersOn(ghsaId).length).sort()).toEqual([0, 1]);

      app.clock.set(new Date(Math.max(app.clock.now().getTime(), retryAt.getTime()) + 1_000));
      await pollAdvisories(app.ctx(), client, bot);
      await world.settle();
      await pollAdvisories(app.ctx(), client, bot);
      await world.settle();

      for (const ghsaId of ghsaIds) {
        const [answer, ...more] = answersOn(ghsaId);
        expect(answer?.body).toContain('State: triage.');
        expect(more).toEqual([]);
      }
      expect((await everyReport()).map((r) => r.ghsaId).sort()).toEqual([...ghsaIds].sort());
    },
  );
});
