import { describe, expect, it } from 'vitest';
import { type CraStage, craClocks, dueCraAlerts, recordCraSubmission } from '../../src/domain/cra.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { type CraData, emptyCra } from '../../src/domain/report.ts';
import { addDays, addHours, addMs } from '../../src/domain/time.ts';
import { at, makeReport } from './fixtures.ts';

// The team learns of active exploitation at 10:00 UTC on 5 October 2026 (after
// Art. 14 applies, 11 September 2026); a fix ships on 9 October.
const aware = at('2026-10-05T10:00:00.000Z');
const fixed = at('2026-10-09T16:00:00.000Z');
const earlyWarningDue = at('2026-10-06T10:00:00.000Z');
const notificationDue = at('2026-10-08T10:00:00.000Z');
const finalReportDue = at('2026-10-23T16:00:00.000Z');
const nothingSent: ReadonlySet<string> = new Set();

const cra = (overrides: Partial<CraData> = {}): CraData => ({
  ...emptyCra(),
  exploitationAwareAt: aware,
  ...overrides,
});

const clockOf = (data: CraData, stage: CraStage, now: Date) => {
  const clock = craClocks(data, now).find((c) => c.stage === stage);
  if (!clock) throw new Error(`no ${stage} clock`);
  return clock;
};

describe('the CRA clocks', () => {
  it('no CRA clock runs until the team learns of active exploitation', () => {
    const clocks = craClocks(cra({ exploitationAwareAt: null, fixAvailableAt: fixed }), aware);
    expect(clocks).toEqual(
      (['early-warning', 'notification', 'final-report'] as const).map((stage) => ({
        stage,
        startedAt: null,
        due: null,
        submittedAt: null,
        status: 'not-started',
        msLeft: null,
      })),
    );
  });

  it('the early warning is due 24 hours after the team learns of active exploitation', () => {
    expect(clockOf(cra(), 'early-warning', aware)).toEqual({
      stage: 'early-warning',
      startedAt: aware,
      due: earlyWarningDue,
      submittedAt: null,
      status: 'pending',
      msLeft: 24 * 3_600_000,
    });
  });

  it('the vulnerability notification is due 72 hours after the team learns of active exploitation', () => {
    expect(clockOf(cra(), 'notification', aware)).toMatchObject({ due: notificationDue, status: 'pending' });
  });

  it('the final report is due 14 days after a fix is available', () => {
    expect(clockOf(cra(), 'final-report', aware).status).toBe('not-started');
    expect(clockOf(cra({ fixAvailableAt: fixed }), 'final-report', fixed)).toMatchObject({
      startedAt: fixed,
      due: finalReportDue,
      status: 'pending',
    });
  });

  it('a fix that shipped before the exploitation was known starts the final-report clock at awareness', () => {
    const data = cra({ fixAvailableAt: at('2026-09-20T00:00:00.000Z') });
    expect(clockOf(data, 'final-report', aware)).toMatchObject({ startedAt: aware, due: addDays(aware, 14) });
  });

  it.each<[CraStage, Date, number]>([
    ['early-warning', earlyWarningDue, 6],
    ['notification', notificationDue, 24],
    ['final-report', finalReportDue, 72],
  ])('the %s is due soon from its threshold before the deadline until the deadline', (stage, due, hours) => {
    const data = cra({ fixAvailableAt: fixed });
    expect(clockOf(data, stage, addMs(addHours(due, -hours), -1)).status).toBe('pending');
    expect(clockOf(data, stage, addHours(due, -hours)).status).toBe('due-soon');
    expect(clockOf(data, stage, addMs(due, -1)).status).toBe('due-soon');
    expect(clockOf(data, stage, due)).toMatchObject({ status: 'overdue', msLeft: 0 });
  });

  it('a submitted stage stays submitted, even when it was late', () => {
    const submittedAt = addHours(earlyWarningDue, 2);
    const clock = clockOf(cra({ earlyWarningSubmittedAt: submittedAt }), 'early-warning', addDays(aware, 5));
    expect(clock).toMatchObject({ status: 'submitted', submittedAt, due: earlyWarningDue, msLeft: null });
  });
});

