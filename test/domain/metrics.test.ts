import { describe, expect, it } from 'vitest';
import { reportFromImported } from '../../src/domain/history.ts';
import {
  aggregateTimes,
  IMPORT_ACTION,
  percentile,
  processMetrics,
  type RecordedChange,
  type ReportTimes,
  reportTimes,
} from '../../src/domain/metrics.ts';
import { emptyPublication } from '../../src/domain/publication.ts';
import type { Report } from '../../src/domain/report.ts';
import { addDays } from '../../src/domain/time.ts';
import { at, makeReport } from './fixtures.ts';

// Received by security@ on 1 March 2026 (makeReport), 00:00 UTC.
const received = at('2026-03-01T00:00:00.000Z');
const day = (n: number): Date => addDays(received, n);

/** An audit event changing `field` as app/report-change writes it. */
const changed = (
  n: number,
  field: string,
  from: unknown,
  to: unknown,
  action = 'report.edit',
): RecordedChange => ({
  action,
  at: day(n),
  change: { [field]: { from, to } },
});

const critical = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

/** A report the PSRT took through every step: coordinator on day 2, determination day 4, accepted day 5, published day 40. */
function handled(overrides: Partial<Report> = {}): { report: Report; changes: RecordedChange[] } {
  return {
    report: makeReport({
      state: 'published',
      coordinator: 'coordinator',
      coordinatorSince: day(2),
      determination: 'vulnerability',
      finishedAt: day(40),
      cvssVector: critical,
      ...overrides,
    }),
    changes: [
      changed(2, 'coordinator', null, 'coordinator', 'report.assign'),
      changed(4, 'determination', null, 'vulnerability', 'report.determine'),
      changed(5, 'state', 'triage', 'accepted', 'report.accept'),
      changed(40, 'state', 'accepted', 'published', 'report.publish'),
    ],
  };
}

function imported(options: { reservedAt: Date | null; publishedAt: Date; cvssVector?: string | null }): {
  report: Report;
  changes: RecordedChange[];
} {
  const report = reportFromImported(
    'PSRT-2023-0001',
    {
      format: options.reservedAt ? 'cve' : 'osv',
      cveId: 'CVE-2023-24329',
      title: 'urllib.parse blocklist bypass',
      description: 'Leading blanks bypass the blocklist.',
      cvssVector: options.cvssVector ?? null,
      affected: [],
      publication: emptyPublication(),
      publishedAt: options.publishedAt,
      reservedAt: options.reservedAt,
    },
    'python/cpython',
    at('2026-11-01T00:00:00.000Z'),
  );
  return { report, changes: [{ action: IMPORT_ACTION, at: report.createdAt, change: { imported: 'osv' } }] };
}

describe("a report's times run from its first receipt", () => {
  it('to the first coordinator, the determination, acceptance and publication, in days', () => {
    const { report, changes } = handled();
    expect(reportTimes(report, changes).days).toEqual({
      coordinator: 2,
      determination: 4,
      accepted: 5,
      published: 40,
    });
  });

  it('an earlier security@ email starts them, not the GHSA opened later', () => {
    const { report, changes } = handled({ receivedAt: day(-3), createdAt: day(0) });
    expect(reportTimes(report, changes).days.coordinator).toBe(5);
  });

  it('the time to a coordinator is to the first one assigned, not to a later handoff', () => {
    const { report, changes } = handled({ coordinator: 'successor', coordinatorSince: day(20) });
    changes.push(changed(20, 'coordinator', 'coordinator', 'successor', 'report.handoff.accept'));
    expect(reportTimes(report, changes).days.coordinator).toBe(2);
  });

  it('a draft advisory a maintainer opened is accepted from the moment psrt opened its report', () => {
    const report = makeReport({ state: 'accepted', createdAt: day(1), receivedAt: day(1) });
    expect(reportTimes(report, []).days.accepted).toBe(0);
  });

  it('a report accepted, rejected, reopened and accepted again was accepted the first time', () => {
    const { report, changes } = handled();
    changes.splice(
      3,
      0,
      changed(10, 'state', 'accepted', 'rejected', 'report.reject'),
      changed(12, 'state', 'rejected', 'triage', 'report.reopen'),
      changed(13, 'state', 'triage', 'accepted', 'report.accept'),
    );
    expect(reportTimes(report, changes).days.accepted).toBe(5);
  });

  it('a step not taken yet is not counted, and an open report is not measured against the goal', () => {
    const report = makeReport();
    expect(reportTimes(report, [])).toMatchObject({
      days: { coordinator: null, determination: null, accepted: null, published: null },
      withinGoal: null,
    });
  });

  it('a rejected report has no time to publish, but was finished within 90 days or not', () => {
    const report = makeReport({
      state: 'rejected',
      coordinator: 'coordinator',
      determination: 'not-a-vulnerability',
      rejection: { reason: 'not-a-vulnerability', detail: null },
      finishedAt: day(6),
    });
    const changes = [
      changed(1, 'coordinator', null, 'coordinator'),
      changed(3, 'determination', null, 'not-a-vulnerability'),
      changed(6, 'state', 'triage', 'rejected'),
    ];
    expect(reportTimes(report, changes)).toMatchObject({
      days: { coordinator: 1, determination: 3, accepted: null, published: null },
      withinGoal: true,
    });
  });
});

