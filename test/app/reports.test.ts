import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/app/audit.ts';
import {
  acceptHandoff,
  assignCoordinator,
  createReport,
  declineHandoff,
  determineReport,
  editReport,
  extendDeadline,
  listOpenReports,
  requestHandoff,
  showReport,
  transitionReport,
} from '../../src/app/reports.ts';
import type { Checklist } from '../../src/domain/lifecycle.ts';
import type { RejectionReason } from '../../src/domain/report.ts';
import { listAudit, listEffects } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { bot, DAY_MS, daysAfter, failsWith, failureOf, testApp } from './support.ts';

const GHSA = 'GHSA-7x2c-3vq9-h4mf';
const rejectAs = (reason: RejectionReason, detail: string | null = null) => ({
  rejection: { reason, detail },
});

/** The effects of transitions, leaving out the coordinator's credit and notice (tested on their own). */
const ofTransitions = <T extends { key: string }>(effects: T[]): T[] =>
  effects.filter((effect) => !effect.key.startsWith('coordinator:'));

forEachEngine('report use-cases', (engine) => {
  const app = testApp(engine);
  const ctx = () => app.ctx();
  beforeEach(() => app.importDevguideRoster());

  /** A triage report with a coordinator and a "vulnerability" determination, ready to accept. */
  async function readyToAccept(input: Parameters<typeof app.newReport>[1] = {}) {
    const report = await app.newReport('sethmlarson', input);
    const seth = await app.as('sethmlarson');
    await assignCoordinator(ctx(), seth, report.id, 'encukou');
    await determineReport(ctx(), seth, report.id, 'vulnerability');
    return report;
  }

  /**
   * Runs `filings` while another session holds this year's report counter, and releases it once
   * two filings wait for it. On PGlite (one connection) transactions never overlap: it just runs them.
   */
  async function whileCountersLocked<T>(filings: () => Promise<T>): Promise<T> {
    const url = engine.databaseUrl();
    if (!url) return filings();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select * from report_counters for update');
      const running = filings();
      for (let waited = 0; waited < 100; waited++) {
        const { rows } = await holder.query(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        if (rows[0]?.n >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await holder.query('commit');
      return await running;
    } finally {
      await holder.end();
    }
  }

  describe('intake', () => {
    it('a new report starts in triage and its 90-day disclosure clock starts when it was received', async () => {
      const now = app.clock.now();
      const report = await app.newReport('sethmlarson');
      expect(report).toMatchObject({
        id: 'PSRT-2026-0001',
        state: 'triage',
        receivedAt: now,
        coordinator: null,
      });
      const shown = await showReport(ctx(), await app.as('gpshead'), report.id);
      expect(shown.clocks.disclosure).toMatchObject({
        deadline: daysAfter(now, 90),
        daysLeft: 90,
        status: 'on-track',
      });
      expect(shown.checklists.map((c: Checklist) => c.transition)).toEqual(['accept', 'reject']);
    });

    it('an earlier security@ email starts the disclosure clock, not the later GHSA', async () => {
      const emailed = daysAfter(app.clock.now(), -4);
      const report = await app.newReport('ewdurbin', { receivedAt: emailed, ghsaId: GHSA });
      const shown = await showReport(ctx(), await app.as('ewdurbin'), report.id);
      expect(shown.report.receivedAt).toEqual(emailed);
      expect(shown.clocks.disclosure).toMatchObject({ deadline: daysAfter(emailed, 90), daysLeft: 86 });
    });

    it('report ids count up within the year', async () => {
      const first = await app.newReport('sethmlarson');
      const second = await app.newReport('sethmlarson', { title: 'A second report' });
      expect([first.id, second.id]).toEqual(['PSRT-2026-0001', 'PSRT-2026-0002']);
    });

    it('a report received in the future, or without a title, is not created', async () => {
      const error = await failsWith(
        'invalid',
        app.newReport('sethmlarson', { title: ' ', receivedAt: daysAfter(app.clock.now(), 1) }),
      );
      expect(error.message).toBe(
        'Cannot create the report: title must not be empty; received time is in the future.',
      );
      expect((await listOpenReports(ctx(), await app.as('sethmlarson'))).total).toBe(0);
    });

    it('a GHSA already tracked by a report is refused as a conflict that does not echo the report text', async () => {
      const first = await app.newReport('sethmlarson', { ghsaId: GHSA });
      const error = await failureOf(
        app.newReport('ewdurbin', {
          ghsaId: GHSA,
          title: 'ssl: embargoed hostname bypass',
          description: 'Embargoed details of the bypass.',
        }),
      );
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(GHSA);
      expect(error.message).not.toMatch(/embargoed/i);
      const member = await app.as('gpshead');
      expect((await listOpenReports(ctx(), member)).reports.map((r) => r.report.id)).toEqual([first.id]);
    });

    it('a GHSA filed twice at the same moment (webhook and poll) gives one report and one conflict', async () => {
      await app.newReport('sethmlarson'); // this year's report counter exists from here on
      const [seth, ee] = [await app.as('sethmlarson'), await app.as('ewdurbin')];
      const file = (by: typeof seth, title: string) =>
        createReport(ctx(), by, { repository: 'python/cpython', ghsaId: GHSA, title, description: title });
      // On PostgreSQL, make the two filings overlap for sure: both have looked for the GHSA
      // and wait for the next report id when the lock on it is released.
      const outcomes = await whileCountersLocked(() =>
        Promise.allSettled([file(seth, 'embargoed one'), file(ee, 'embargoed two')]),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refusal = outcomes.find((o) => o.status === 'rejected');
      const reason: unknown = refusal?.status === 'rejected' ? refusal.reason : null;
      expect(String(reason).split('\n')[0]).toMatch(
        /^UseCaseError: GHSA-7x2c-3vq9-h4mf is already tracked as PSRT-/,
      );
      expect(String(reason)).not.toContain('embargoed');
      expect((await listOpenReports(ctx(), seth)).total).toBe(2);
    });

    it('only members may file a report on the PSRT side', async () => {
      await failsWith('forbidden', app.newReport('mira-finds-bugs'));
    });
  });

  describe('accepting', () => {
    it('cannot accept without a coordinator and a determination; the refusal carries the checklist', async () => {
      const report = await app.newReport('sethmlarson');
      const seth = await app.as('sethmlarson');

      const bare = await failsWith('refused', transitionReport(ctx(), seth, report.id, 'accept'));
      expect(bare.message).toBe(
        'Cannot accept the report. No coordinator is assigned: assign a coordinator. ' +
          'No determination is recorded: the coordinator records one.',
      );
      expect(bare.detail).toMatchObject({
        transition: 'accept',
        from: 'triage',
        to: 'accepted',
        allowed: false,
        requirements: [
          { id: 'coordinator', met: false },
          { id: 'determination', met: false },
        ],
      });

      await assignCoordinator(ctx(), seth, report.id, 'encukou');
      const noDetermination = await failsWith('refused', transitionReport(ctx(), seth, report.id, 'accept'));
      expect((noDetermination.detail as Checklist).requirements).toMatchObject([
        { id: 'coordinator', met: true, reason: null },
        { id: 'determination', met: false },
      ]);

      await determineReport(ctx(), seth, report.id, 'not-a-vulnerability');
      const notAVulnerability = await failsWith(
        'refused',
        transitionReport(ctx(), seth, report.id, 'accept'),
      );
      expect((notAVulnerability.detail as Checklist).requirements[1]).toMatchObject({
        id: 'determination',
        met: false,
        reason: expect.stringContaining('The determination is not-a-vulnerability'),
      });

      await determineReport(ctx(), seth, report.id, 'vulnerability');
      const accepted = await transitionReport(ctx(), seth, report.id, 'accept');
      expect(accepted).toMatchObject({
        state: 'accepted',
        coordinator: 'encukou',
        determination: 'vulnerability',
      });
    });

    it('accepting reserves exactly one CVE ID and moves the GHSA to draft', async () => {
      const report = await readyToAccept({ ghsaId: GHSA });
      await transitionReport(ctx(), await app.as('encukou'), report.id, 'accept');
      await failsWith('refused', transitionReport(ctx(), await app.as('gpshead'), report.id, 'accept'));

      const effects = ofTransitions(await listEffects(app.store().db, { reportId: report.id }));
      expect(effects.filter((e) => e.kind === 'cve.reserve')).toHaveLength(1);
      expect(effects.map((e) => [e.kind, e.status, e.payload])).toEqual([
        ['cve.reserve', 'pending', expect.objectContaining({ kind: 'cve.reserve', reportId: report.id })],
        ['ghsa.update-state', 'pending', expect.objectContaining({ ghsaId: GHSA, ghsaState: 'draft' })],
      ]);
    });

    it('a refused accept leaves no audit event and no effect behind', async () => {
      const report = await app.newReport('sethmlarson', { ghsaId: GHSA });
      const before = await app.trail(report.id);
      await failsWith('refused', transitionReport(ctx(), await app.as('sethmlarson'), report.id, 'accept'));
      expect(await app.trail(report.id)).toEqual(before);
      expect(before).toEqual({ audit: ['report.create'], effects: [] });
      expect((await showReport(ctx(), await app.as('sethmlarson'), report.id)).report.state).toBe('triage');
    });

    it('a refused change rolls back whole, so the next change still succeeds', async () => {
      const report = await app.newReport('sethmlarson');
      const seth = await app.as('sethmlarson');
      await failsWith('invalid', editReport(ctx(), seth, report.id, { cveId: 'CVE-26-1' }));
      await failsWith('refused', assignCoordinator(ctx(), seth, report.id, 'tiran')); // emeritus
      await assignCoordinator(ctx(), seth, report.id, 'sethmlarson');
      // Only the assignment's own notice to the team: nothing of the refused changes.
      expect(await app.trail(report.id)).toEqual({
        audit: ['report.create', 'report.assign'],
        effects: ['mail.send'],
      });
      expect(await verifyAudit(ctx(), seth)).toMatchObject({ ok: true, count: 3 });
    });
  });

  describe('rejecting and reopening', () => {
    it('rejecting needs a reason; with one the report is finished and the reply for that reason is sent', async () => {
      const report = await app.newReport('sethmlarson');
      const seth = await app.as('sethmlarson');
      const noReason = await failsWith('refused', transitionReport(ctx(), seth, report.id, 'reject'));
      expect((noReason.detail as Checklist).requirements).toMatchObject([
        { id: 'reason', met: false },
        { id: 'coordinator', met: false },
        { id: 'determination', met: false },
      ]);
      const notADuplicate = await failsWith(
        'refused',
        transitionReport(ctx(), seth, report.id, 'reject', rejectAs('duplicate', 'the other one')),
      );
      expect(notADuplicate.message).toContain('A duplicate must name the report it duplicates');

      await assignCoordinator(ctx(), seth, report.id, 'sethmlarson');
      await determineReport(ctx(), seth, report.id, 'not-a-vulnerability');
      app.clock.advanceDays(2);
      const rejected = await transitionReport(
        ctx(),
        seth,
        report.id,
        'reject',
        rejectAs('not-a-vulnerability'),
      );
      expect(rejected).toMatchObject({
        state: 'rejected',
        rejection: { reason: 'not-a-vulnerability', detail: null },
        finishedAt: app.clock.now(),
      });
      const effects = ofTransitions(await listEffects(app.store().db, { reportId: report.id }));
      expect(effects.map((e) => [e.kind, e.payload])).toEqual([
        ['reply.send', expect.objectContaining({ template: 'not-a-vulnerability' })],
      ]);
      const shown = await showReport(ctx(), seth, report.id);
      expect(shown.clocks.disclosure.status).toBe('stopped');
      expect(shown.checklists.map((c: Checklist) => c.transition)).toEqual(['reopen']);
    });

    it('rejecting a report whose CVE ID was reserved rejects the CVE ID at the CNA, not merely unlinks it', async () => {
      const report = await readyToAccept({ ghsaId: GHSA });
      const coordinator = await app.as('encukou');
      await transitionReport(ctx(), coordinator, report.id, 'accept');
      await editReport(ctx(), coordinator, report.id, { cveId: 'CVE-2026-41234' });
      await transitionReport(
        ctx(),
        coordinator,
        report.id,
        'reject',
        rejectAs('duplicate', 'PSRT-2025-0042'),
      );

      const effects = ofTransitions(await listEffects(app.store().db, { reportId: report.id }));
      expect(effects.map((e) => [e.kind, e.payload])).toEqual([
        ['cve.reserve', expect.anything()],
        ['ghsa.update-state', expect.objectContaining({ ghsaState: 'draft' })],
        ['reply.send', expect.objectContaining({ template: 'duplicate' })],
        ['cve.reject', expect.objectContaining({ cveId: 'CVE-2026-41234' })],
        ['ghsa.update-state', expect.objectContaining({ ghsaState: 'closed' })],
      ]);
    });

    it('a rejected report reopens to triage with a reason, and accepting it again reserves a fresh CVE ID', async () => {
      const report = await readyToAccept();
      const coordinator = await app.as('encukou');
      await transitionReport(ctx(), coordinator, report.id, 'accept');
      await editReport(ctx(), coordinator, report.id, { cveId: 'CVE-2026-41234' });
      await determineReport(ctx(), coordinator, report.id, 'not-security-bug');
      await transitionReport(ctx(), coordinator, report.id, 'reject', rejectAs('out-of-scope'));

      const noReason = await failsWith('refused', transitionReport(ctx(), coordinator, report.id, 'reopen'));
      expect(noReason.message).toContain('No reason is given for reopening');
      app.clock.advanceDays(1);
      const reopened = await transitionReport(ctx(), coordinator, report.id, 'reopen', {
        reason: 'The reporter showed it is reachable from untrusted input.',
      });
      expect(reopened).toMatchObject({
        state: 'triage',
        rejection: null,
        finishedAt: null,
        cveId: null,
        coordinator: 'encukou',
      });
      expect((await showReport(ctx(), coordinator, report.id)).clocks.disclosure.status).not.toBe('stopped');

      app.clock.advanceDays(1);
      await determineReport(ctx(), coordinator, report.id, 'vulnerability');
      await transitionReport(ctx(), coordinator, report.id, 'accept');
      const reservations = (await listEffects(app.store().db, { reportId: report.id })).filter(
        (e) => e.kind === 'cve.reserve',
      );
      expect(reservations).toHaveLength(2);
      expect(new Set(reservations.map((e) => e.key)).size).toBe(2);
    });

    it('a finished report cannot be edited, extended or given a new determination', async () => {
      const report = await app.newReport('sethmlarson');
      const seth = await app.as('sethmlarson');
      await transitionReport(ctx(), seth, report.id, 'reject', rejectAs('spam'));
      await failsWith('refused', editReport(ctx(), seth, report.id, { title: 'New title' }));
      await failsWith(
        'refused',
        extendDeadline(ctx(), seth, report.id, { days: 10, reason: 'late', reporterAgreed: true }),
      );
      await failsWith('refused', determineReport(ctx(), seth, report.id, 'vulnerability'));
      await failsWith('refused', assignCoordinator(ctx(), seth, report.id, 'sethmlarson'));
      expect((await app.trail(report.id)).audit).toEqual(['report.create', 'report.reject']);
    });
  });

  describe('the disclosure deadline', () => {
    it('an extension moves the deadline and records who granted it, why, and whether the reporter agreed', async () => {
      const report = await readyToAccept();
      const coordinator = await app.as('encukou');
      app.clock.advanceDays(60);
      await extendDeadline(ctx(), coordinator, report.id, {
        days: 30,
        reason: 'The fix needs a format change in every maintained branch.',
        reporterAgreed: true,
      });
      const shown = await showReport(ctx(), coordinator, report.id);
      expect(shown.report.extensions).toEqual([
        {
          days: 30,
          reason: 'The fix needs a format change in every maintained branch.',
          reporterAgreed: true,
          grantedBy: 'encukou',
          at: app.clock.now(),
        },
      ]);
      expect(shown.clocks.disclosure).toMatchObject({
        deadline: daysAfter(report.receivedAt, 120),
        daysLeft: 60,
      });
    });

    it('an extension needs a reason and a whole number of days', async () => {
      const report = await app.newReport('sethmlarson');
      const seth = await app.as('sethmlarson');
      const noReason = await failsWith(
        'invalid',
        extendDeadline(ctx(), seth, report.id, { days: 14, reason: '  ', reporterAgreed: false }),
      );
      expect(noReason.message).toBe('An extension needs a reason: say why the deadline moves.');
      await failsWith(
        'invalid',
        extendDeadline(ctx(), seth, report.id, {
          days: 1.5,
          reason: 'half a day more',
          reporterAgreed: false,
        }),
      );
      expect((await showReport(ctx(), seth, report.id)).report.extensions).toEqual([]);
    });
  });

  describe('coordinator handoff', () => {
    it('the old coordinator stays responsible until the named successor accepts', async () => {
      const report = await app.newReport('ewdurbin');
      const ee = await app.as('ewdurbin');
      await assignCoordinator(ctx(), ee, report.id, 'ewdurbin');
      app.clock.advanceDays(1);
      const requested = await requestHandoff(ctx(), ee, report.id, 'picnixz');
      expect(requested).toMatchObject({
        coordinator: 'ewdurbin',
        handoff: { to: 'picnixz', requestedAt: app.clock.now() },
      });

      const someoneElse = await failsWith(
        'refused',
        acceptHandoff(ctx(), await app.as('gpshead'), report.id),
      );
      expect(someoneElse.message).toBe('The handoff names picnixz; only they can accept it.');
      expect((await showReport(ctx(), ee, report.id)).report.coordinator).toBe('ewdurbin');

      app.clock.advanceDays(1);
      const accepted = await acceptHandoff(ctx(), await app.as('picnixz'), report.id);
      expect(accepted).toMatchObject({
        coordinator: 'picnixz',
        coordinatorSince: app.clock.now(),
        handoff: null,
      });
      expect((await app.trail(report.id)).audit).toEqual([
        'report.create',
        'report.assign',
        'report.handoff.request',
        'report.handoff.accept',
      ]);
    });

    it('only the coordinator can hand off, and only to an active member', async () => {
      const report = await app.newReport('ewdurbin');
      await assignCoordinator(ctx(), await app.as('ewdurbin'), report.id, 'ewdurbin');
      const notCoordinator = await failsWith(
        'refused',
        requestHandoff(ctx(), await app.as('gpshead'), report.id, 'picnixz'),
      );
      expect(notCoordinator.message).toContain('gpshead is not it');
      const emeritus = await failsWith(
        'refused',
        requestHandoff(ctx(), await app.as('ewdurbin'), report.id, 'tiran'),
      );
      expect(emeritus.message).toBe('tiran is not an active PSRT member, so cannot coordinate a report.');
    });

    it("the bot, which may assign coordinators, cannot hand off: a handoff is a person's own word", async () => {
      const report = await app.newReport('ewdurbin');
      await assignCoordinator(ctx(), bot, report.id, 'ewdurbin');
      const refused = await failsWith('forbidden', requestHandoff(ctx(), bot, report.id, 'picnixz'));
      expect(refused.message).toBe('Only a person can do this.');
      expect((await app.trail(report.id)).audit).toEqual(['report.create', 'report.assign']);
    });

    it('a successor who declines leaves the coordinator in place', async () => {
      const report = await app.newReport('ewdurbin');
      const ee = await app.as('ewdurbin');
      await assignCoordinator(ctx(), ee, report.id, 'ewdurbin');
      await requestHandoff(ctx(), ee, report.id, 'picnixz');
      const declined = await declineHandoff(ctx(), await app.as('picnixz'), report.id);
      expect(declined).toMatchObject({ coordinator: 'ewdurbin', handoff: null });
      await failsWith('refused', acceptHandoff(ctx(), await app.as('picnixz'), report.id));
    });
  });

  describe('at the same moment', () => {
    it('two members accepting a report at once reserve one CVE ID: the second sees it accepted', async () => {
      const report = await readyToAccept();
      const [seth, petr] = [await app.as('sethmlarson'), await app.as('encukou')];
      const outcomes = await Promise.allSettled([
        transitionReport(ctx(), seth, report.id, 'accept'),
        transitionReport(ctx(), petr, report.id, 'accept'),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refusal = outcomes.find((o) => o.status === 'rejected');
      expect(refusal?.status === 'rejected' && refusal.reason).toMatchObject({
        code: 'refused',
        detail: { requirements: [{ id: 'state', met: false }, expect.anything(), expect.anything()] },
      });
      const { audit } = await app.trail(report.id);
      const effects = ofTransitions(await listEffects(app.store().db, { reportId: report.id }));
      expect(effects.map((e) => e.kind)).toEqual(['cve.reserve']);
      expect(audit.filter((a) => a === 'report.accept')).toHaveLength(1);
    });

    it('two edits at once both land: each change reads the report as the other left it', async () => {
      const report = await readyToAccept();
      const [seth, petr] = [await app.as('sethmlarson'), await app.as('encukou')];
      await Promise.all([
        editReport(ctx(), seth, report.id, { cveId: 'CVE-2026-41234' }),
        editReport(ctx(), petr, report.id, {
          cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        }),
        extendDeadline(ctx(), petr, report.id, { days: 5, reason: 'holidays', reporterAgreed: true }),
      ]);
      const shown = await showReport(ctx(), seth, report.id);
      expect(shown.report).toMatchObject({
        cveId: 'CVE-2026-41234',
        cvssVector: expect.stringMatching(/^CVSS:4\.0\//),
        extensions: [expect.objectContaining({ days: 5 })],
      });
    });
  });

  describe('the audit log', () => {
    it('every change appends an audit event naming the actor and what changed, and the log verifies', async () => {
      const report = await app.newReport('sethmlarson', { ghsaId: GHSA });
      const seth = await app.as('sethmlarson');
      const petr = await app.as('encukou');
      await assignCoordinator(ctx(), seth, report.id, 'encukou');
      await determineReport(ctx(), petr, report.id, 'vulnerability');
      await transitionReport(ctx(), petr, report.id, 'accept');
      await editReport(ctx(), petr, report.id, { cveId: 'CVE-2026-41234' });
      await extendDeadline(ctx(), petr, report.id, {
        days: 7,
        reason: 'release timing',
        reporterAgreed: false,
      });
      await requestHandoff(ctx(), petr, report.id, 'picnixz');
      await acceptHandoff(ctx(), await app.as('picnixz'), report.id);
      await transitionReport(
        ctx(),
        await app.as('picnixz'),
        report.id,
        'reject',
        rejectAs('duplicate', 'PSRT-2025-0042'),
      );

      const events = await listAudit(app.store().db, report.id);
      expect(events.map((e) => [e.actor, e.action])).toEqual([
        ['sethmlarson', 'report.create'],
        ['sethmlarson', 'report.assign'],
        ['encukou', 'report.determine'],
        ['encukou', 'report.accept'],
        ['encukou', 'report.edit'],
        ['encukou', 'report.extend'],
        ['encukou', 'report.handoff.request'],
        ['picnixz', 'report.handoff.accept'],
        ['picnixz', 'report.reject'],
      ]);
      expect(events[1]?.change).toMatchObject({ coordinator: { from: null, to: 'encukou' } });
      expect(events[4]?.change).toEqual({ cveId: { from: null, to: 'CVE-2026-41234' } });
      // The roster import, then the report's nine events.
      expect(await verifyAudit(ctx(), await app.as('warsaw'))).toMatchObject({ ok: true, count: 10 });
    });
  });

  describe('the open reports list', () => {
    /** Three open reports received 100, 10 and 80 days ago, and one rejected one. */
    async function catalogue() {
      const now = app.clock.now();
      const overdue = await app.newReport('sethmlarson', {
        receivedAt: daysAfter(now, -100),
        title: 'overdue',
      });
      const fresh = await app.newReport('sethmlarson', { receivedAt: daysAfter(now, -10), title: 'fresh' });
      const soon = await app.newReport('sethmlarson', { receivedAt: daysAfter(now, -80), title: 'due soon' });
      const done = await app.newReport('sethmlarson', { receivedAt: daysAfter(now, -120), title: 'done' });
      await transitionReport(ctx(), await app.as('sethmlarson'), done.id, 'reject', rejectAs('spam'));
      return { overdue, fresh, soon, done };
    }

    it('lists open reports only, overdue first, then by nearest deadline, with their clocks', async () => {
      const { overdue, fresh, soon } = await catalogue();
      const page = await listOpenReports(ctx(), await app.as('gpshead'));
      expect(page.reports.map((r) => r.report.id)).toEqual([overdue.id, soon.id, fresh.id]);
      expect(page.reports.map((r) => [r.clocks.disclosure.status, r.clocks.disclosure.daysLeft])).toEqual([
        ['overdue', -10],
        ['on-track', 10],
        ['on-track', 80],
      ]);
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    });

    it('pages keep the order, and the total counts every open report', async () => {
      const { fresh, soon, overdue } = await catalogue();
      const member = await app.as('gpshead');
      const pages = await Promise.all(
        [1, 2, 3].map((page) => listOpenReports(ctx(), member, { page, pageSize: 2 })),
      );
      expect(pages.map((p) => [p.page, p.total, p.reports.map((r) => r.report.id)])).toEqual([
        [1, 3, [overdue.id, soon.id]],
        [2, 3, [fresh.id]],
        [3, 3, []],
      ]);
      // Out-of-range paging asks are read as the first page of at least one report.
      expect(await listOpenReports(ctx(), member, { page: 0, pageSize: 0 })).toMatchObject({
        page: 1,
        pageSize: 1,
        reports: [{ report: { id: overdue.id } }],
      });
    });

    it('an extension moves a report down the list', async () => {
      const { fresh, soon, overdue } = await catalogue();
      const member = await app.as('gpshead');
      await extendDeadline(ctx(), member, overdue.id, {
        days: 75,
        reason: 'coordinated with other distributors',
        reporterAgreed: true,
      });
      const page = await listOpenReports(ctx(), member);
      expect(page.reports.map((r) => r.report.id)).toEqual([soon.id, overdue.id, fresh.id]);
      expect(page.reports[1]?.clocks.disclosure).toMatchObject({ overdue: false, daysLeft: 65 });
    });

    it('finished reports are listed apart from the open ones', async () => {
      const { done } = await catalogue();
      const finished = await listOpenReports(ctx(), await app.as('gpshead'), { open: false });
      expect(finished.reports.map((r) => r.report.id)).toEqual([done.id]);
      expect(finished.total).toBe(1);
    });

    it('"all" lists the open and the finished reports together, most urgent first', async () => {
      const { fresh, soon, overdue, done } = await catalogue();
      const all = await listOpenReports(ctx(), await app.as('gpshead'), { open: 'all' });
      expect(all.total).toBe(4);
      expect(all.reports.map((r) => r.report.id).sort()).toEqual(
        [fresh.id, soon.id, overdue.id, done.id].sort(),
      );
    });

    it('the clocks read from the injected "now", so a report becomes overdue when its day passes', async () => {
      const report = await app.newReport('sethmlarson');
      const member = await app.as('gpshead');
      app.clock.advance(90 * DAY_MS - 1);
      expect((await listOpenReports(ctx(), member)).reports[0]?.clocks.disclosure).toMatchObject({
        status: 'due-soon',
        overdue: false,
      });
      app.clock.advance(1);
      expect((await showReport(ctx(), member, report.id)).clocks.disclosure).toMatchObject({
        status: 'overdue',
        daysLeft: 0,
      });
    });
  });
});