describe('alerts to steward staff', () => {
  const key = (stage: CraStage, due: Date, milestone: string) =>
    `cra:PSRT-2026-0001:${stage}:${due.toISOString()}:${milestone}`;
  const alertsAt = (now: Date, data = cra(), sent = nothingSent) =>
    dueCraAlerts(data, 'PSRT-2026-0001', now, sent);

  it('nothing is sent while more than 12 hours remain for the early warning', () => {
    expect(alertsAt(addMs(addHours(earlyWarningDue, -12), -1))).toEqual([]);
  });

  it('steward staff are alerted when 12 hours remain for the early warning', () => {
    expect(alertsAt(addHours(earlyWarningDue, -12))).toEqual([
      {
        key: 'cra:PSRT-2026-0001:early-warning:2026-10-06T10:00:00.000Z:12h',
        reportId: 'PSRT-2026-0001',
        stage: 'early-warning',
        kind: 'reminder',
        milestone: '12h',
        due: earlyWarningDue,
        msLeft: 12 * 3_600_000,
        audience: 'steward-staff',
      },
    ]);
  });

  it.each<[CraStage, string, Date, number]>([
    ['early-warning', '12h', earlyWarningDue, 12],
    ['early-warning', '4h', earlyWarningDue, 4],
    ['early-warning', '1h', earlyWarningDue, 1],
    ['notification', '12h', notificationDue, 12],
    ['notification', '4h', notificationDue, 4],
    ['notification', '1h', notificationDue, 1],
    ['final-report', '3d', finalReportDue, 3 * 24],
    ['final-report', '12h', finalReportDue, 12],
    ['final-report', '4h', finalReportDue, 4],
    ['final-report', '1h', finalReportDue, 1],
  ])('steward staff are alerted about the %s at %s left', (stage, milestone, due, hours) => {
    const alerts = alertsAt(addHours(due, -hours), cra({ fixAvailableAt: fixed }));
    expect(alerts.find((a) => a.stage === stage)).toMatchObject({
      key: key(stage, due, milestone),
      milestone,
    });
  });

  it('each milestone is crossed at its exact time left, not a millisecond before', () => {
    const milestoneAt = (now: Date) => alertsAt(now).find((a) => a.stage === 'early-warning')?.milestone;
    expect(milestoneAt(addMs(addHours(earlyWarningDue, -4), -1))).toBe('12h');
    expect(milestoneAt(addHours(earlyWarningDue, -4))).toBe('4h');
    expect(milestoneAt(addMs(addHours(earlyWarningDue, -1), -1))).toBe('4h');
    expect(milestoneAt(addHours(earlyWarningDue, -1))).toBe('1h');
    expect(milestoneAt(addMs(earlyWarningDue, -1))).toBe('1h');
    expect(milestoneAt(earlyWarningDue)).toBe('overdue');
  });

  it('a bot that was down sends only the latest alert crossed for each stage', () => {
    const alerts = alertsAt(addHours(earlyWarningDue, -1));
    expect(alerts.map((a) => a.key)).toEqual([key('early-warning', earlyWarningDue, '1h')]);
  });

  it('each alert is sent once, even after a restart', () => {
    const sent = new Set([key('early-warning', earlyWarningDue, '1h')]);
    expect(alertsAt(addHours(earlyWarningDue, -1), cra(), sent)).toEqual([]);
  });

  it('a missed deadline is reported once as overdue', () => {
    const now = addHours(earlyWarningDue, 1);
    const [alert] = alertsAt(now);
    expect(alert).toMatchObject({ kind: 'overdue', milestone: 'overdue', stage: 'early-warning' });
    expect(alertsAt(addDays(now, 1), cra(), new Set([alert?.key ?? '']))).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ stage: 'early-warning' })]),
    );
  });

  it('stages running at once each get their own alert', () => {
    const now = addHours(notificationDue, -5);
    expect(alertsAt(now).map((a) => [a.stage, a.milestone])).toEqual([
      ['early-warning', 'overdue'],
      ['notification', '12h'],
    ]);
  });

  it('no alert is sent for a stage already submitted', () => {
    const data = cra({ earlyWarningSubmittedAt: addHours(aware, 3) });
    expect(alertsAt(addHours(earlyWarningDue, -1), data)).toEqual([]);
    expect(
      alertsAt(addHours(notificationDue, 1), cra({ notificationSubmittedAt: aware })).map((a) => a.stage),
    ).toEqual(['early-warning']);
  });

  it('correcting when the team became aware re-arms the alerts', () => {
    const corrected = cra({ exploitationAwareAt: addHours(aware, 6) });
    const sent = new Set([key('early-warning', earlyWarningDue, '12h')]);
    expect(alertsAt(addHours(earlyWarningDue, -6), corrected, sent).map((a) => a.key)).toEqual([
      key('early-warning', addHours(earlyWarningDue, 6), '12h'),
    ]);
  });
});

describe('recording a CRA submission', () => {
  const submittedAt = at('2026-10-05T18:00:00.000Z');

  it('the person who submitted on ENISA records when', () => {
    const report = recordCraSubmission(makeReport({ cra: cra() }), 'early-warning', submittedAt);
    expect(report.cra).toEqual(cra({ earlyWarningSubmittedAt: submittedAt }));
    expect(report).toMatchObject({ updatedAt: submittedAt, lastActivityAt: submittedAt });
    expect(clockOf(report.cra, 'early-warning', submittedAt).status).toBe('submitted');
  });

  it('nothing can be submitted before active exploitation is recorded', () => {
    const report = makeReport();
    expect(() => recordCraSubmission(report, 'notification', submittedAt)).toThrow(DomainError);
    expect(() => recordCraSubmission(report, 'notification', submittedAt)).toThrow(
      /awareness of active exploitation/,
    );
  });

  it('the final report needs a fix or mitigation first', () => {
    const report = makeReport({ cra: cra() });
    expect(() => recordCraSubmission(report, 'final-report', submittedAt)).toThrow(/fix or mitigation/);
    const withFix = makeReport({ cra: cra({ fixAvailableAt: fixed }) });
    expect(recordCraSubmission(withFix, 'final-report', submittedAt).cra.finalReportSubmittedAt).toEqual(
      submittedAt,
    );
  });

  it('a stage is recorded as submitted only once', () => {
    const report = recordCraSubmission(makeReport({ cra: cra() }), 'notification', submittedAt);
    expect(() => recordCraSubmission(report, 'notification', addHours(submittedAt, 1))).toThrow(
      /already recorded as submitted/,
    );
  });
});
