// Drift, as the domain computes it at a given time: who the team lacks and
// holds wrongly, invitations that still wait or have lapsed, venues compared
// without case, and one digest per distinct drift.
import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '../../src/domain/report.ts';
import {
  devguideFileDrift,
  driftDigest,
  type RosterDrift,
  teamDrift,
  venueDrift,
} from '../../src/domain/roster-drift.ts';

const member = (login: string, position: number): RosterEntry => ({
  list: 'member',
  position,
  name: login.toUpperCase(),
  login,
  roles: [],
});
const roster = [member('alice', 1), member('Bob', 2), member('carol', 3)];
const now = new Date('2026-12-05T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('the GitHub team against the member list', () => {
  it('logins match without case; an invitation waits seven days, then the member is planned for addition again', () => {
    const base = { team: 'python/psrt', roster, teamLogins: ['ALICE', 'mallory'], pending: [], now };
    const waiting = teamDrift({ ...base, invitations: [{ login: 'carol', at: daysAgo(6) }] });
    expect(waiting).toMatchObject({
      add: [{ login: 'Bob' }],
      remove: [{ login: 'mallory' }],
      invited: [{ login: 'carol', invitedAt: daysAgo(6) }],
    });
    const lapsed = teamDrift({ ...base, invitations: [{ login: 'carol', at: daysAgo(8) }] });
    expect(lapsed.add.map((p) => p.login)).toEqual(['Bob', 'carol']);
    expect(lapsed.invited).toEqual([]);
  });
});

describe('a venue against the member list', () => {
  it('addresses compare without case; a person whose change is on its way keeps their place', () => {
    const contacts = new Map([
      ['alice', 'Alice@Example.org'],
      ['bob', 'bob@example.org'],
      ['carol', 'carol@example.org'],
    ]);
    const drift = venueDrift({
      venue: 'mailing-list',
      roster,
      contacts,
      current: ['alice@example.org', 'gone@example.org'],
      basis: { kind: 'given' },
      pending: [{ login: 'carol', name: 'CAROL', kind: 'leave' }],
    });
    expect(drift.add).toEqual([{ value: 'bob@example.org', login: 'Bob' }]);
    expect(drift.remove).toEqual([{ value: 'gone@example.org', login: null }]);
    expect(drift.after).toEqual(['alice@example.org', 'bob@example.org']);
  });
});

describe('one digest per distinct drift', () => {
  it('the same differences seen at another time have the same digest; other differences another', () => {
    const venue = venueDrift({
      venue: 'discord',
      roster,
      contacts: new Map(),
      current: null,
      basis: { kind: 'unknown' },
      pending: [],
    });
    const drift = (at: Date, teamLogins: string[]): RosterDrift => ({
      at,
      team: teamDrift({ team: 'python/psrt', roster, teamLogins, invitations: [], pending: [], now: at }),
      mailingList: { ...venue, venue: 'mailing-list' },
      discord: venue,
      devguide: [devguideFileDrift('security/psrt.csv', 'a\n', 'a\n')],
    });
    const all = ['alice', 'bob', 'carol'];
    expect(driftDigest(drift(now, [...all, 'mallory']))).toBe(
      driftDigest(drift(daysAgo(1), [...all, 'mallory'])),
    );
    expect(driftDigest(drift(now, [...all, 'mallory']))).not.toBe(driftDigest(drift(now, [...all, 'eve'])));
  });
});
