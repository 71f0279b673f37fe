import { expect, it } from 'vitest';
import {
  answerCsirtRequest,
  editCraStageDraft,
  recordCraAwareness,
  recordCraIncident,
  recordCraMeasure,
  recordCraNotExploited,
  recordCsirtRequest,
  showCra,
  submitCraStage,
} from '../../src/app/cra.ts';
import { runClockTick } from '../../src/app/scheduler.ts';
import { reportTimeline } from '../../src/app/timeline.ts';
import type { Effect } from '../../src/domain/effects.ts';
import { listAudit, listCraSubmissions, listEffects, verifyAudit } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, failsWith, testApp } from './support.ts';

const HOUR = 3_600_000;

forEachEngine('the CRA reporting of a report', (engine) => {
  const app = testApp(engine, at('2026-10-05T12:00:00.000Z'));
  const awareAt = at('2026-10-05T10:00:00.000Z');

  async function exploited() {
    await app.importDevguideRoster();
    const report = await app.newReport('sethmlarson');
    await recordCraAwareness(app.ctx(), await app.as('sethmlarson'), report.id, {
      awareAt,
      evidence: 'Attacks seen against PyPI mirrors',
    });
    return report;
  }

  it('recording awareness of active exploitation is audited with who, when and the evidence, and starts the clocks', async () => {
    const report = await exploited();
    const view = await showCra(app.ctx(), await app.as('gpshead'), report.id);
    expect(view.cra.exploitation).toMatchObject({ status: 'exploited', recordedBy: 'sethmlarson' });
    expect(view.clocks[0]).toMatchObject({ stage: 'early-warning', due: at('2026-10-06T10:00:00.000Z') });
    expect((await app.trail(report.id)).audit).toEqual(['report.create', 'cra.aware']);
    const timeline = await reportTimeline(app.ctx(), await app.as('gpshead'), report.id);
    expect(timeline.map((e) => e.what)).toContain(
      'recorded that the team became aware of active exploitation at 2026-10-05 10:00 UTC: the CRA clocks run',
    );
    expect(timeline.map((e) => e.what)).toContain('the early warning falls due');
  });

  it('changing the finding to not exploited later is audited too, with the reason, and stops the clocks', async () => {
    const report = await exploited();
    await recordCraNotExploited(
      app.ctx(),
      await app.as('gpshead'),
      report.id,
      'Another project was attacked',
    );
    const view = await showCra(app.ctx(), await app.as('gpshead'), report.id);
    expect(view.cra.exploitation).toMatchObject({ status: 'not-exploited', recordedBy: 'gpshead' });
    expect(view.clocks.every((c) => c.status === 'not-started')).toBe(true);
    const events = await listAudit(app.store().db, report.id);
    expect(events.map((e) => e.action)).toEqual(['report.create', 'cra.aware', 'cra.not-exploited']);
    expect((await verifyAudit(app.store().db)).ok).toBe(true);
  });

  it('a submission needs its required fields, then keeps a frozen copy and stops the clock', async () => {
    const report = await exploited();
    const seth = await app.as('sethmlarson');
    const refused = await failsWith(
      'refused',
      submitCraStage(app.ctx(), seth, report.id, 'early-warning', 'SRP-1'),
    );
    expect(refused.message).toMatch(/Member States where the product is made available/);
    await editCraStageDraft(app.ctx(), seth, report.id, 'early-warning', {
      memberStates: 'All EU Member States',
    });
    app.clock.advance(2 * HOUR);
    const submission = await submitCraStage(app.ctx(), seth, report.id, 'early-warning', ' SRP-2026-0042 ');
    expect(submission).toMatchObject({ reference: 'SRP-2026-0042', submittedBy: 'sethmlarson' });
    const [stored] = await listCraSubmissions(app.store().db, report.id);
    expect(stored?.fields).toContainEqual({
      key: 'memberStates',
      label: 'Member States where the product is made available',
      value: 'All EU Member States',
    });
    const view = await showCra(app.ctx(), seth, report.id);
    expect(view.clocks[0]).toMatchObject({
      status: 'submitted',
      submittedAt: at('2026-10-05T14:00:00.000Z'),
    });
    expect(view.drafts.map((d) => d.stage)).toEqual(['notification']);
    await failsWith(
      'refused',
      editCraStageDraft(app.ctx(), seth, report.id, 'early-warning', { memberStates: 'x' }),
    );
    await failsWith('refused', submitCraStage(app.ctx(), seth, report.id, 'early-warning', 'SRP-again'));
  });

  it('steward staff are alerted by mail at 12, 4 and 1 hours left and when overdue, once each', async () => {
    const report = await exploited();
    const alerts: string[] = [];
    for (const hoursLeft of [12, 4, 1, 0]) {
      app.clock.set(new Date(at('2026-10-06T10:00:00.000Z').getTime() - hoursLeft * HOUR));
      alerts.push(...(await runClockTick(app.ctx())).craAlerts);
      expect((await runClockTick(app.ctx())).craAlerts).toEqual([]);
    }
    expect(
      alerts.filter((key) => key.includes(':early-warning:')).map((key) => key.split(':').at(-1)),
    ).toEqual(['12h', '4h', '1h', 'overdue']);
    const mails = (await listEffects(app.store().db, { reportId: report.id }))
      .map((e) => e.payload as Effect)
      .filter((p) => p.kind === 'mail.send' && p.purpose === 'cra.alert');
    expect(mails[0]).toMatchObject({ to: ['steward-staff'] });
  });

  it("a CSIRT's request is recorded with its due time, alerted on, and answered", async () => {
    const report = await exploited();
    const seth = await app.as('sethmlarson');
    await recordCsirtRequest(app.ctx(), seth, report.id, {
      csirt: 'CERT-FR',
      request: 'Which versions are affected?',
      askedAt: at('2026-10-05T11:00:00.000Z'),
      dueAt: at('2026-10-06T11:00:00.000Z'),
    });
    app.clock.set(at('2026-10-06T07:00:00.000Z'));
    const { craAlerts } = await runClockTick(app.ctx());
    expect(craAlerts).toContain(`cra:${report.id}:csirt-1:2026-10-06T11:00:00.000Z:4h`);
    await answerCsirtRequest(app.ctx(), seth, report.id, 1, 'Every version before 3.14.1');
    const view = await showCra(app.ctx(), seth, report.id);
    expect(view.csirtClocks[0]).toMatchObject({
      status: 'submitted',
      answeredAt: at('2026-10-06T07:00:00.000Z'),
    });
    const words = (await reportTimeline(app.ctx(), seth, report.id)).map((e) => e.what);
    expect(words).toContain('answered request 1 from CERT-FR');
  });

  it('a measure and a severe incident start their own clocks', async () => {
    const report = await exploited();
    const seth = await app.as('sethmlarson');
    await recordCraMeasure(app.ctx(), seth, report.id, {
      availableAt: app.clock.now(),
      description: 'Upgrade to 3.14.1',
    });
    await recordCraIncident(app.ctx(), seth, report.id, {
      awareAt: awareAt,
      description: 'PyPI tokens leaked',
    });
    const view = await showCra(app.ctx(), seth, report.id);
    expect(view.clocks.map((c) => [c.stage, c.due?.toISOString()])).toEqual([
      ['early-warning', '2026-10-06T10:00:00.000Z'],
      ['notification', '2026-10-08T10:00:00.000Z'],
      ['final-report', '2026-10-19T12:00:00.000Z'],
      ['incident-early-warning', '2026-10-06T10:00:00.000Z'],
      ['incident-notification', '2026-10-08T10:00:00.000Z'],
      ['incident-final-report', undefined],
    ]);
  });

  it('someone who may not see the report gets "not found", and a collaborator may not read the CRA record', async () => {
    const report = await exploited();
    await failsWith('not-found', showCra(app.ctx(), await app.as('mira-finds-bugs'), report.id));
    await failsWith(
      'not-found',
      recordCraNotExploited(app.ctx(), await app.as('mira-finds-bugs'), report.id, 'x'),
    );
  });
});
