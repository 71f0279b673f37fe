import { describe, expect, it } from 'vitest';
import { craClocks, csirtClocks, dueCraAlerts, recordCraSubmission } from '../../src/domain/cra.ts';
import { craDraft } from '../../src/domain/cra-drafts.ts';
import {
  answerCsirtRequest,
  editCraDraft,
  recordCsirtRequest,
  recordExploitation,
  recordIncident,
  recordMeasure,
  recordNotExploited,
} from '../../src/domain/cra-events.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { addHours, addMonthsUtc, addMs } from '../../src/domain/time.ts';
import { at, makeReport } from './fixtures.ts';

// PyPI is compromised; the team learns of it at 10:00 UTC on 30 January 2027.
const aware = at('2027-01-30T10:00:00.000Z');
const later = at('2027-01-30T11:00:00.000Z');
const withIncident = () =>
  recordIncident(
    makeReport(),
    { awareAt: aware, description: 'PyPI upload tokens leaked' },
    'ee-durbin',
    later,
  );
const clock = (report: ReturnType<typeof makeReport>, stage: string, now: Date) =>
  craClocks(report.cra, now).find((c) => c.stage === stage);

describe('a severe incident on PSF infrastructure (Art. 14(3) and (4))', () => {
  it('the incident early warning is due 24 hours and the incident notification 72 hours after awareness', () => {
    const report = withIncident();
    expect(clock(report, 'incident-early-warning', later)).toMatchObject({
      due: at('2027-01-31T10:00:00.000Z'),
      status: 'pending',
    });
    expect(clock(report, 'incident-notification', later)?.due).toEqual(at('2027-02-02T10:00:00.000Z'));
    expect(clock(report, 'incident-early-warning', at('2027-01-31T10:00:00.000Z'))?.status).toBe('overdue');
    expect(clock(report, 'incident-early-warning', addMs(at('2027-01-31T10:00:00.000Z'), -1))?.status).toBe(
      'due-soon',
    );
  });

  it('the incident final report is due one calendar month after the incident notification was submitted', () => {
    const notified = recordCraSubmission(
      withIncident(),
      'incident-notification',
      at('2027-01-31T09:00:00.000Z'),
    );
    // 31 January + one month is the last day of February, never 3 March.
    const due = at('2027-02-28T09:00:00.000Z');
    expect(clock(notified, 'incident-final-report', due)).toMatchObject({
      due,
      status: 'overdue',
      msLeft: 0,
    });
    expect(clock(notified, 'incident-final-report', addMs(due, -1))?.status).toBe('due-soon');
  });

  it('one month runs to the same day of the next month, or its last day', () => {
    expect(addMonthsUtc(at('2027-03-15T08:30:00.000Z'), 1)).toEqual(at('2027-04-15T08:30:00.000Z'));
    expect(addMonthsUtc(at('2028-01-31T00:00:00.000Z'), 1)).toEqual(at('2028-02-29T00:00:00.000Z'));
    expect(addMonthsUtc(at('2027-12-31T23:59:59.999Z'), 1)).toEqual(at('2028-01-31T23:59:59.999Z'));
  });

  it('the incident final report has no clock until the incident notification is submitted', () => {
    expect(clock(withIncident(), 'incident-final-report', later)?.status).toBe('not-started');
    expect(() => recordCraSubmission(withIncident(), 'incident-final-report', later)).toThrow(
      /one month after the incident notification/,
    );
  });

  it('a report without an incident shows only the vulnerability stages', () => {
    expect(craClocks(makeReport().cra, later).map((c) => c.stage)).toEqual([
      'early-warning',
      'notification',
      'final-report',
    ]);
  });

  it('steward staff are alerted at 3 days, 12, 4 and 1 hours before the incident final report is due', () => {
    const notified = recordCraSubmission(
      withIncident(),
      'incident-notification',
      at('2027-01-31T09:00:00.000Z'),
    );
    const due = at('2027-02-28T09:00:00.000Z');
    const milestone = (hours: number) =>
      dueCraAlerts(notified.cra, 'PSRT-2026-0001', addHours(due, -hours), new Set()).find(
        (a) => a.stage === 'incident-final-report',
      )?.milestone;
    expect(milestone(72.001)).toBeUndefined();
    expect([milestone(72), milestone(12), milestone(4), milestone(1), milestone(0)]).toEqual([
      '3d',
      '12h',
      '4h',
      '1h',
      'overdue',
    ]);
  });

  it('correcting the incident is refused once its early warning went to ENISA', () => {
    const sent = recordCraSubmission(withIncident(), 'incident-early-warning', later);
    expect(() =>
      recordIncident(sent, { awareAt: aware, description: 'Different' }, 'ee-durbin', later),
    ).toThrow(/already submitted/);
  });
});

