import { describe, expect, it } from 'vitest';
import {
  coordinatorClock,
  disclosureClock,
  disclosureDeadline,
  dueReminder,
  grantExpiry,
  isGrantActive,
  reportClocks,
} from '../../src/domain/clocks.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Extension, Report } from '../../src/domain/report.ts';
import { addDays, addMs, DAY_MS } from '../../src/domain/time.ts';
import { at, makeGrant, makeReport, readyToPublish } from './fixtures.ts';

// Received by security@ on 1 March 2026: the 90 days end at 30 May 2026, 00:00 UTC.
const deadline = at('2026-05-30T00:00:00.000Z');
const daysBefore = (days: number, ms = 0) => addMs(deadline, -days * DAY_MS + ms);
const nothingSent: ReadonlySet<string> = new Set();

const extension = (days: number, when: Date): Extension => ({
  days,
  reason: 'coordinated release',
  reporterAgreed: true,
  grantedBy: 'coordinator',
  at: when,
});

describe('the disclosure deadline', () => {
  it('a report received by security@ on 1 March is due for disclosure on 30 May', () => {
    expect(disclosureDeadline(makeReport())).toEqual(deadline);
  });

  it('the clock starts at the first security@ email, not when the GHSA was opened', () => {
    const report = makeReport({
      receivedAt: at('2026-02-20T09:30:00.000Z'),
      createdAt: at('2026-03-01T00:00:00.000Z'),
    });
    expect(disclosureDeadline(report)).toEqual(at('2026-05-21T09:30:00.000Z'));
  });

  it('every extension adds its days to the deadline', () => {
    const report = makeReport({
      extensions: [
        extension(30, at('2026-04-01T00:00:00.000Z')),
        extension(14, at('2026-04-15T00:00:00.000Z')),
      ],
    });
    expect(disclosureDeadline(report)).toEqual(at('2026-07-13T00:00:00.000Z'));
  });

  it('days are counted in UTC, so a daylight-saving change does not move the deadline', () => {
    // 29 March 2026 is the EU switch to summer time; still exactly 90 × 24 h.
    expect(disclosureDeadline(makeReport()).getTime() - makeReport().receivedAt.getTime()).toBe(90 * DAY_MS);
  });
});

describe('the disclosure clock', () => {
  it('a report received today has 90 days left and is on track', () => {
    expect(disclosureClock(makeReport(), at('2026-03-01T00:00:00.000Z'))).toMatchObject({
      deadline,
      msLeft: 90 * DAY_MS,
      daysLeft: 90,
      overdue: false,
      status: 'on-track',
    });
  });

  it('a report is due soon from exactly 7 days left', () => {
    expect(disclosureClock(makeReport(), daysBefore(7, -1)).status).toBe('on-track');
    expect(disclosureClock(makeReport(), daysBefore(7))).toMatchObject({ daysLeft: 7, status: 'due-soon' });
  });

  it('one millisecond left still counts as a day left', () => {
    expect(disclosureClock(makeReport(), addMs(deadline, -1))).toMatchObject({
      daysLeft: 1,
      overdue: false,
      status: 'due-soon',
    });
  });

  it('a report is overdue from the deadline itself', () => {
    expect(disclosureClock(makeReport(), deadline)).toMatchObject({ msLeft: 0, daysLeft: 0, overdue: true });
    expect(disclosureClock(makeReport(), addMs(deadline, 1))).toMatchObject({
      daysLeft: 0,
      status: 'overdue',
    });
    expect(disclosureClock(makeReport(), addDays(deadline, 1)).daysLeft).toBe(-1);
    expect(disclosureClock(makeReport(), addMs(addDays(deadline, 1), 1)).daysLeft).toBe(-1);
  });

  it('the clock of a finished report stopped when it was finished', () => {
    const lateButDone = readyToPublish({ state: 'published', finishedAt: addDays(deadline, 3) });
    expect(disclosureClock(lateButDone, at('2026-12-01T00:00:00.000Z'))).toMatchObject({
      status: 'stopped',
      daysLeft: -3,
      overdue: true,
    });
    const onTime = readyToPublish({ state: 'rejected', finishedAt: at('2026-03-05T00:00:00.000Z') });
    expect(disclosureClock(onTime, at('2026-12-01T00:00:00.000Z'))).toMatchObject({
      status: 'stopped',
      daysLeft: 86,
      overdue: false,
    });
  });
});

