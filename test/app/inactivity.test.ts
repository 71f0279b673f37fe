// The yearly inactivity report, end to end on both engines: computed from the
// activity in the store, produced, sent to the Steering Council through a real
// SMTP server by the effect runner, and the Council's decisions recorded, a
// removal taking the member off the GitHub team (the simulator), then the roster.
import { expect, it } from 'vitest';
import { pollAdvisories } from '../../src/app/bot/poller.ts';
import {
  listInactivity,
  previewInactivity,
  produceInactivityReport,
  recordCouncilDecision,
  sendInactivityReport,
} from '../../src/app/inactivity.ts';
import { assignCoordinator } from '../../src/app/reports.ts';
import { importRoster } from '../../src/app/roster.ts';
import type { InactivityReport } from '../../src/domain/inactivity.ts';
import { seedDemoInactivity } from '../../src/sandbox/demo-inactivity.ts';
import {
  listAudit,
  listPendingMembershipChanges,
  listRoster,
  recordGhsaComments,
} from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { effectsWorld } from './effects/world.ts';
import { failsWith } from './support.ts';

const councilAddress = 'steering-council@python.example';

const standingOf = (report: InactivityReport, login: string) =>
  report.members.find((m) => m.login.toLowerCase() === login.toLowerCase());

forEachEngine('the yearly inactivity report', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const mailTo = {
    team: ['psrt@python.example'],
    admins: ['psrt-admins@python.example'],
    'steward-staff': ['cra@psf.example'],
    announce: ['security-announce@python.example'],
    'steering-council': [councilAddress],
  };

  /** A report seth opened and gave to gpshead, and a GHSA comment by AA-Turner psrt read. */
  async function someActivity() {
    const { report } = await world.triagedReport();
    const seth = await app.as('sethmlarson');
    await assignCoordinator(app.ctx(), seth, report.id, 'gpshead');
    await app.store().transaction((tx) =>
      recordGhsaComments(tx, [
        {
          ghsaId: report.ghsaId ?? '',
          commentId: 77,
          author: 'AA-Turner',
          reportId: report.id,
          writtenAt: app.clock.now(),
        },
      ]),
    );
    app.clock.advanceDays(30);
    return report;
  }

  it("a member's plain comment on a report's GHSA, as the bot reads it, is activity", async () => {
    const ghsaId = world.reportedAdvisory();
    const bot = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };
    const github = world.services().github;
    if (!github) throw new Error('the world has GitHub');
    await pollAdvisories(app.ctx(), github, bot);
    await world.settle(); // the PSRT team is added to the GHSA
    app.clock.advance(60_000);
    world.github().control.comment({
      as: 'encukou',
      owner: 'python',
      repo: 'cpython',
      ghsaId,
      body: 'I can reproduce this on 3.13; the patch looks right.',
    });
    await pollAdvisories(app.ctx(), github, bot);
    app.clock.advanceDays(1);
    const preview = await previewInactivity(app.ctx(), await app.as('sethmlarson'));
    expect(standingOf(preview, 'encukou')).toMatchObject({
      standing: 'active',
      evidence: [expect.objectContaining({ kind: 'commented', ghsaId, count: 1 })],
    });
  });

  it('lists as inactive the members who neither coordinated nor commented, with the evidence of the others, and exempts release managers and the Steering Council', async () => {
    const report = await someActivity();
    const preview = await previewInactivity(app.ctx(), await app.as('sethmlarson'));
    expect(preview.period.to).toEqual(app.clock.now());
    expect(preview.period.from.toISOString()).toBe('2025-04-09T09:00:00.000Z');
    const ref = { reportId: report.id, repository: 'python/cpython', ghsaId: report.ghsaId };
    expect(standingOf(preview, 'gpshead')).toMatchObject({
      standing: 'active',
      evidence: [{ kind: 'coordinated', ...ref, count: 1 }],
    });
    expect(standingOf(preview, 'sethmlarson')).toMatchObject({
      standing: 'active',
      // Opened, determined and handed on in psrt; coordinator for no time at all, so not counted as one.
      evidence: [expect.objectContaining({ kind: 'acted', ...ref, count: 4 })],
    });
    expect(standingOf(preview, 'aa-turner')).toMatchObject({
      standing: 'active',
      evidence: [{ kind: 'commented', ...ref, count: 1 }],
    });
    expect(standingOf(preview, 'hugovk')).toMatchObject({
      standing: 'exempt',
      exemptAs: ['Release Manager'],
    });
    // On the configured Council (the roster does not say it) and a release manager.
    expect(standingOf(preview, 'yhg1s')).toMatchObject({
      standing: 'exempt',
      exemptAs: ['Release Manager', 'Steering Council'],
    });
    expect(standingOf(preview, 'warsaw')).toMatchObject({
      standing: 'exempt',
      exemptAs: ['Steering Council'],
    });
    expect(standingOf(preview, 'tim-one')).toMatchObject({ standing: 'inactive', evidence: [] });
    expect(standingOf(preview, 'encukou')).toMatchObject({ standing: 'inactive' });
    // Inactive first, then exempt, then active.
    expect(preview.members.map((m) => m.standing)).toEqual(
      [...preview.members.map((m) => m.standing)].sort(
        (a, b) => ['inactive', 'exempt', 'active'].indexOf(a) - ['inactive', 'exempt', 'active'].indexOf(b),
      ),
    );
    // A period before the activity finds none of it; only admins may ask.
    const earlier = await previewInactivity(app.ctx(), await app.as('sethmlarson'), {
      from: new Date('2025-01-01T00:00:00Z'),
      to: new Date('2026-01-01T00:00:00Z'),
    });
    expect(standingOf(earlier, 'gpshead')?.standing).toBe('inactive');
    await failsWith('forbidden', previewInactivity(app.ctx(), await app.as('gpshead')));
    await failsWith(
      'refused',
      previewInactivity(app.ctx(), await app.as('sethmlarson'), { to: new Date('2027-01-01T00:00:00Z') }),
    );
  });

  it('sends the produced report to the Steering Council once, through the SMTP server, naming members and never a report', async () => {
    const report = await someActivity();
    const seth = await app.as('sethmlarson');
    const produced = await produceInactivityReport(app.ctx(), seth);
    await sendInactivityReport(app.ctx(), seth, produced.id);
    await world.settle(world.deps({ mailTo }));
    const [mail, ...more] = world.mail();
    expect(more).toEqual([]);
    expect(mail?.to).toEqual([councilAddress]);
    expect(mail?.subject).toBe('PSRT inactivity report, 2025-04-09 09:00 UTC to 2026-04-09 09:00 UTC');
    expect(mail?.text).toContain('- Tim Peters (@tim-one): recommended for removal');
    expect(mail?.text).toContain('- Hugo van Kemenade (@hugovk): Release Manager');
    expect(mail?.text).toContain('Active members: 3 of 31 members.');
    for (const secret of [report.id, report.title, report.ghsaId ?? ''])
      expect(mail?.text).not.toContain(secret);
    await failsWith('conflict', sendInactivityReport(app.ctx(), seth, produced.id));
    const [listed] = await listInactivity(app.ctx(), seth);
    expect(listed).toMatchObject({ id: produced.id, sentBy: 'sethmlarson', producedBy: 'sethmlarson' });
    expect(
      (await listAudit(app.store().db, `inactivity-report:${produced.id}`)).map((e) => e.action),
    ).toEqual(['inactivity.produced', 'inactivity.sent']);
    // The next report's period starts where this one ended.
    app.clock.advanceDays(365);
    const next = await previewInactivity(app.ctx(), seth);
    expect(next.period.from).toEqual(produced.period.to);
  });

  it("records the Council's decisions: a removal takes the member off the GitHub team, then to emeritus; a keep changes nothing", async () => {
    await someActivity();
    const seth = await app.as('sethmlarson');
    const produced = await produceInactivityReport(app.ctx(), seth);
    await failsWith(
      'refused',
      recordCouncilDecision(app.ctx(), seth, produced.id, {
        login: 'encukou',
        verdict: 'remove',
        councilDecision: 'SC vote, 2026-04-20',
      }),
    );
    await sendInactivityReport(app.ctx(), seth, produced.id);
    const removal = await recordCouncilDecision(app.ctx(), seth, produced.id, {
      login: 'encukou',
      verdict: 'remove',
      councilDecision: 'SC vote, 2026-04-20',
    });
    await recordCouncilDecision(app.ctx(), seth, produced.id, {
      login: 'tim-one',
      verdict: 'keep',
      councilDecision: 'SC vote, 2026-04-20',
    });
    // Only the listed, once each.
    for (const [login, verdict] of [
      ['gpshead', 'remove'],
      ['hugovk', 'remove'],
      ['tim-one', 'remove'],
    ] as const)
      await failsWith(
        'refused',
        recordCouncilDecision(app.ctx(), seth, produced.id, { login, verdict, councilDecision: 'vote' }),
      );
    expect(removal.changeId).not.toBeNull();
    const [pending] = await listPendingMembershipChanges(app.store().db);
    expect(pending).toMatchObject({
      kind: 'removal',
      login: 'encukou',
      source: { kind: 'inactivity-report', id: produced.id },
    });
    await world.settle(world.deps({ mailTo }));
    const team = world
      .github()
      .control.requests()
      .filter((r) => r.method === 'DELETE');
    expect(team.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /orgs/python/teams/psrt/memberships/encukou',
    ]);
    const roster = await listRoster(app.store().db);
    expect(roster.find((e) => e.login === 'encukou')?.list).toBe('emeritus');
    expect(roster.find((e) => e.login === 'tim-one')?.list).toBe('member');
    expect(
      (await listAudit(app.store().db, `inactivity-report:${produced.id}`)).map((e) => e.action),
    ).toEqual(['inactivity.produced', 'inactivity.sent', 'inactivity.decided', 'inactivity.decided']);
  });

  it('refuses a removal that would leave fewer than two admins, and records nothing', async () => {
    await importRoster(app.ctx(), await app.as('sethmlarson'), {
      members: { text: 'Ann Admin,ann,Admin\nBo Admin,bo,Admin\nCy Member,cy,\n', source: 'psrt.csv' },
      emeritus: { text: '', source: 'psrt-emeritus.csv' },
      allowEmpty: true,
    });
    const ann = await app.as('ann');
    await assignCoordinator(app.ctx(), ann, (await app.newReport('ann')).id, 'ann');
    app.clock.advanceDays(1);
    const produced = await produceInactivityReport(app.ctx(), ann);
    expect(produced.members.filter((m) => m.standing === 'inactive').map((m) => m.login)).toEqual([
      'bo',
      'cy',
    ]);
    await sendInactivityReport(app.ctx(), ann, produced.id);
    const refused = await failsWith(
      'refused',
      recordCouncilDecision(app.ctx(), ann, produced.id, {
        login: 'bo',
        verdict: 'remove',
        councilDecision: 'vote',
      }),
    );
    expect(refused.message).toMatch(/at least 2\. Designate another admin first/);
    expect(await listPendingMembershipChanges(app.store().db)).toEqual([]);
    const [stored] = await listInactivity(app.ctx(), ann);
    expect(stored?.decisions).toEqual([]);
  });

  it("the sandbox's last year's report is sent and decided, and the next report's period starts where it ended", async () => {
    const listed = await seedDemoInactivity(app.ctx());
    expect(listed).toBeGreaterThan(0);
    expect(await seedDemoInactivity(app.ctx())).toBeNull();
    const seth = await app.as('sethmlarson');
    const [last] = await listInactivity(app.ctx(), seth);
    expect(last?.sentAt).not.toBeNull();
    expect(last?.decisions).toHaveLength(listed ?? 0);
    expect(last?.decisions.every((d) => d.verdict === 'keep')).toBe(true);
    expect((await previewInactivity(app.ctx(), seth)).period.from).toEqual(last?.period.to);
  });
});