describe("a CSIRT's request for more information", () => {
  const asked = at('2027-01-31T09:00:00.000Z');
  const due = at('2027-02-01T09:00:00.000Z');
  const requested = () =>
    recordCsirtRequest(
      withIncident(),
      { csirt: 'CERT-FR', request: 'Which tokens leaked?', askedAt: asked, dueAt: due },
      'ee-durbin',
      asked,
    );

  it('runs to the due time the CSIRT set and alerts steward staff at 12, 4 and 1 hours left and overdue', () => {
    const report = requested();
    expect(csirtClocks(report.cra, asked)).toEqual([
      { requestId: 1, csirt: 'CERT-FR', due, answeredAt: null, status: 'pending', msLeft: 24 * 3_600_000 },
    ]);
    const milestones = [12, 4, 1, 0].map(
      (hours) =>
        dueCraAlerts(report.cra, 'PSRT-2026-0001', addHours(due, -hours), new Set()).find(
          (a) => a.stage === 'csirt-request',
        )?.key,
    );
    expect(milestones).toEqual(
      ['12h', '4h', '1h', 'overdue'].map((m) => `cra:PSRT-2026-0001:csirt-1:2027-02-01T09:00:00.000Z:${m}`),
    );
  });

  it('an answer stops its clock and its alerts', () => {
    const answered = answerCsirtRequest(
      requested(),
      1,
      'Three upload tokens',
      'ee-durbin',
      addHours(asked, 2),
    );
    expect(csirtClocks(answered.cra, due)[0]).toMatchObject({ status: 'submitted', msLeft: null });
    expect(
      dueCraAlerts(answered.cra, 'PSRT-2026-0001', due, new Set()).some((a) => a.stage === 'csirt-request'),
    ).toBe(false);
    expect(() => answerCsirtRequest(answered, 1, 'again', 'ee-durbin', due)).toThrow(/already answered/);
  });

  it('a due time before the request is refused', () => {
    expect(() =>
      recordCsirtRequest(
        makeReport(),
        { csirt: 'CERT-FR', request: 'x', askedAt: asked, dueAt: asked },
        'a',
        asked,
      ),
    ).toThrow(/not after the request/);
  });
});

describe('the finding on active exploitation', () => {
  const now = at('2026-10-05T12:00:00.000Z');
  const awareAt = at('2026-10-05T10:00:00.000Z');

  it('records who found it exploited, when and on what evidence, and starts the clocks', () => {
    const report = recordExploitation(
      makeReport(),
      { awareAt, evidence: 'Attacks in the wild' },
      'sethmlarson',
      now,
    );
    expect(report.cra).toMatchObject({
      exploitationAwareAt: awareAt,
      exploitation: {
        status: 'exploited',
        evidence: 'Attacks in the wild',
        recordedBy: 'sethmlarson',
        recordedAt: now,
      },
    });
    expect(clock(report, 'early-warning', now)?.due).toEqual(at('2026-10-06T10:00:00.000Z'));
  });

  it('records who found it not exploited and why, and no clock runs', () => {
    const exploited = recordExploitation(makeReport(), { awareAt, evidence: 'Rumour' }, 'sethmlarson', now);
    const report = recordNotExploited(exploited, 'The rumour was about another project', 'gpshead', now);
    expect(report.cra.exploitation).toEqual({
      status: 'not-exploited',
      reason: 'The rumour was about another project',
      recordedBy: 'gpshead',
      recordedAt: now,
    });
    expect(craClocks(report.cra, now).every((c) => c.status === 'not-started')).toBe(true);
  });

  it('cannot be withdrawn once a stage went to ENISA', () => {
    const exploited = recordExploitation(makeReport(), { awareAt, evidence: 'Attacks' }, 'sethmlarson', now);
    const sent = recordCraSubmission(exploited, 'early-warning', now);
    expect(() => recordNotExploited(sent, 'Oops', 'gpshead', now)).toThrow(/already submitted/);
  });

  it('refuses an awareness time in the future and empty evidence', () => {
    expect(() =>
      recordExploitation(makeReport(), { awareAt: addMs(now, 1), evidence: 'x' }, 'a', now),
    ).toThrow(DomainError);
    expect(() => recordExploitation(makeReport(), { awareAt, evidence: '  ' }, 'a', now)).toThrow(/is empty/);
  });

  it('a measure records what it is and starts the 14-day final-report clock', () => {
    const exploited = recordExploitation(makeReport(), { awareAt, evidence: 'Attacks' }, 'sethmlarson', now);
    const fixedAt = at('2026-10-09T16:00:00.000Z');
    const report = recordMeasure(
      exploited,
      { availableAt: fixedAt, description: 'Upgrade to 3.14.1' },
      'a',
      fixedAt,
    );
    expect(report.cra.measure).toEqual({
      description: 'Upgrade to 3.14.1',
      recordedBy: 'a',
      recordedAt: fixedAt,
    });
    expect(clock(report, 'final-report', fixedAt)?.due).toEqual(at('2026-10-23T16:00:00.000Z'));
  });
});

describe('the drafts of each stage', () => {
  const now = at('2026-10-05T12:00:00.000Z');
  const exploited = () =>
    recordExploitation(
      makeReport(),
      { awareAt: at('2026-10-05T10:00:00.000Z'), evidence: 'Attacks' },
      'sethmlarson',
      now,
    );

  it("are filled from the report's facts and name the required fields still missing", () => {
    const draft = craDraft(exploited(), 'early-warning');
    expect(draft.fields.find((f) => f.key === 'awareAt')).toMatchObject({
      value: '2026-10-05 10:00 UTC',
      source: 'report',
    });
    expect(draft.missing).toEqual(['Member States where the product is made available']);
  });

  it('a person completes them, and an emptied field falls back to the report', () => {
    const edited = editCraDraft(exploited(), 'early-warning', { memberStates: 'All EU Member States' }, now);
    expect(craDraft(edited, 'early-warning').missing).toEqual([]);
    expect(craDraft(edited, 'early-warning').fields.at(-1)).toMatchObject({ source: 'person' });
    const cleared = editCraDraft(edited, 'early-warning', { memberStates: ' ' }, now);
    expect(craDraft(cleared, 'early-warning').missing).toHaveLength(1);
  });

  it('a field the stage does not have is refused, naming those it has', () => {
    expect(() => editCraDraft(exploited(), 'notification', { colour: 'blue' }, now)).toThrow(
      /no field "colour"/,
    );
  });

  it('a submitted stage cannot be edited', () => {
    const sent = recordCraSubmission(exploited(), 'early-warning', now);
    expect(() => editCraDraft(sent, 'early-warning', { memberStates: 'x' }, now)).toThrow(
      /already submitted/,
    );
  });
});