describe('disclosure reminders', () => {
  const key = (milestone: string, due = deadline) =>
    `disclosure:PSRT-2026-0001:${due.toISOString()}:${milestone}`;

  it('no reminder is due while more than 60 days are left', () => {
    expect(dueReminder(makeReport(), daysBefore(60, -1), nothingSent)).toBeNull();
  });

  it('the coordinator and team are reminded at exactly 60 days left', () => {
    expect(dueReminder(makeReport(), daysBefore(60), nothingSent)).toEqual({
      key: 'disclosure:PSRT-2026-0001:2026-05-30T00:00:00.000Z:60d',
      kind: 'reminder',
      milestoneDays: 60,
      overdueWeeks: null,
      audience: 'coordinator-and-team',
      deadline,
      daysLeft: 60,
    });
  });

  it('one millisecond after the 60-day milestone the 60-day reminder is still the one due', () => {
    expect(dueReminder(makeReport(), daysBefore(60, 1), nothingSent)?.key).toBe(key('60d'));
  });

  it.each([60, 30, 15, 7, 3, 1])('a reminder goes out at %d days left', (days) => {
    expect(dueReminder(makeReport(), daysBefore(days), nothingSent)).toMatchObject({
      key: key(`${days}d`),
      milestoneDays: days,
      daysLeft: days,
    });
  });

  it('a reminder already sent is not sent again after a restart', () => {
    const sent = new Set([key('30d')]);
    expect(dueReminder(makeReport(), daysBefore(30), sent)).toBeNull();
    expect(dueReminder(makeReport(), daysBefore(16), sent)).toBeNull();
    expect(dueReminder(makeReport(), daysBefore(15), sent)?.key).toBe(key('15d'));
  });

  it('a bot that was down for weeks sends only the latest milestone crossed', () => {
    const reminder = dueReminder(makeReport(), daysBefore(6), new Set([key('60d')]));
    expect(reminder).toMatchObject({ milestoneDays: 7, daysLeft: 6 });
  });

  it('an extension moves the deadline and re-arms the reminders', () => {
    const grantedAt = daysBefore(28);
    const report = makeReport({ extensions: [extension(30, grantedAt)] });
    const newDeadline = addDays(deadline, 30);
    const sent = new Set([key('60d'), key('30d')]);
    // The new deadline passed its 60-day mark before the extension: the team has just acted on it.
    expect(dueReminder(report, grantedAt, sent)).toBeNull();
    expect(dueReminder(report, addMs(newDeadline, -30 * DAY_MS - 1), sent)).toBeNull();
    expect(dueReminder(report, addMs(newDeadline, -30 * DAY_MS), sent)).toMatchObject({
      key: key('30d', newDeadline),
      deadline: newDeadline,
      milestoneDays: 30,
    });
  });

  it('admins are alerted on the day a report becomes overdue', () => {
    expect(dueReminder(makeReport(), deadline, nothingSent)).toEqual({
      key: 'disclosure:PSRT-2026-0001:2026-05-30T00:00:00.000Z:overdue-w0',
      kind: 'escalation',
      milestoneDays: null,
      overdueWeeks: 0,
      audience: 'admins',
      deadline,
      daysLeft: 0,
    });
  });

  it('an overdue report is escalated again every seven days, once each week', () => {
    const sent = new Set([key('overdue-w0')]);
    expect(dueReminder(makeReport(), addMs(addDays(deadline, 7), -1), sent)).toBeNull();
    expect(dueReminder(makeReport(), addDays(deadline, 7), sent)).toMatchObject({
      key: key('overdue-w1'),
      overdueWeeks: 1,
    });
  });

  it('after weeks of downtime only the current week is escalated', () => {
    expect(dueReminder(makeReport(), addDays(deadline, 25), nothingSent)?.key).toBe(key('overdue-w3'));
  });

  it('a finished report gets no reminders', () => {
    for (const state of ['published', 'rejected'] as const) {
      const report = readyToPublish({ state, finishedAt: daysBefore(10) });
      expect(dueReminder(report, daysBefore(1), nothingSent)).toBeNull();
      expect(dueReminder(report, addDays(deadline, 7), nothingSent)).toBeNull();
    }
  });
});

