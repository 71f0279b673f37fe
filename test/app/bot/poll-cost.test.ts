// What the poller spends of GitHub's rate limit. GitHub's ETags belong to one
// token, and an App's installation token changes every hour: whatever the
// poller revalidates per advisory or per repository is paid for again each
// hour. So it reads an advisory's comments only when GitHub counts a new one,
// and looks for leaks with one search per organisation and the commits of the
// repositories pushed to.
import { expect, it } from 'vitest';
import type { BotSettings } from '../../../src/app/bot/observe.ts';
import { pollAdvisories } from '../../../src/app/bot/poller.ts';
import { listEffects } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from '../effects/world.ts';

const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };

forEachEngine('the poller spends little of the rate limit', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;

  /** A client and a poll that also performs what the poll enqueued. */
  function poller() {
    const deps = world.deps();
    const client = deps.services.github;
    if (!client) throw new Error('no GitHub client');
    return {
      client,
      async poll() {
        const polled = await pollAdvisories(app.ctx(), client, bot);
        await world.settle(deps);
        return polled;
      },
    };
  }

  /**
   * The requests GitHub answered with content (not a 304, not refused) while `act` ran, as
   * `METHOD /path`. (The App's JWTs are signed on the machine's clock, which the test clock has
   * left behind: GitHub refuses the first of each and the client corrects the skew.)
   */
  async function countedDuring(act: () => Promise<unknown>): Promise<string[]> {
    const before = world.github().control.requests().length;
    await act();
    return world
      .github()
      .control.requests()
      .slice(before)
      .filter((r) => r.status !== 304 && r.status < 400)
      .map((r) => `${r.method} ${r.path}`);
  }

  /** A member asks the bot for the report's status in a comment, a second later; returns the advisory. */
  function askStatus(ghsaId: string) {
    const ref = { owner: 'python', repo: 'cpython', ghsaId };
    app.clock.advance(1_000);
    world.github().control.comment({ as: 'sethmlarson', ...ref, body: '@psrt-bot status' });
    return ref;
  }
  const answersTo = (ref: ReturnType<typeof askStatus>) =>
    world
      .github()
      .control.advisoryComments(ref)
      .filter((c) => c.body.startsWith('@sethmlarson:'));

  it("after the hourly token change, unchanged advisories cost the open lists again, not each advisory's comments or each repository", async () => {
    for (let n = 0; n < 6; n++) world.reportedAdvisory(`report ${n}`);
    for (const name of ['pip-audit', 'typeshed', 'devguide'])
      world.github().control.addRepo({ owner: 'python', name });
    const { poll } = poller();
    await poll();
    await poll(); // sees the team psrt added to each GHSA
    app.clock.advance(61 * 60_000); // the installation token has expired

    const counted = await countedDuring(poll);
    expect(counted.filter((request) => request.includes('/comments'))).toEqual([]);
    expect(counted.filter((request) => request.includes('/commits'))).toEqual([]);
    expect(counted.map((request) => request.replace(/\/\d+\//, '/:id/')).sort()).toEqual([
      'GET /app/installations', // asked again every ten minutes, as the App
      'GET /installation/repositories',
      'GET /orgs/python/security-advisories', // triage
      'GET /orgs/python/security-advisories', // draft
      'GET /search/issues',
      'POST /app/installations/:id/access_tokens',
    ]);
  });

  it('a comment is read and its command answered at the next poll, because GitHub counts it on the advisory', async () => {
    const ghsaId = world.reportedAdvisory();
    const { poll } = poller();
    await poll();
    const ref = askStatus(ghsaId);
    const counted = await countedDuring(poll);
    expect(counted).toContain(`GET /repos/python/cpython/security-advisories/${ghsaId}/comments`);
    expect(answersTo(ref)).toHaveLength(1);
    // The bot's answer is one more comment, read once; after that nothing is new and nothing is read.
    await poll();
    expect((await countedDuring(poll)).filter((request) => request.includes('/comments'))).toEqual([]);
  });

  it("where GitHub does not count an advisory's comments, they are read at every poll and commands still answered", async () => {
    world.github().control.configure({ advisoryCommentCount: false });
    const ghsaId = world.reportedAdvisory();
    const { poll } = poller();
    await poll();
    const ref = askStatus(ghsaId);
    await poll();
    expect(answersTo(ref)).toHaveLength(1);
  });

  it('an embargoed id in a commit message pushed to a public repository alerts privately at the next poll, with no push webhook', async () => {
    const { report, ghsaId } = await world.triagedReport();
    const { poll } = poller();
    await poll();
    app.clock.advance(1_000);
    world.github().control.pushCommit({
      as: 'sethmlarson',
      owner: 'python',
      repo: 'cpython',
      message: `Fix the zipfile overflow (${ghsaId})`,
      files: { 'Lib/zipfile.py': '# fixed\n' },
    });
    await poll();
    await poll();
    const alerts = world.mail().filter((m) => m.subject.includes('embargoed id in public'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain(report.id);
    const leakEffects = (await listEffects(app.store().db, { reportId: report.id })).filter((e) =>
      e.key.startsWith('leak'),
    );
    expect(leakEffects.length).toBeGreaterThan(0);
  });
});
