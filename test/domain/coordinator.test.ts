import { describe, expect, it } from 'vitest';
import {
  acceptHandoff,
  assignCoordinator,
  CoordinatorError,
  type CoordinatorLoad,
  chooseCoordinator,
  declineHandoff,
  eligibleCoordinators,
  requestHandoff,
} from '../../src/domain/coordinator.ts';
import type { Report, RosterEntry, RosterRole } from '../../src/domain/report.ts';
import { makeReport } from './fixtures.ts';

const received = new Date('2026-03-02T09:00:00Z');
const now = new Date('2026-03-05T12:00:00Z');
const later = new Date('2026-03-06T08:00:00Z');

function report(overrides: Partial<Report> = {}): Report {
  return makeReport({
    ghsaId: 'GHSA-xxxx-xxxx-xxxx',
    title: 'Embargoed title',
    description: 'Embargoed description',
    receivedAt: received,
    lastActivityAt: received,
    reporter: 'reporter',
    createdAt: received,
    updatedAt: received,
    ...overrides,
  });
}

let position = 0;
const member = (login: string, ...roles: RosterRole[]): RosterEntry => ({
  list: 'member',
  position: ++position,
  name: login,
  login,
  roles,
});

const roster: RosterEntry[] = [
  member('warsaw', 'Admin'),
  member('sethmlarson', 'Admin'),
  member('hugovk', 'Release Manager'),
  member('ned-deily', 'Admin', 'Release Manager'),
  member('Yhg1s', 'Steering Council'),
  member('encukou'),
  member('gpshead'),
  { list: 'emeritus', position: 1, name: 'Christian Heimes', login: 'tiran', roles: [] },
];

const loads = (entries: Record<string, Partial<CoordinatorLoad>>): Map<string, CoordinatorLoad> =>
  new Map(
    Object.entries(entries).map(([login, load]) => [
      login,
      { openReports: 0, lastAssignedAt: null, ...load },
    ]),
  );

/** No Steering Council beyond what the roster notes say. */
const noCouncil: readonly string[] = [];
const byRoster = { steeringCouncil: noCouncil };

describe('who may be chosen automatically as coordinator', () => {
  it('a release manager is never chosen automatically as coordinator', () => {
    expect(eligibleCoordinators(roster, noCouncil).map((e) => e.login)).not.toContain('hugovk');
    expect(eligibleCoordinators(roster, noCouncil).map((e) => e.login)).not.toContain('ned-deily');
  });

  it('a Steering Council member is never chosen automatically as coordinator', () => {
    expect(eligibleCoordinators(roster, noCouncil).map((e) => e.login)).not.toContain('Yhg1s');
  });

  it('a Steering Council member named by the caller is never chosen automatically, though the devguide list notes only Admin', () => {
    // Barry Warsaw sits on the 2026 Council; the devguide roster notes him as an admin only.
    expect(eligibleCoordinators(roster, ['warsaw']).map((e) => e.login)).not.toContain('warsaw');
    expect(eligibleCoordinators(roster, noCouncil).map((e) => e.login)).toContain('warsaw');
    expect(chooseCoordinator(roster, new Map(), { steeringCouncil: ['warsaw', 'encukou'] })).toBe('gpshead');
  });

  it('Steering Council logins are matched regardless of case', () => {
    expect(eligibleCoordinators(roster, ['GPSHEAD']).map((e) => e.login)).not.toContain('gpshead');
  });

  it('a Steering Council member may still be assigned by hand', () => {
    const assigned = assignCoordinator(report(), 'warsaw', roster, now).report;
    expect(assigned.coordinator).toBe('warsaw');
  });

  it('emeritus members are never chosen', () => {
    expect(eligibleCoordinators(roster, noCouncil).map((e) => e.login)).toEqual([
      'warsaw',
      'sethmlarson',
      'encukou',
      'gpshead',
    ]);
  });

  it('even an idle release manager is passed over for a busy member', () => {
    const onlyRm = [member('hugovk', 'Release Manager'), member('busy')];
    expect(chooseCoordinator(onlyRm, loads({ busy: { openReports: 9 } }), byRoster)).toBe('busy');
  });

  it('nobody is chosen when no member is eligible', () => {
    expect(chooseCoordinator([member('hugovk', 'Release Manager')], new Map(), byRoster)).toBeNull();
  });
});