describe('the coordinator clock', () => {
  const lastActivity = at('2026-03-01T08:00:00.000Z');
  const idle = (overrides: Partial<Report> = {}) =>
    makeReport({ lastActivityAt: lastActivity, ...overrides });

  it('a report idle three days without a coordinator is due for automatic assignment', () => {
    const clock = coordinatorClock(idle(), at('2026-03-04T08:00:00.000Z'));
    expect(clock).toEqual({
      applies: true,
      idleSince: lastActivity,
      autoAssignAt: at('2026-03-04T08:00:00.000Z'),
      due: true,
    });
  });

  it('one millisecond short of three idle days, nobody is assigned yet', () => {
    expect(coordinatorClock(idle(), at('2026-03-04T07:59:59.999Z')).due).toBe(false);
  });

  it('activity on the report restarts the coordinator clock', () => {
    const clock = coordinatorClock(
      idle({ lastActivityAt: at('2026-03-03T00:00:00.000Z') }),
      at('2026-03-04T08:00:00.000Z'),
    );
    expect(clock).toMatchObject({ applies: true, due: false, autoAssignAt: at('2026-03-06T00:00:00.000Z') });
  });

  it('a report with a coordinator is never assigned automatically', () => {
    expect(coordinatorClock(idle({ coordinator: 'member' }), at('2026-06-01T00:00:00.000Z'))).toMatchObject({
      applies: false,
      due: false,
    });
  });

  it('an accepted report idle three days without a coordinator is due for automatic assignment too', () => {
    const accepted = idle({ state: 'accepted' });
    expect(coordinatorClock(accepted, at('2026-03-04T08:00:00.000Z'))).toMatchObject({
      applies: true,
      due: true,
    });
  });

  it.each(['published', 'rejected'] as const)('a %s report is never assigned automatically', (state) => {
    const finished = idle({ state });
    expect(coordinatorClock(finished, at('2026-06-01T00:00:00.000Z'))).toMatchObject({
      applies: false,
      due: false,
    });
  });
});

describe('collaborator grants', () => {
  it('a grant with a chosen expiry ends then, whatever the report does', () => {
    const grant = makeGrant({ expiresAt: at('2026-04-01T00:00:00.000Z') });
    const finished = readyToPublish({ state: 'published', finishedAt: at('2026-03-20T00:00:00.000Z') });
    expect(grantExpiry(grant, finished)).toEqual(at('2026-04-01T00:00:00.000Z'));
    expect(isGrantActive(grant, makeReport(), at('2026-03-31T23:59:59.999Z'))).toBe(true);
    expect(isGrantActive(grant, makeReport(), at('2026-04-01T00:00:00.000Z'))).toBe(false);
  });

  it('a grant without an expiry lasts while the report is open', () => {
    expect(grantExpiry(makeGrant(), makeReport())).toBeNull();
    expect(isGrantActive(makeGrant(), makeReport(), at('2027-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('a grant without an expiry ends 14 days after the report is finished', () => {
    const finished = readyToPublish({ state: 'published', finishedAt: at('2026-04-10T12:00:00.000Z') });
    expect(grantExpiry(makeGrant(), finished)).toEqual(at('2026-04-24T12:00:00.000Z'));
    expect(isGrantActive(makeGrant(), finished, at('2026-04-24T11:59:59.999Z'))).toBe(true);
    expect(isGrantActive(makeGrant(), finished, at('2026-04-24T12:00:00.000Z'))).toBe(false);
  });

  it('a revoked grant gives no access', () => {
    const grant = makeGrant({ revokedAt: at('2026-03-10T00:00:00.000Z'), revokedBy: 'coordinator' });
    expect(isGrantActive(grant, makeReport(), at('2026-03-09T23:59:59.999Z'))).toBe(true);
    expect(isGrantActive(grant, makeReport(), at('2026-03-10T00:00:00.000Z'))).toBe(false);
  });

  it('a grant is only read against its own report', () => {
    const other = makeReport({ id: 'PSRT-2026-0002' });
    expect(() => grantExpiry(makeGrant(), other)).toThrow(DomainError);
  });
});

describe('the clocks on the open reports page', () => {
  it('shows the disclosure, coordinator and CRA clocks of a report together', () => {
    const clocks = reportClocks(makeReport(), at('2026-03-05T00:00:00.000Z'));
    expect(clocks.disclosure).toMatchObject({ deadline, daysLeft: 86, status: 'on-track' });
    expect(clocks.coordinator).toMatchObject({ applies: true, due: true });
    expect(clocks.cra.map((stage) => [stage.stage, stage.status])).toEqual([
      ['early-warning', 'not-started'],
      ['notification', 'not-started'],
      ['final-report', 'not-started'],
    ]);
  });
});
