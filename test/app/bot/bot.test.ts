// The bot against the GitHub simulator: it mirrors what it sees of every GHSA
// into psrt and does the PSRT's chores on it through the effect runner. Each
// sighting, however many times and in whatever order, ends in one report and
// one set of effects.
import { expect, it } from 'vitest';
import { psrtAppSeed } from '../../../sim/github/psrt-app.ts';
import { type BotSettings, observeAdvisory } from '../../../src/app/bot/observe.ts';
import { ghsaOf, pollAdvisories } from '../../../src/app/bot/poller.ts';
import { revokeAccess } from '../../../src/app/grants.ts';
import { createGitHubClient } from '../../../src/github/index.ts';
import { listAudit, listEffects, listReports } from '../../../src/store/index.ts';
import { testKey } from '../../support/app-key.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from '../effects/world.ts';

const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };

forEachEngine('the bot mirrors GHSAs and acts on them', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const github = world.github;

  async function everyReport() {
    const page = await listReports(
      app.store().db,
      { kind: 'all' },
      { now: app.clock.now(), limit: 100, offset: 0 },
    );
    return page.reports;
  }

  /** A member edits the GHSA on GitHub, a second after whatever happened before. */
  const edit = (ghsaId: string, changes: Record<string, unknown>) => {
    app.clock.advance(1_000);
    github().control.editAdvisory({ as: 'sethmlarson', owner: 'python', repo: 'cpython', ghsaId, changes });
  };

  /** One look at GitHub by the poller, then the effect runner until nothing is due. */
  async function pollAndSettle(deps = world.deps()) {
    const polled = await pollAdvisories(app.ctx(), deps.services.github as never, bot);
    await world.settle(deps);
    return polled;
  }

  /** A psrt App installed on `orgs`, and its client, which reaches GitHub through `fetch` and does not retry. */
  function appClient(orgs: string[], fetch: (request: Request) => Promise<Response>) {
    const installed = github().control.createApp({
      ...psrtAppSeed(orgs, `psrt-${orgs.join('-')}`),
      privateKey: testKey(),
    });
    return createGitHubClient({
      appId: installed.appId,
      privateKey: installed.privateKey,
      baseUrl: 'http://github.sim',
      now: app.clock.now,
      serializeWrites: false,
      serverErrors: { retries: 0, backoffMs: 1 },
      log: { debug() {}, info() {}, warn() {}, error() {} },
      fetch,
    });
  }

  it('a vulnerability reported on GitHub, with no webhook reaching psrt, becomes a triage report at the next poll, and the PSRT team is added to its GHSA', async () => {
    const ghsaId = world.reportedAdvisory('tarfile: path traversal');
    expect(world.advisory(ghsaId).collaborating_teams ?? []).toEqual([]);

    const polled = await pollAndSettle();

    expect(polled).toMatchObject({ organisations: 1, open: 1, mirrored: 1, opened: 1 });
    const [report] = await everyReport();
    expect(report).toMatchObject({
      ghsaId,
      state: 'triage',
      title: 'tarfile: path traversal',
      reporter: 'mira-finds-bugs',
    });
    expect(world.advisory(ghsaId).collaborating_teams?.map((t) => t.slug)).toEqual(['psrt']);
  });

  it('the same advisory seen by a webhook and a poll, twice and out of order, is one report with one set of effects', async () => {
    const ghsaId = world.reportedAdvisory();
    const first = ghsaOf(world.advisory(ghsaId) as never);
    edit(ghsaId, { summary: 'zipfile: heap overflow, edited' });
    const edited = ghsaOf(world.advisory(ghsaId) as never);

    expect((await observeAdvisory(app.ctx(), bot, edited)).outcome).toBe('mirrored');
    expect(await observeAdvisory(app.ctx(), bot, first)).toEqual({ outcome: 'stale' });
    expect((await observeAdvisory(app.ctx(), bot, edited)).outcome).toBe('mirrored');
    await pollAndSettle();

    const reports = await everyReport();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.title).toBe('zipfile: heap overflow, edited');
    const effects = await listEffects(app.store().db, { reportId: reports[0]?.id });
    expect(effects.map((e) => e.kind)).toEqual(['ghsa.add-collaborator']);
    expect(world.githubWrites().filter((w) => w.startsWith('PATCH'))).toHaveLength(1);
  });

  it('[ACCEPTED] with a coordinator credit makes the GHSA a draft with one CVE ID from the CNA, and a private fork', async () => {
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    edit(ghsaId, {
      summary: '[ACCEPTED] zipfile: heap overflow',
      credits: [{ login: 'encukou', type: 'coordinator' }],
    });
    await pollAndSettle();
    await pollAndSettle();

    const advisory = world.advisory(ghsaId);
    expect(advisory.state).toBe('draft');
    expect(advisory.cve_id).toMatch(/^CVE-\d{4}-\d+$/);
    expect(advisory.private_fork).not.toBeNull();
    expect(world.cveRequests().filter((r) => r.startsWith('POST /cve-id'))).toHaveLength(1);
    const [report] = await everyReport();
    expect(report).toMatchObject({ state: 'accepted', coordinator: 'encukou', cveId: advisory.cve_id });
    const accepted = (await listAudit(app.store().db, report?.id ?? '')).find(
      (e) => e.action === 'report.accept',
    );
    expect(accepted).toMatchObject({
      actor: 'system:bot',
      change: expect.objectContaining({ by: 'title tag', tag: 'ACCEPTED' }),
    });
  });

  it('[ACCEPTED] on a report without a coordinator is not applied, and the bot says what is missing in one comment', async () => {
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    edit(ghsaId, { summary: '[ACCEPTED] zipfile: heap overflow' });
    await pollAndSettle();
    edit(ghsaId, { description: 'More detail, same missing coordinator.' });
    await pollAndSettle();

    expect(world.advisory(ghsaId).state).toBe('triage');
    const comments = github().control.advisoryComments({ owner: 'python', repo: 'cpython', ghsaId });
    const refusals = comments.filter((c) => c.body.includes('`[ACCEPTED]` tag in the title was not applied'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.body).toContain('No coordinator is assigned');
  });

  it('an unchanged list of open advisories costs nothing against the rate limit', async () => {
    world.reportedAdvisory();
    const deps = world.deps();
    await pollAndSettle(deps);
    const client = deps.services.github;
    if (!client) throw new Error('no GitHub client');
    // This look sees the team psrt added; after it, nothing changes on GitHub.
    await pollAdvisories(app.ctx(), client, bot);
    client.resetCounters();
    await pollAdvisories(app.ctx(), client, bot);
    expect(client.counters()).toMatchObject({ countedAgainstLimit: 0 });
  });

  it('a GHSA closed by hand on GitHub leaves the open lists and its report is rejected, with no reply sent', async () => {
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    app.clock.advance(1_000);
    github().control.closeAdvisory({ as: 'sethmlarson', owner: 'python', repo: 'cpython', ghsaId });
    await pollAndSettle();

    const [report] = await everyReport();
    expect(report).toMatchObject({ state: 'rejected', rejection: null });
    const kinds = (await listEffects(app.store().db, { reportId: report?.id })).map((e) => e.kind);
    expect(kinds).not.toContain('reply.send');
  });

  const say = (as: string, ghsaId: string, body: string) => {
    app.clock.advance(1_000);
    github().control.comment({ as, owner: 'python', repo: 'cpython', ghsaId, body });
  };
  const repliesOn = (ghsaId: string) =>
    github()
      .control.advisoryComments({ owner: 'python', repo: 'cpython', ghsaId })
      .filter((c) => c.body.includes('<!-- psrt:'));

  it('a member accepts a report with `@psrt-bot accept` in a comment, and gets one answer however often the comment is seen', async () => {
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    edit(ghsaId, { credits: [{ login: 'encukou', type: 'coordinator' }] });
    say('sethmlarson', ghsaId, 'Confirmed on main.\n@psrt-bot accept');
    await pollAndSettle();
    await pollAndSettle();
    say('gpshead', ghsaId, 'Thanks, looking at the fix.');
    await pollAndSettle();

    expect(world.advisory(ghsaId)).toMatchObject({ state: 'draft', cve_id: expect.stringMatching(/^CVE-/) });
    const replies = repliesOn(ghsaId).filter((c) => c.body.startsWith('@sethmlarson:'));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain('Accepted');
    expect(world.cveRequests().filter((r) => r.startsWith('POST /cve-id'))).toHaveLength(1);
  });

  it('an expert given access to the advisory may not close it by command, and is told who may', async () => {
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    say('sethmlarson', ghsaId, '@psrt-bot grant @zip-expert');
    await pollAndSettle();
    expect(world.advisory(ghsaId).collaborating_users?.map((u) => u.login)).toContain('zip-expert');
    say('zip-expert', ghsaId, '@psrt-bot reject spam');
    await pollAndSettle();

    expect((await everyReport())[0]?.state).toBe('triage');
    const [answer] = repliesOn(ghsaId).filter((c) => c.body.startsWith('@zip-expert:'));
    expect(answer?.body).toContain('`reject` is for PSRT members and repository admins');
  });

  it('a member runs the chores by comment (coordinator, handoff, grant, revoke, extend, assign-cve, reject), each carried out or refused with the reason, in one answer per comment', async () => {
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    say(
      'sethmlarson',
      ghsaId,
      [
        '@psrt-bot coordinator @encukou',
        '@psrt-bot handoff @gpshead',
        '@psrt-bot grant @zip-expert 30',
        '@psrt-bot revoke @zip-expert',
        '@psrt-bot revoke @zip-expert',
        '@psrt-bot assign-cve',
        '@psrt-bot extend 30 the fix needs a release',
        '@psrt-bot help',
      ].join('\n'),
    );
    await pollAndSettle();
    const [answer] = repliesOn(ghsaId).filter((c) => c.body.startsWith('@sethmlarson:'));
    expect(answer?.body).toContain('@encukou now coordinates this report.');
    // Only the coordinator hands off; the refusal says so and the other commands go on.
    expect(answer?.body).toContain(
      '`handoff` was not carried out: Only the current coordinator can hand off the report',
    );
    expect(answer?.body).toMatch(/@zip-expert has access until \d{4}-\d{2}-\d{2}\./);
    expect(answer?.body).toContain("@zip-expert's access ended.");
    expect(answer?.body).toContain('`revoke` was not carried out: zip-expert has no access to');
    expect(answer?.body).toContain('`assign-cve` was not carried out: only an accepted report gets a CVE ID');
    expect(answer?.body).toMatch(/The disclosure deadline moved by 30 days, to \d{4}-\d{2}-\d{2}\./);
    expect(answer?.body).toContain('`revoke @user`: end someone’s access');
    const [report] = await everyReport();
    expect(report).toMatchObject({ coordinator: 'encukou', handoff: null });
    expect(report?.extensions.map((e) => [e.days, e.reason])).toEqual([[30, 'the fix needs a release']]);

    say('encukou', ghsaId, '@psrt-bot handoff @gpshead\n@psrt-bot reject out-of-scope');
    await pollAndSettle();
    const [closing] = repliesOn(ghsaId).filter((c) => c.body.startsWith('@encukou:'));
    expect(closing?.body).toContain('@gpshead is asked to take over as coordinator.');
    expect(closing?.body).toContain('Rejected as out-of-scope; the GHSA is closed.');
    expect((await everyReport())[0]).toMatchObject({
      state: 'rejected',
      determination: 'not-a-vulnerability',
    });
    expect(world.advisory(ghsaId).state).toBe('closed');
  });

  it("the reporter, a collaborator on the advisory, may ask for the report's status but not accept it", async () => {
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    say('mira-finds-bugs', ghsaId, '@psrt-bot status\n@psrt-bot accept\n@psrt-bot frobnicate');
    await pollAndSettle();

    const [answer] = repliesOn(ghsaId).filter((c) => c.body.startsWith('@mira-finds-bugs:'));
    expect(answer?.body).toContain('State: triage. Coordinator: none yet.');
    expect(answer?.body).toContain('`accept` is for PSRT members and repository admins');
    expect(answer?.body).toContain('`frobnicate` is not a command the bot knows.');
    expect((await everyReport())[0]?.state).toBe('triage');
  });

  it('the code owners of files a private-fork pull request changes get access once, which stays ended when revoked; a merge there alerts the admins', async () => {
    const ghsaId = world.reportedAdvisory();
    github().control.putFile({
      owner: 'python',
      repo: 'cpython',
      path: '.github/CODEOWNERS',
      content: '/Lib/zipfile/ @zip-expert\n',
    });
    await pollAndSettle();
    edit(ghsaId, {
      summary: '[ACCEPTED] zipfile overflow',
      credits: [{ login: 'encukou', type: 'coordinator' }],
    });
    await pollAndSettle();
    await pollAndSettle();
    const fork = world.advisory(ghsaId).private_fork?.full_name ?? '';
    expect(fork).not.toBe('');
    const [forkOwner = '', forkName = ''] = fork.split('/');
    github().control.addPullRequest({
      owner: forkOwner,
      repo: forkName,
      title: 'Fix the overflow',
      user: 'encukou',
      files: [{ filename: 'Lib/zipfile/__init__.py', status: 'modified', additions: 3, deletions: 1 }],
    });
    await pollAndSettle();
    await pollAndSettle();

    expect(world.advisory(ghsaId).collaborating_users?.map((u) => u.login)).toContain('zip-expert');
    const [report] = await everyReport();
    const seth = await app.as('sethmlarson');
    await revokeAccess(app.ctx(), seth, report?.id ?? '', 'zip-expert');
    await pollAndSettle();
    await pollAndSettle();
    expect(world.advisory(ghsaId).collaborating_users?.map((u) => u.login) ?? []).not.toContain('zip-expert');

    github().control.addPullRequest({
      owner: forkOwner,
      repo: forkName,
      title: 'Merged by the button',
      user: 'encukou',
      state: 'closed',
      merged: true,
      files: [{ filename: 'Lib/zipfile/_path.py', status: 'modified', additions: 1, deletions: 1 }],
    });
    await pollAndSettle();
    await pollAndSettle();
    const alerts = world.mail().filter((m) => m.subject?.includes('private fork merged'));
    expect(alerts).toHaveLength(1);
  });

  it('`@psrt-bot public-issue` opens one public issue from the report, links it, and closes the GHSA as not a vulnerability', async () => {
    const ghsaId = world.reportedAdvisory('tarfile: slow on huge headers');
    await pollAndSettle();
    edit(ghsaId, { credits: [{ login: 'encukou', type: 'coordinator' }] });
    say('encukou', ghsaId, '@psrt-bot public-issue');
    await pollAndSettle();
    await pollAndSettle();

    const issues = github().control.issues({ owner: 'python', repo: 'cpython' });
    expect(issues.map((i) => i.title)).toEqual(['tarfile: slow on huge headers']);
    const [report] = await everyReport();
    expect(report).toMatchObject({
      state: 'rejected',
      determination: 'not-security-bug',
      rejection: { reason: 'public-issue', detail: issues[0]?.html_url },
    });
    expect(world.advisory(ghsaId).state).toBe('closed');
  });

  it('an embargoed GHSA id in a public issue alerts the coordinator and the admins privately, once, and nothing is said on the issue', async () => {
    const { report, ghsaId } = await world.triagedReport();
    await pollAndSettle();
    github().control.openIssue({
      as: 'zip-expert',
      owner: 'python',
      repo: 'cpython',
      title: 'Is this related?',
      body: `I saw ${ghsaId.toLowerCase()} mentioned somewhere.`,
    });
    await pollAndSettle();
    await pollAndSettle();

    const alerts = world.mail().filter((m) => m.subject.includes('embargoed id in public'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain(report.id);
    const onAdvisory = github()
      .control.advisoryComments({ owner: 'python', repo: 'cpython', ghsaId })
      .filter((c) => c.body.includes('appears in public'));
    expect(onAdvisory).toHaveLength(1);
    expect(onAdvisory[0]?.body).toContain('@sethmlarson');
    // Nothing was said on the public issue.
    const [issue] = github().control.issues({ owner: 'python', repo: 'cpython' });
    expect(
      github().control.issueComments({ owner: 'python', repo: 'cpython', number: issue?.number ?? 0 }),
    ).toEqual([]);
  });

  it('a member of a team collaborating on the advisory counts as a collaborator: status is answered, accept is not carried out', async () => {
    github().control.addOrg({ login: 'python', members: ['zip-expert'] });
    github().control.addTeam({ org: 'python', slug: 'email-team', members: ['zip-expert'] });
    const ghsaId = world.reportedAdvisory();
    await pollAndSettle();
    edit(ghsaId, { collaborating_teams: ['psrt', 'email-team'] });
    say('zip-expert', ghsaId, '@psrt-bot status\n@psrt-bot accept');
    await pollAndSettle();

    const [answer] = repliesOn(ghsaId).filter((c) => c.body.startsWith('@zip-expert:'));
    expect(answer?.body).toContain('State: triage.');
    expect(answer?.body).toContain('`accept` is for PSRT members and repository admins');
  });

  it('a poll that GitHub answers with a burst of 502s changes nothing, and the next poll catches up', async () => {
    const ghsaId = world.reportedAdvisory();
    const deps = world.deps();
    github().control.injectFault({
      match: { path: '^/orgs/python/security-advisories' },
      kind: 'status',
      status: 502,
      times: 2,
    });
    // The client makes no retries of its own in this world: each 502 fails its poll.
    for (const _attempt of [1, 2]) {
      await expect(pollAdvisories(app.ctx(), deps.services.github as never, bot)).rejects.toThrow();
    }
    expect(await everyReport()).toEqual([]);
    await pollAndSettle(deps);
    expect((await everyReport()).map((r) => r.ghsaId)).toEqual([ghsaId]);
  });

  it('an organisation whose poll fails does not keep the next organisation from being polled', async () => {
    const control = github().control;
    control.addOrg({ login: 'pypa', owners: ['sethmlarson'], members: ['encukou'] });
    control.addRepo({ owner: 'pypa', name: 'pip' });
    control.addTeam({ org: 'pypa', slug: 'psrt', members: ['sethmlarson', 'encukou'] });
    const inPip = control.reportVulnerability({
      as: 'mira-finds-bugs',
      owner: 'pypa',
      repo: 'pip',
      advisory: { summary: 'pip: path traversal', description: 'Details.' },
    }).ghsa_id;
    const client = appClient(['python', 'pypa'], (request) => github().fetch(request));
    control.injectFault({
      match: { path: '^/orgs/python/security-advisories' },
      kind: 'status',
      status: 502,
      times: 1,
    });
    await expect(pollAdvisories(app.ctx(), client, bot)).rejects.toThrow();
    expect((await everyReport()).map((r) => r.ghsaId)).toEqual([inPip]);
  });

  it('an installation token that expires in the middle of a poll is renewed, and the poll completes', async () => {
    const ghsaId = world.reportedAdvisory();
    github().control.injectFault({
      match: { path: '^/orgs/python/security-advisories' },
      kind: 'token-expiry',
      times: 1,
    });
    const polled = await pollAndSettle();
    expect(polled.opened).toBe(1);
    expect((await everyReport()).map((r) => r.ghsaId)).toEqual([ghsaId]);
  });

  it('a report filed while the poller is between pages of the open list is neither missed nor mirrored twice', async () => {
    for (let n = 0; n < 101; n++) world.reportedAdvisory(`report ${n}`);
    let filedBetweenPages: string | null = null;
    const client = appClient(['python'], async (request) => {
      const response = await github().fetch(request);
      const url = new URL(request.url);
      // Right after the first page of the triage list, a reporter files another report.
      if (
        url.pathname === '/orgs/python/security-advisories' &&
        url.searchParams.get('state') === 'triage' &&
        !url.searchParams.has('after') &&
        filedBetweenPages === null
      ) {
        filedBetweenPages = world.reportedAdvisory('filed between pages');
      }
      return response;
    });
    await pollAdvisories(app.ctx(), client, bot);
    await pollAdvisories(app.ctx(), client, bot);

    const reports = await listReports(
      app.store().db,
      { kind: 'all' },
      { now: app.clock.now(), limit: 500, offset: 0 },
    );
    expect(reports.total).toBe(102);
    expect(new Set(reports.reports.map((r) => r.ghsaId)).size).toBe(102);
    expect(reports.reports.map((r) => r.ghsaId)).toContain(filedBetweenPages);
  });
});