describe('a report without a coordinator gets the least-loaded active member', () => {
  it('the member coordinating the fewest open reports is chosen', () => {
    const load = loads({
      warsaw: { openReports: 3 },
      sethmlarson: { openReports: 1 },
      encukou: { openReports: 2 },
    });
    load.set('gpshead', { openReports: 2, lastAssignedAt: null });
    expect(chooseCoordinator(roster, load, byRoster)).toBe('sethmlarson');
  });

  it('members missing from the load table count as having nothing', () => {
    expect(
      chooseCoordinator(
        roster,
        loads({ warsaw: { openReports: 1 }, sethmlarson: { openReports: 1 } }),
        byRoster,
      ),
    ).toBe('encukou');
  });

  it('between equally loaded members, one never assigned goes first, then the least recently assigned', () => {
    const load = loads({
      warsaw: { openReports: 1, lastAssignedAt: new Date('2026-02-01T00:00:00Z') },
      sethmlarson: { openReports: 1, lastAssignedAt: new Date('2026-01-01T00:00:00Z') },
      encukou: { openReports: 1, lastAssignedAt: null },
      gpshead: { openReports: 2 },
    });
    expect(chooseCoordinator(roster, load, byRoster)).toBe('encukou');
    load.set('encukou', { openReports: 1, lastAssignedAt: new Date('2026-03-01T00:00:00Z') });
    expect(chooseCoordinator(roster, load, byRoster)).toBe('sethmlarson');
  });

  it('a full tie is broken by login, ignoring case, so every run picks the same member', () => {
    const team = [member('zooba'), member('Barry'), member('alice')];
    expect(chooseCoordinator(team, new Map(), byRoster)).toBe('alice');
    expect(chooseCoordinator([...team].reverse(), new Map(), byRoster)).toBe('alice');
    expect(chooseCoordinator(team, new Map(), { steeringCouncil: noCouncil, exclude: ['ALICE'] })).toBe(
      'Barry',
    );
  });

  it('the load table is matched to logins regardless of case', () => {
    const team = [member('Alice'), member('bob')];
    expect(chooseCoordinator(team, loads({ alice: { openReports: 5 } }), byRoster)).toBe('bob');
  });

  it('the reporter, when a member, is not chosen to coordinate their own report', () => {
    expect(chooseCoordinator(roster, new Map(), { steeringCouncil: noCouncil, exclude: ['Encukou'] })).toBe(
      'gpshead',
    );
  });
});

describe('manual assignment', () => {
  it('a volunteer becomes coordinator from now, and the report shows activity', () => {
    const assigned = assignCoordinator(report(), 'ENCUKOU', roster, now).report;
    expect(assigned).toMatchObject({
      coordinator: 'encukou',
      coordinatorSince: now,
      updatedAt: now,
      lastActivityAt: now,
    });
  });

  it('a release manager may be assigned by hand', () => {
    expect(assignCoordinator(report(), 'hugovk', roster, now).report.coordinator).toBe('hugovk');
  });

  it('someone not on the member list cannot coordinate', () => {
    expect(() => assignCoordinator(report(), 'tiran', roster, now)).toThrow(CoordinatorError);
    expect(() => assignCoordinator(report(), 'stranger', roster, now)).toThrow(
      'stranger is not an active PSRT member',
    );
  });

  it('a finished report gets no new coordinator', () => {
    expect(() => assignCoordinator(report({ state: 'published' }), 'encukou', roster, now)).toThrow(
      /published/,
    );
  });

  it('assigning the current coordinator again changes nothing', () => {
    const current = report({ coordinator: 'encukou', coordinatorSince: received });
    expect(assignCoordinator(current, 'encukou', roster, now)).toEqual({ report: current, effects: [] });
  });

  it('a manual assignment cancels a pending handoff', () => {
    const pending = report({ coordinator: 'encukou', handoff: { to: 'gpshead', requestedAt: received } });
    expect(assignCoordinator(pending, 'warsaw', roster, now).report).toMatchObject({
      coordinator: 'warsaw',
      handoff: null,
    });
  });

  it('the original report is left untouched', () => {
    const original = report();
    assignCoordinator(original, 'encukou', roster, now);
    expect(original.coordinator).toBeNull();
  });
});

