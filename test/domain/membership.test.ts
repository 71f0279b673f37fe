// The rules of membership changes (PEP 811): who can join or leave, the list
// order the devguide keeps, one change on its way per person, and the two
// admins the team always keeps, counting the changes not yet applied.
import { describe, expect, it } from 'vitest';
import {
  applyMembershipChange,
  checkMembershipDecision,
  type MembershipDecision,
  rosterAfterPending,
  setRosterRole,
} from '../../src/domain/membership.ts';
import type { RosterEntry } from '../../src/domain/report.ts';
import { admins } from '../../src/domain/roster.ts';

const roster: RosterEntry[] = [
  { list: 'member', position: 1, name: 'Barry Warsaw', login: 'warsaw', roles: ['Admin'] },
  { list: 'member', position: 2, name: 'Ee Durbin', login: 'ewdurbin', roles: ['Admin'] },
  { list: 'member', position: 3, name: 'Seth Larson', login: 'sethmlarson', roles: ['Admin'] },
  { list: 'member', position: 4, name: 'Petr Viktorin', login: 'encukou', roles: [] },
  { list: 'emeritus', position: 1, name: 'Christian Heimes', login: 'tiran', roles: [] },
  { list: 'emeritus', position: 2, name: 'Jesse Noller', login: null, roles: [] },
];

const leave = (login: string): MembershipDecision => ({
  kind: 'leave',
  login,
  reason: 'left the PSRT',
  source: { kind: 'own-choice' },
});
const join = (login: string, name: string): MembershipDecision => ({
  kind: 'join',
  login,
  name,
  reason: 'nomination 1 passed',
  source: { kind: 'nomination', id: 1 },
});

describe('membership changes', () => {
  it('someone who joins goes to the end of the member list, with no roles', () => {
    const after = applyMembershipChange(roster, { kind: 'join', login: 'hugovk', name: 'Hugo van Kemenade' });
    const members = after.filter((e) => e.list === 'member');
    expect(members.at(-1)).toEqual({
      list: 'member',
      position: 5,
      name: 'Hugo van Kemenade',
      login: 'hugovk',
      roles: [],
    });
  });

  it('a former member who rejoins comes off the emeritus list, as the devguide did for Kushal Das', () => {
    const after = applyMembershipChange(roster, { kind: 'join', login: 'Tiran', name: 'Christian Heimes' });
    expect(after.filter((e) => e.list === 'emeritus')).toEqual([
      { list: 'emeritus', position: 1, name: 'Jesse Noller', login: null, roles: [] },
    ]);
    expect(after.some((e) => e.list === 'member' && e.login === 'Tiran')).toBe(true);
  });

  it('a member who leaves goes to the end of the emeritus list, and an admin leaves the designation behind', () => {
    const after = applyMembershipChange(roster, { kind: 'leave', login: 'sethmlarson', name: 'Seth Larson' });
    expect(after.filter((e) => e.list === 'emeritus').at(-1)).toEqual({
      list: 'emeritus',
      position: 3,
      name: 'Seth Larson',
      login: 'sethmlarson',
      roles: [],
    });
    expect(after.filter((e) => e.list === 'member').map((e) => e.position)).toEqual([1, 2, 3]);
  });

  it('a join needs a name and a non-member; a leave needs a member', () => {
    expect(() => checkMembershipDecision(roster, [], join('encukou', 'Petr Viktorin'))).toThrow(
      'encukou is already a PSRT member.',
    );
    expect(() => checkMembershipDecision(roster, [], join('hugovk', '  '))).toThrow(
      'Give the name hugovk is to be listed under.',
    );
    expect(() => checkMembershipDecision(roster, [], leave('tiran'))).toThrow('tiran is not a PSRT member.');
    expect(checkMembershipDecision(roster, [], join('hugovk', ' Hugo van Kemenade '))).toBe(
      'Hugo van Kemenade',
    );
    expect(checkMembershipDecision(roster, [], leave('ENCUKOU'))).toBe('Petr Viktorin');
  });

  it('one change per person is on its way at a time', () => {
    const pending = [{ kind: 'join' as const, login: 'hugovk', name: 'Hugo van Kemenade' }];
    expect(() => checkMembershipDecision(roster, pending, leave('HugoVK'))).toThrow(
      'A change for HugoVK (join) is already on its way to the GitHub team; wait until it is applied.',
    );
  });

  it('a leave that would leave fewer than two admins is refused, counting the leaves still pending', () => {
    const pending = [{ kind: 'leave' as const, login: 'warsaw', name: 'Barry Warsaw' }];
    expect(admins(rosterAfterPending(roster, pending)).map((e) => e.login)).toEqual([
      'ewdurbin',
      'sethmlarson',
    ]);
    expect(() => checkMembershipDecision(roster, pending, leave('sethmlarson'))).toThrow(
      'This change would leave 1 admin (ewdurbin); the PSRT must always have at least 2. Designate another admin first.',
    );
    expect(checkMembershipDecision(roster, [], leave('sethmlarson'))).toBe('Seth Larson');
  });

  it('the Council designates an admin, or ends a designation while two admins remain', () => {
    const more = setRosterRole(roster, [], 'encukou', 'Admin', true);
    expect(admins(more).map((e) => e.login)).toEqual(['warsaw', 'ewdurbin', 'sethmlarson', 'encukou']);
    expect(() => setRosterRole(roster, [], 'warsaw', 'Admin', true)).toThrow('warsaw is already an admin.');
    expect(() => setRosterRole(roster, [], 'encukou', 'Admin', false)).toThrow('encukou is not an admin.');
    expect(() => setRosterRole(roster, [], 'tiran', 'Admin', true)).toThrow(
      'tiran is not a PSRT member: roles are for members.',
    );
    const two = setRosterRole(roster, [], 'warsaw', 'Admin', false);
    expect(() => setRosterRole(two, [], 'ewdurbin', 'Admin', false)).toThrow(/leave 1 admin \(sethmlarson\)/);
    // A designation cannot end while another admin's leave is on its way and would leave one.
    const pending = [{ kind: 'leave' as const, login: 'warsaw', name: 'Barry Warsaw' }];
    expect(() => setRosterRole(roster, pending, 'ewdurbin', 'Admin', false)).toThrow(/at least 2/);
    expect(() => setRosterRole(roster, pending, 'encukou', 'Admin', true)).not.toThrow();
  });

  it('roles are kept in the devguide order, whatever order they were given in', () => {
    const manager = setRosterRole(roster, [], 'sethmlarson', 'Release Manager', true);
    expect(manager.find((e) => e.login === 'sethmlarson')?.roles).toEqual(['Admin', 'Release Manager']);
    const staff = setRosterRole(roster, [], 'encukou', 'PSF Staff', true);
    const both = setRosterRole(staff, [], 'encukou', 'Admin', true);
    expect(both.find((e) => e.login === 'encukou')?.roles).toEqual(['Admin', 'PSF Staff']);
    const pending = [{ kind: 'leave' as const, login: 'encukou', name: 'Petr Viktorin' }];
    expect(() => setRosterRole(roster, pending, 'encukou', 'Release Manager', true)).toThrow(
      'encukou is leaving the PSRT: they cannot be made a release manager.',
    );
  });
});
