// A nomination from proposal to outcome, with the effect runner against the
// GitHub simulator and a real SMTP server: the Steering Council is mailed when
// it opens, members vote, the week ends, the scheduler's tick records the
// outcome, the runner adds the nominee to the PSRT team and the roster lists them.
import { expect, it } from 'vitest';
import { openNomination, voteOnNomination } from '../../src/app/nominations.ts';
import { getRoster } from '../../src/app/roster.ts';
import { runClockTick } from '../../src/app/scheduler.ts';
import { findMember } from '../../src/domain/roster.ts';
import { forEachEngine } from '../support/engines.ts';
import { effectsWorld } from './effects/world.ts';

const council = 'steering-council@python.example';

forEachEngine('a nomination from proposal to outcome', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const deps = () =>
    world.deps({
      mailTo: {
        team: ['psrt@python.example'],
        admins: ['psrt-admins@python.example'],
        'steward-staff': ['cra@psf.example'],
        announce: ['security-announce@python.example'],
        'steering-council': [council],
      },
    });

  it('mails the Council, passes with the votes at the close, and the nominee joins the GitHub team, then the roster', async () => {
    world.github().control.addUser({ login: 'new-person' });
    const { id } = await openNomination(app.ctx(), await app.as('gpshead'), {
      login: 'new-person',
      name: 'New Person',
      why: 'Fixed a dozen security bugs in the standard library.',
    });
    await world.settle(deps());
    const [opened] = world.mail();
    expect(opened).toMatchObject({
      to: [council],
      subject: '[PSRT] Nomination of New Person (@new-person) to the PSRT',
    });
    expect(opened?.text).toContain('Fixed a dozen security bugs in the standard library.');

    for (const [login, inFavour] of [
      ['gpshead', true],
      ['encukou', true],
      ['sethmlarson', false],
    ] as const)
      await voteOnNomination(app.ctx(), await app.as(login), id, inFavour);
    app.clock.advanceDays(7);
    expect((await runClockTick(app.ctx())).nominations).toEqual([
      { id, status: 'passed', rule: 'passed: 2 of 3 votes cast in favour, at least two thirds' },
    ]);
    await world.settle(deps());

    const onTeam = world
      .github()
      .control.requests()
      .filter((r) => r.method === 'PUT' && r.path.endsWith('/teams/psrt/memberships/new-person'));
    expect(onTeam.map((r) => r.status)).toEqual([200]);
    expect(findMember(await getRoster(app.ctx()), 'new-person')).toMatchObject({
      name: 'New Person',
      roles: [],
    });
    const outcome = world.mail().find((m) => m.subject.endsWith(': passed'));
    expect(outcome).toMatchObject({ to: ['psrt@python.example'] });
    expect(outcome?.text).toContain('passed: 2 of 3 votes cast in favour, at least two thirds');
  });
});