describe('handing off a report', () => {
  const coordinated = report({ coordinator: 'encukou', coordinatorSince: received });

  it('the old coordinator stays responsible until the successor accepts', () => {
    const requested = requestHandoff(coordinated, 'encukou', 'gpshead', roster, now);
    expect(requested).toMatchObject({
      coordinator: 'encukou',
      coordinatorSince: received,
      handoff: { to: 'gpshead', requestedAt: now },
      updatedAt: now,
      lastActivityAt: now,
    });
  });

  it('the GHSA coordinator credit moves to the successor on acceptance, and the change is said on the GHSA', () => {
    const onGhsa = { ...coordinated, ghsaId: 'GHSA-2x3v-4w5c-6f7g' };
    const requested = requestHandoff(onGhsa, 'encukou', 'gpshead', roster, now);
    const { effects } = acceptHandoff(requested, 'gpshead', later);
    expect(effects).toEqual([
      expect.objectContaining({ kind: 'ghsa.set-coordinator', coordinator: 'gpshead', previous: 'encukou' }),
      expect.objectContaining({
        kind: 'ghsa.comment',
        body: expect.stringContaining('@gpshead takes over from @encukou'),
      }),
    ]);
  });

  it('a report without a GHSA tells the team by mail who now coordinates it', () => {
    const { effects } = assignCoordinator({ ...coordinated, ghsaId: null }, 'gpshead', roster, now);
    expect(effects).toEqual([
      expect.objectContaining({ kind: 'mail.send', to: ['team'], purpose: 'coordinator' }),
    ]);
  });

  it('once the successor accepts, they coordinate from that moment', () => {
    const requested = requestHandoff(coordinated, 'encukou', 'gpshead', roster, now);
    expect(acceptHandoff(requested, 'GPSHEAD', later).report).toMatchObject({
      coordinator: 'gpshead',
      coordinatorSince: later,
      handoff: null,
      updatedAt: later,
      lastActivityAt: later,
    });
  });

  it('only the named successor can accept', () => {
    const requested = requestHandoff(coordinated, 'encukou', 'gpshead', roster, now);
    expect(() => acceptHandoff(requested, 'warsaw', later)).toThrow('only they can accept it');
    expect(() => acceptHandoff(requested, 'encukou', later)).toThrow(CoordinatorError);
  });

  it('when the successor declines, the old coordinator simply stays', () => {
    const requested = requestHandoff(coordinated, 'encukou', 'gpshead', roster, now);
    expect(declineHandoff(requested, 'gpshead', later)).toMatchObject({
      coordinator: 'encukou',
      coordinatorSince: received,
      handoff: null,
      updatedAt: later,
    });
  });

  it('the coordinator can withdraw the request', () => {
    const requested = requestHandoff(coordinated, 'encukou', 'gpshead', roster, now);
    expect(declineHandoff(requested, 'Encukou', later).handoff).toBeNull();
  });

  it('nobody else can decline for them', () => {
    const requested = requestHandoff(coordinated, 'encukou', 'gpshead', roster, now);
    expect(() => declineHandoff(requested, 'warsaw', later)).toThrow(CoordinatorError);
  });

  it('accepting or declining needs a pending handoff', () => {
    expect(() => acceptHandoff(coordinated, 'gpshead', later)).toThrow('No coordinator handoff is pending');
    expect(() => declineHandoff(coordinated, 'encukou', later)).toThrow('No coordinator handoff is pending');
  });

  it('only the current coordinator can hand off', () => {
    expect(() => requestHandoff(coordinated, 'warsaw', 'gpshead', roster, now)).toThrow(
      'Only the current coordinator can hand off the report, and warsaw is not it.',
    );
    expect(() => requestHandoff(report(), 'warsaw', 'gpshead', roster, now)).toThrow(CoordinatorError);
  });

  it('the successor must be an active member', () => {
    expect(() => requestHandoff(coordinated, 'encukou', 'tiran', roster, now)).toThrow(
      'tiran is not an active',
    );
  });

  it('a coordinator cannot hand off to themselves', () => {
    expect(() => requestHandoff(coordinated, 'encukou', 'ENCUKOU', roster, now)).toThrow(
      /name another member/,
    );
  });

  it('a release manager may be named as successor', () => {
    expect(requestHandoff(coordinated, 'encukou', 'hugovk', roster, now).handoff?.to).toBe('hugovk');
  });

  it('naming a different successor replaces the pending request', () => {
    const first = requestHandoff(coordinated, 'encukou', 'gpshead', roster, now);
    const second = requestHandoff(first, 'encukou', 'warsaw', roster, later);
    expect(second.handoff).toEqual({ to: 'warsaw', requestedAt: later });
  });

  it('refusals never repeat the report text', () => {
    const attempts = [
      () => requestHandoff(coordinated, 'warsaw', 'gpshead', roster, now),
      () => acceptHandoff(coordinated, 'gpshead', later),
      () => assignCoordinator(report({ state: 'rejected' }), 'encukou', roster, now),
    ];
    for (const attempt of attempts) {
      const message = (() => {
        try {
          attempt();
        } catch (error) {
          expect(error).toBeInstanceOf(CoordinatorError);
          return (error as Error).message;
        }
        throw new Error('expected a refusal');
      })();
      expect(message).not.toMatch(/Embargoed|PSRT-2026-0001|GHSA-|python\/cpython/);
    }
  });
});
