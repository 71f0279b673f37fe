// The inactivity report's rules, at chosen dates: who coordinated a report
// when (tenures from the recorded changes, clipped to the period, ending when
// the report was finished), the default and chosen periods, and who is exempt.
import { describe, expect, it } from 'vitest';
import {
  type CoordinatedReport,
  checkPeriod,
  coordinatorTenures,
  defaultPeriod,
  InactivityError,
  inactivityReport,
} from '../../src/domain/inactivity.ts';
import type { RosterEntry } from '../../src/domain/report.ts';

const at = (iso: string) => new Date(iso);
const period = { from: at('2026-01-01T00:00:00Z'), to: at('2027-01-01T00:00:00Z') };
const ref = { reportId: 'PSRT-2026-0001', repository: 'python/cpython', ghsaId: 'GHSA-2hf5-gw53-g8pf' };
const report = (over: Partial<CoordinatedReport> = {}): CoordinatedReport => ({
  ...ref,
  coordinator: 'gpshead',
  createdAt: at('2025-06-01T00:00:00Z'),
  finishedAt: null,
  ...over,
});

describe('who coordinated a report during the period', () => {
  it('counts a coordinator from before the period who still held the report in it, clipped to the period', () => {
    expect(coordinatorTenures([report()], [], period)).toEqual([
      { ...ref, login: 'gpshead', kind: 'coordinated', first: period.from, last: period.to, count: 1 },
    ]);
  });

  it('follows handoffs: the coordinator the report was created with, then each new one', () => {
    const changes = [
      { reportId: ref.reportId, at: at('2026-03-01T00:00:00Z'), from: 'encukou', to: 'gpshead' },
      { reportId: ref.reportId, at: at('2026-05-01T00:00:00Z'), from: 'gpshead', to: null },
    ];
    const tenures = coordinatorTenures([report({ coordinator: null })], changes, period);
    expect(tenures.map((t) => [t.login, t.first.toISOString(), t.last.toISOString()])).toEqual([
      ['encukou', '2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ['gpshead', '2026-03-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z'],
    ]);
  });

  it('does not count a coordinator whose tenure ended before the period, or a report finished before it', () => {
    const handedOn = [
      { reportId: ref.reportId, at: at('2025-12-01T00:00:00Z'), from: 'encukou', to: 'gpshead' },
    ];
    expect(coordinatorTenures([report()], handedOn, period).map((t) => t.login)).toEqual(['gpshead']);
    expect(coordinatorTenures([report({ finishedAt: at('2025-12-31T00:00:00Z') })], [], period)).toEqual([]);
  });
});

describe('the period', () => {
  const now = at('2026-12-05T12:00:00Z');
  it('runs from the last report to now, or one year back when there was none', () => {
    expect(defaultPeriod(at('2025-12-01T00:00:00Z'), now)).toEqual({
      from: at('2025-12-01T00:00:00Z'),
      to: now,
    });
    expect(defaultPeriod(null, now)).toEqual({ from: at('2025-12-05T12:00:00Z'), to: now });
  });
  it('refuses a chosen period that ends before it starts, or in the future', () => {
    expect(() => checkPeriod({ from: now, to: at('2026-01-01T00:00:00Z') }, now)).toThrow(InactivityError);
    expect(() =>
      checkPeriod({ from: at('2026-01-01T00:00:00Z'), to: at('2027-01-01T00:00:00Z') }, now),
    ).toThrow(/cannot end in the future/);
  });
});

describe('standings', () => {
  const roster: RosterEntry[] = [
    { list: 'member', position: 1, name: 'Hugo van Kemenade', login: 'hugovk', roles: ['Release Manager'] },
    { list: 'member', position: 2, name: 'Barry Warsaw', login: 'warsaw', roles: ['Admin'] },
    { list: 'member', position: 3, name: 'Gregory P. Smith', login: 'gpshead', roles: [] },
    { list: 'member', position: 4, name: 'Tim Peters', login: 'tim-one', roles: [] },
    { list: 'emeritus', position: 1, name: 'Christian Heimes', login: 'tiran', roles: [] },
  ];
  it('exempts release managers and the Council (by role or configured login), and counts evidence only within the period', () => {
    const outside = { ...ref, login: 'TIM-ONE', kind: 'acted' as const, count: 1 };
    const result = inactivityReport({
      roster,
      steeringCouncil: ['Warsaw'],
      period,
      activity: [
        {
          ...ref,
          login: 'GPSHEAD',
          kind: 'commented',
          first: at('2026-02-01T00:00:00Z'),
          last: at('2026-02-01T00:00:00Z'),
          count: 2,
        },
        { ...outside, first: at('2025-02-01T00:00:00Z'), last: at('2025-02-01T00:00:00Z') },
      ],
    });
    expect(result.members.map((m) => [m.login, m.standing, m.exemptAs])).toEqual([
      ['tim-one', 'inactive', []],
      ['warsaw', 'exempt', ['Steering Council']],
      ['hugovk', 'exempt', ['Release Manager']],
      ['gpshead', 'active', []],
    ]);
  });

  it('exempts a member who joined during the period (a year without activity has not passed), not one who joined before it', () => {
    const result = inactivityReport({
      roster,
      steeringCouncil: [],
      period,
      activity: [],
      joinedAt: new Map([
        ['tim-one', at('2026-11-05T00:00:00Z')],
        ['gpshead', at('2025-06-01T00:00:00Z')],
      ]),
    });
    expect(result.members.map((m) => [m.login, m.standing, m.exemptAs])).toEqual([
      ['warsaw', 'inactive', []],
      ['gpshead', 'inactive', []],
      ['hugovk', 'exempt', ['Release Manager']],
      ['tim-one', 'exempt', ['joined in the period']],
    ]);
  });
});