describe('the 90-day goal', () => {
  it('a report published on day 89 met it; one published on the 90th day, when the clock reads overdue, did not', () => {
    expect(reportTimes(handled({ finishedAt: day(89) }).report, []).withinGoal).toBe(true);
    expect(reportTimes(handled({ finishedAt: day(90) }).report, []).withinGoal).toBe(false);
  });

  it('is the devguide’s 90 days: an extension moves the deadline, not the goal', () => {
    const extension = {
      days: 30,
      reason: 'coordinated release',
      reporterAgreed: true,
      grantedBy: 'c',
      at: day(60),
    };
    const { report } = handled({ extensions: [extension], finishedAt: day(100) });
    expect(reportTimes(report, []).withinGoal).toBe(false);
  });
});

describe('imported history', () => {
  it('with the CVE ID’s reservation as the receipt, counts from receipt to publication only', () => {
    const { report, changes } = imported({
      reservedAt: at('2023-02-01T00:00:00.000Z'),
      publishedAt: at('2023-03-03T00:00:00.000Z'),
    });
    expect(report.determination).toBe('vulnerability');
    expect(reportTimes(report, changes)).toEqual({
      month: '2023-02',
      severity: 'unscored',
      imported: true,
      days: { coordinator: null, determination: null, accepted: null, published: 30 },
      withinGoal: true,
    });
  });

  it('without a known receipt (an OSV record only), counts as a report of its month and nothing else', () => {
    const { report, changes } = imported({ reservedAt: null, publishedAt: at('2019-06-14T10:00:00.000Z') });
    expect(reportTimes(report, changes)).toMatchObject({
      month: '2019-06',
      imported: true,
      days: { coordinator: null, determination: null, accepted: null, published: null },
      withinGoal: null,
    });
  });

  it('a CVE ID reserved after publication is not a receipt: nothing is counted', () => {
    const { report, changes } = imported({
      reservedAt: at('2023-05-01T00:00:00.000Z'),
      publishedAt: at('2023-03-03T00:00:00.000Z'),
    });
    expect(reportTimes(report, changes)).toMatchObject({ days: { published: null }, withinGoal: null });
  });
});

describe('severity', () => {
  it('comes from the CVSS vector, v4.0 or v3.1; a report without a readable one is unscored', () => {
    const severity = (cvssVector: string | null) => reportTimes(makeReport({ cvssVector }), []).severity;
    expect(severity(critical)).toBe('Critical');
    expect(severity('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N')).toBe('High');
    expect(severity('CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N')).toBe('Low');
    expect(severity(null)).toBe('unscored');
    expect(severity('CVSS:4.0/AV:N')).toBe('unscored');
  });
});

describe('the numbers of a group of reports', () => {
  it('the median and 90th percentile interpolate between ranks, as spreadsheets do', () => {
    const days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(days, 0.5)).toBe(5.5);
    expect(percentile(days, 0.9)).toBeCloseTo(9.1);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('are grouped by the UTC month of receipt, oldest first', () => {
    const late = handled({
      receivedAt: at('2026-03-31T23:30:00.000Z'),
      finishedAt: at('2026-04-20T00:00:00.000Z'),
    });
    const early = handled({
      receivedAt: at('2026-01-10T00:00:00.000Z'),
      finishedAt: at('2026-05-10T00:00:00.000Z'),
    });
    const metrics = processMetrics(
      [late.report, { ...early.report, id: 'PSRT-2026-0002' }],
      new Map([[late.report.id, []]]),
    );
    expect(
      metrics.byMonth.map((group) => [group.key, group.reports, group.withinGoal, group.finished]),
    ).toEqual([
      ['2026-01', 1, 0, 1],
      ['2026-03', 1, 1, 1],
    ]);
  });

  it('count, median and 90th percentile per step, and the share finished within 90 days', () => {
    const times = (published: number | null, withinGoal: boolean | null): ReportTimes => ({
      month: '2026-03',
      severity: 'High',
      imported: false,
      days: { coordinator: 1, determination: null, accepted: null, published },
      withinGoal,
    });
    const metrics = aggregateTimes([times(10, true), times(30, true), times(120, false), times(null, null)]);
    expect(metrics.overall).toMatchObject({ reports: 4, finished: 3, withinGoal: 2 });
    expect(metrics.overall.share).toBeCloseTo(2 / 3);
    expect(metrics.overall.steps.published).toEqual({ count: 3, median: 30, p90: 102 });
    expect(metrics.overall.steps.coordinator).toEqual({ count: 4, median: 1, p90: 1 });
    expect(metrics.overall.steps.determination).toEqual({ count: 0, median: null, p90: null });
  });

  it('by severity, most severe first, only the severities that have reports, unscored last', () => {
    const reports = [
      makeReport({ id: 'PSRT-2026-0001', cvssVector: null }),
      makeReport({ id: 'PSRT-2026-0002', cvssVector: critical }),
      makeReport({ id: 'PSRT-2026-0003', cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N' }),
      makeReport({ id: 'PSRT-2026-0004', cvssVector: critical }),
    ];
    const metrics = processMetrics(reports, new Map());
    expect(metrics.bySeverity.map((group) => [group.key, group.reports])).toEqual([
      ['Critical', 2],
      ['High', 1],
      ['unscored', 1],
    ]);
  });

  it('say how many reports were imported', () => {
    const old = imported({ reservedAt: null, publishedAt: at('2019-06-14T10:00:00.000Z') });
    const metrics = processMetrics([old.report, makeReport()], new Map([[old.report.id, old.changes]]));
    expect([metrics.overall.reports, metrics.imported]).toEqual([2, 1]);
  });
});
