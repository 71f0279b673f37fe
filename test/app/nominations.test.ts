// Nominations as the use-cases run them on both engines: opened by a member
// (the Council mailed, eligibility read from the GitHub simulator), voted on
// for a week, closed once by the scheduler's tick (a passed one decides the
// join), vetoed by the Council, withdrawn, and seen by members only.
import { expect, it } from 'vitest';
import { createGitHubSim, psrtAppSeed } from '../../sim/github/index.ts';
import { nominationAs, nominationsAs } from '../../src/app/nomination-views.ts';
import {
  openNomination,
  vetoNomination,
  voteOnNomination,
  withdrawNomination,
} from '../../src/app/nominations.ts';
import { runClockTick } from '../../src/app/scheduler.ts';
import { createLogger } from '../../src/config/logger.ts';
import { createGitHubClient } from '../../src/github/index.ts';
import { seedDemoNominations } from '../../src/sandbox/demo-nominations.ts';
import { listAudit, listEffects, listPendingMembershipChanges } from '../../src/store/index.ts';
import { testKey } from '../sim/github/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { failsWith, testApp } from './support.ts';

const why = 'Triaged and fixed a dozen security reports in CPython this year.';

forEachEngine('nominations to the PSRT', (engine) => {
  const app = testApp(engine, new Date('2026-12-01T10:00:00.000Z'));
  const ctx = () => app.ctx();
  const nominate = async (by = 'gpshead', login = 'new-person') =>
    openNomination(ctx(), await app.as(by), { login, name: 'New Person', why });
  const vote = async (login: string, id: number, inFavour: boolean) =>
    voteOnNomination(ctx(), await app.as(login), id, inFavour);

  it('a member nominates someone; the Steering Council is mailed who, why, the eligibility and how to veto', async () => {
    await app.importDevguideRoster();
    const nomination = await nominate();
    expect(nomination).toMatchObject({
      login: 'new-person',
      nominatedBy: 'gpshead',
      closesAt: new Date('2026-12-08T10:00:00.000Z'),
      eligibility: { known: false, why: 'GitHub is not configured' },
      status: 'open',
    });
    const [mail] = await listEffects(engine.store().db);
    expect(mail?.payload).toMatchObject({ to: ['steering-council'], purpose: 'nomination-opened' });
    const text = (mail?.payload as { text?: string } | undefined)?.text ?? '';
    expect(text).toContain(why);
    expect(text).toContain(
      'Eligibility (core developer, triager or PSF staff): unknown: GitHub is not configured',
    );
    expect(text).toContain('until 2026-12-08 10:00 UTC');
    expect(text).toContain(`psrt nomination veto ${nomination.id} --decision TEXT`);
    expect((await listAudit(engine.store().db, `nomination:${nomination.id}`)).map((e) => e.action)).toEqual([
      'nomination.opened',
    ]);
  });

  it('refuses nominating a member, someone with an open nomination, or by a non-member', async () => {
    await app.importDevguideRoster();
    await failsWith('refused', nominate('gpshead', 'encukou'));
    await nominate();
    await failsWith('conflict', nominate('sethmlarson', 'New-Person'));
    await failsWith('forbidden', nominate('curious-visitor', 'someone-else'));
  });

  it('reads the eligibility from the core repository through the GitHub App: a triager, or a warning when none applies', async () => {
    await app.importDevguideRoster();
    const github = createGitHubSim({ now: app.clock.now });
    for (const login of ['sethmlarson', 'triaging-person', 'keen-person']) github.control.addUser({ login });
    github.control.addOrg({ login: 'python', owners: ['sethmlarson'] });
    github.control.addRepo({
      owner: 'python',
      name: 'cpython',
      collaborators: { 'triaging-person': 'triage' },
    });
    const installed = github.control.createApp({ ...psrtAppSeed(['python']), privateKey: testKey() });
    const client = createGitHubClient({
      appId: installed.appId,
      privateKey: installed.privateKey,
      baseUrl: 'http://github.sim',
      fetch: (request: Request) => github.fetch(request),
      log: createLogger('silent'),
      now: app.clock.now,
    });
    const seth = await app.as('sethmlarson');
    const triager = await openNomination(
      ctx(),
      seth,
      { login: 'triaging-person', name: 'T. Person', why },
      client,
    );
    expect(triager.eligibility).toEqual({ known: true, applies: ['triager'] });
    const keen = await openNomination(ctx(), seth, { login: 'keen-person', name: 'K. Person', why }, client);
    expect(keen.eligibility).toEqual({ known: true, applies: [] });
  });

  it('passes at the close with two thirds of the votes cast, changed votes counting once; the join goes to the team', async () => {
    await app.importDevguideRoster();
    const { id } = await nominate();
    await vote('gpshead', id, true);
    await vote('encukou', id, false);
    app.clock.advanceDays(3);
    await vote('encukou', id, true);
    await vote('sethmlarson', id, false);
    app.clock.advanceDays(3);
    expect((await runClockTick(ctx())).nominations).toEqual([]);
    const open = await nominationAs(ctx(), await app.as('encukou'), id);
    expect(open).toMatchObject({ outcome: { status: 'open', inFavour: 2, against: 1 }, yourVote: true });
    app.clock.advanceDays(1);
    await failsWith('refused', vote('ambv', id, true));
    const tick = await runClockTick(ctx());
    expect(tick.nominations).toEqual([
      { id, status: 'passed', rule: 'passed: 2 of 3 votes cast in favour, at least two thirds' },
    ]);
    expect((await runClockTick(ctx())).nominations).toEqual([]);
    expect(await listPendingMembershipChanges(engine.store().db)).toEqual([
      expect.objectContaining({
        kind: 'join',
        login: 'new-person',
        name: 'New Person',
        source: { kind: 'nomination', id },
      }),
    ]);
    const effects = await listEffects(engine.store().db, {});
    expect(effects.map((e) => e.kind)).toEqual(expect.arrayContaining(['team.add-member', 'mail.send']));
    expect(
      effects.find((e) => (e.payload as { purpose?: string }).purpose === 'nomination-passed')?.payload,
    ).toMatchObject({
      to: ['team'],
    });
    expect((await listAudit(engine.store().db, `nomination:${id}`)).map((e) => e.action)).toEqual([
      'nomination.opened',
      'nomination.voted',
      'nomination.voted',
      'nomination.vote-changed',
      'nomination.voted',
      'nomination.closed',
    ]);
  });

  it('fails at the close with fewer than two thirds in favour, and nobody joins', async () => {
    await app.importDevguideRoster();
    const { id } = await nominate();
    await vote('gpshead', id, true);
    await vote('encukou', id, false);
    app.clock.advanceDays(7);
    expect((await runClockTick(ctx())).nominations).toEqual([
      { id, status: 'failed', rule: 'failed: 1 of 2 in favour, fewer than two thirds' },
    ]);
    expect(await listPendingMembershipChanges(engine.store().db)).toEqual([]);
  });

  it('a Steering Council member vetoes directly inside the week; an admin records a veto citing the decision; nobody else may', async () => {
    await app.importDevguideRoster();
    const { id } = await nominate();
    await vote('gpshead', id, true);
    await failsWith('forbidden', vetoNomination(ctx(), await app.as('encukou'), id, 'I object'));
    await failsWith('invalid', vetoNomination(ctx(), await app.as('corona10'), id, ' '));
    const vetoed = await vetoNomination(ctx(), await app.as('corona10'), id, 'SC vote, 2026-12-03');
    expect(vetoed).toMatchObject({
      status: 'vetoed',
      veto: { by: 'corona10', decision: 'SC vote, 2026-12-03' },
    });
    await failsWith('refused', vote('encukou', id, true));
    app.clock.advanceDays(8);
    expect((await runClockTick(ctx())).nominations).toEqual([]);
    expect(await listPendingMembershipChanges(engine.store().db)).toEqual([]);

    const other = await nominate('gpshead', 'other-person');
    const recorded = await vetoNomination(
      ctx(),
      await app.as('sethmlarson'),
      other.id,
      'Council email of 2026-12-10',
    );
    expect(recorded).toMatchObject({ status: 'vetoed', veto: { by: 'sethmlarson' } });
    const late = await nominate('gpshead', 'late-person');
    app.clock.advanceDays(7);
    await failsWith('refused', vetoNomination(ctx(), await app.as('sethmlarson'), late.id, 'too late'));
  });

  it('the nominator or an admin withdraws a nomination; another member may not', async () => {
    await app.importDevguideRoster();
    const { id } = await nominate();
    await failsWith('forbidden', withdrawNomination(ctx(), await app.as('encukou'), id));
    const withdrawn = await withdrawNomination(ctx(), await app.as('gpshead'), id);
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      closed: { rule: expect.stringMatching(/^withdrawn by gpshead/) },
    });
    // The person may be nominated again.
    await nominate('encukou');
  });

  it('members see every vote; a Council member who is not a member sees no votes; nobody else sees nominations', async () => {
    await app.importDevguideRoster();
    const { id } = await nominate();
    await vote('gpshead', id, true);
    const [seen] = await nominationsAs(ctx(), await app.as('encukou'));
    expect(seen?.votes?.map((v) => [v.voter, v.inFavour])).toEqual([['gpshead', true]]);
    expect(seen?.may).toEqual({ vote: true, veto: false, withdraw: false });
    const council = await nominationAs(ctx(), await app.as('corona10'), id);
    expect(council.votes).toBeNull();
    expect(council.may).toEqual({ vote: false, veto: true, withdraw: false });
    await failsWith('forbidden', nominationsAs(ctx(), await app.as('curious-visitor')));
    await failsWith('forbidden', nominationAs(ctx(), { kind: 'anonymous' }, id));
  });

  it("the sandbox's demo: one nomination passed last month (its join decided), one open for two days with three votes", async () => {
    await app.importDevguideRoster();
    const { passed, open } = await seedDemoNominations(ctx());
    const seth = await app.as('sethmlarson');
    expect(await nominationAs(ctx(), seth, passed)).toMatchObject({
      outcome: { status: 'passed', rule: 'passed: 4 of 5 votes cast in favour, at least two thirds' },
    });
    expect(await nominationAs(ctx(), seth, open)).toMatchObject({
      outcome: { status: 'open', inFavour: 2, against: 1 },
    });
    expect(await listPendingMembershipChanges(engine.store().db)).toEqual([
      expect.objectContaining({ kind: 'join', login: 'jaraco' }),
    ]);
  });
});
