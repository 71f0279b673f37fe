// Publishing from GitHub: the GHSA's CWE and credits (with whether each person
// accepted, and the name they give on GitHub) are mirrored into the report's
// publication, and `[COMPLETED]` in the title publishes through the publication
// use-case: the records stored, the email sent, the GHSA closed, the CVE
// record left for a CNA operator. A pending credit holds it back, said once,
// until its person accepts it on GitHub or the coordinator drops it.
import { expect, it } from 'vitest';
import { creditNamesOf } from '../../../src/app/bot/installations.ts';
import { type BotSettings, observeAdvisory } from '../../../src/app/bot/observe.ts';
import { ghsaOf, pollAdvisories } from '../../../src/app/bot/poller.ts';
import { dropCredit } from '../../../src/app/credits.ts';
import { recordHistory } from '../../../src/app/publish.ts';
import { editReport, showReport } from '../../../src/app/reports.ts';
import type { GitHubClient } from '../../../src/github/index.ts';
import { listAudit, listEffects, listReports } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { publishingWorld, READY_TITLE, readyFields } from '../publish/world.ts';

const cpython = { owner: 'python', repo: 'cpython' };

forEachEngine('publishing from GitHub', (engine) => {
  const world = publishingWorld(engine);
  const { app } = world;
  const github = () => world.github();

  /** The bot as `psrt serve` runs it, on one App client, looking up credited people's names. */
  function botOn(deps: ReturnType<typeof world.deps>) {
    const client = deps.services.github as GitHubClient;
    const bot: BotSettings = {
      team: 'psrt',
      name: 'psrt-bot',
      outsiders: async () => [],
      creditNames: creditNamesOf(app.ctx(), client),
    };
    const poll = () => pollAdvisories(app.ctx(), client, bot);
    const pollAndSettle = async () => {
      await poll();
      await world.settle(deps);
    };
    /** A webhook's sighting of the GHSA as GitHub has it now, seen again even if unchanged. */
    const sees = (ghsaId: string) => observeAdvisory(app.ctx(), bot, ghsaOf(world.advisory(ghsaId) as never));
    return { poll, pollAndSettle, sees };
  }

  /** A member edits the GHSA on GitHub, a second after whatever happened before. */
  const edit = (ghsaId: string, changes: Record<string, unknown>) => {
    app.clock.advance(1_000);
    github().control.editAdvisory({ as: 'sethmlarson', ...cpython, ghsaId, changes });
  };

  const theReport = async () => {
    const page = await listReports(
      app.store().db,
      { kind: 'all' },
      { now: app.clock.now(), limit: 10, offset: 0 },
    );
    const [first] = page.reports;
    if (!first) throw new Error('the bot opened no report');
    return (await showReport(app.ctx(), await app.as('encukou'), first.id)).report;
  };

  /**
   * A reported GHSA accepted by tag with encukou coordinating, credited on GitHub to its finder,
   * a fix developer and a reviewer, with its CWE there; the coordinator records the rest in psrt.
   */
  async function acceptedWithFacts(bot: ReturnType<typeof botOn>) {
    github().control.addUser({ login: 'remy-fixes', name: 'Rémy Fixer' });
    const ghsaId = world.reportedAdvisory(READY_TITLE);
    await bot.pollAndSettle();
    edit(ghsaId, {
      summary: `[ACCEPTED] ${READY_TITLE}`,
      cwe_ids: ['CWE-22'],
      // The fix developer works on the advisory, so sees it (and the credit to answer).
      collaborating_users: ['remy-fixes'],
      credits: [
        { login: 'mira-finds-bugs', type: 'finder' },
        { login: 'encukou', type: 'coordinator' },
        { login: 'remy-fixes', type: 'remediation_developer' },
        { login: 'zip-expert', type: 'remediation_reviewer' },
      ],
    });
    await bot.pollAndSettle();
    await bot.pollAndSettle();
    const accepted = await theReport();
    expect(accepted).toMatchObject({ state: 'accepted', coordinator: 'encukou' });
    // The CWE and credits are GitHub's (above); the coordinator records the rest in psrt.
    const { description, cvssVector, affected, fixPullRequests, publication } = readyFields;
    await editReport(app.ctx(), await app.as('encukou'), accepted.id, {
      description,
      cvssVector,
      affected,
      fixPullRequests,
      creditPreference: { credit: true, name: 'mira-finds-bugs' },
      publication: { references: publication.references, products: publication.products },
    });
    return { ghsaId, reportId: accepted.id };
  }

  const refusals = (ghsaId: string) =>
    github()
      .control.advisoryComments({ ...cpython, ghsaId })
      .filter((c) => c.body.includes('`[COMPLETED]` tag in the title was not applied'));

  it("the GHSA's CWE and credits are the publication's, each credit printed with its GitHub name (else the login) and its acceptance", async () => {
    const bot = botOn(world.deps());
    const { reportId } = await acceptedWithFacts(bot);
    const { report } = await showReport(app.ctx(), await app.as('encukou'), reportId);
    expect(report.publication.cweIds).toEqual(['CWE-22']);
    expect(report.publication.credits).toEqual([
      { name: 'mira-finds-bugs', type: 'finder', login: 'mira-finds-bugs', state: 'accepted' },
      // psrt's own record of who coordinated: published without waiting for GitHub's acceptance.
      { name: 'encukou', type: 'coordinator', login: 'encukou', state: 'accepted' },
      { name: 'Rémy Fixer', type: 'remediation developer', login: 'remy-fixes', state: 'pending' },
      { name: 'zip-expert', type: 'remediation reviewer', login: 'zip-expert', state: 'pending' },
    ]);
    // Each person's profile is read once, however often the GHSA is seen.
    const profileReads = github()
      .control.requests()
      .filter((r) => r.method === 'GET' && r.path === '/users/remy-fixes');
    expect(profileReads).toHaveLength(1);
  });

  it('[COMPLETED] with credits still pending is refused once, naming them; once accepted on GitHub or dropped, the report is published through the publication', async () => {
    const deps = world.deps();
    const bot = botOn(deps);
    const { ghsaId, reportId } = await acceptedWithFacts(bot);

    edit(ghsaId, { summary: `[COMPLETED] ${READY_TITLE}` });
    await bot.pollAndSettle();
    expect((await theReport()).state).toBe('accepted');
    expect(refusals(ghsaId)).toHaveLength(1);
    expect(refusals(ghsaId)[0]?.body).toContain('2 credit(s) still wait for acceptance on GitHub');

    // The fix developer accepts on GitHub; the reviewer never answers: the same missing check, no second comment.
    github().control.answerCredit({ as: 'remy-fixes', ...cpython, ghsaId, answer: 'accepted' });
    await bot.pollAndSettle();
    const waiting = await theReport();
    expect(waiting.state).toBe('accepted');
    expect(waiting.publication.credits.map((c) => `${c.login} ${c.state}`)).toEqual([
      'mira-finds-bugs accepted',
      'encukou accepted',
      'remy-fixes accepted',
      'zip-expert pending',
    ]);
    expect(refusals(ghsaId)).toHaveLength(1);

    // The coordinator drops the reviewer's credit: off the GHSA too, and it stays dropped.
    const dropped = await dropCredit(app.ctx(), await app.as('encukou'), reportId, 'zip-expert');
    expect(dropped.offGitHub).toBe(true);
    await world.settle(deps);
    const onGitHub = world.advisory(ghsaId).credits_detailed?.map((c) => c.user.login);
    expect(onGitHub).toEqual(['mira-finds-bugs', 'encukou', 'remy-fixes']);
    await bot.poll();
    // Publishing started: the records are stored and the email is on its way. The tag seen again
    // meanwhile asks for nothing more.
    expect((await theReport()).publication.psfId).toBe('PSF-2026-1');
    expect((await bot.sees(ghsaId)).outcome).toBe('mirrored');
    await world.settle(deps);
    await bot.pollAndSettle();

    const published = await theReport();
    expect(published).toMatchObject({
      state: 'published',
      title: READY_TITLE,
      publication: { psfId: 'PSF-2026-1' },
    });
    expect(world.advisory(ghsaId).state).toBe('closed');
    const versions = await recordHistory(app.ctx(), await app.as('encukou'), reportId);
    expect(versions.map((r) => `${r.format} v${r.version} by ${r.createdBy}`)).toEqual([
      'email v1 by system:bot',
      'cve v1 by system:bot',
      'osv v1 by system:bot',
    ]);
    const osv = JSON.stringify(versions.find((r) => r.format === 'osv')?.content);
    expect(osv).toContain('Rémy Fixer');
    expect(osv).not.toContain('zip-expert');
    const announced = world.mail().filter((mail) => mail.subject === `[${published.cveId}] ${READY_TITLE}`);
    expect(announced).toHaveLength(1);
    // The CVE record waits for a PSF CNA operator; nothing was sent to CVE Services.
    expect(world.cveRequests().filter((r) => r.startsWith('POST /cve/'))).toEqual([]);
    const kinds = (await listEffects(app.store().db, { reportId })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['advisory.send', 'osv.commit']));
    expect(kinds).not.toContain('cve.publish');
    const audit = (await listAudit(app.store().db, reportId)).find((e) => e.action === 'report.publish');
    expect(audit).toMatchObject({
      actor: 'system:bot',
      change: expect.objectContaining({ by: 'title tag', tag: 'COMPLETED', psfId: 'PSF-2026-1' }),
    });
  });
});
