import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import type { RosterEntry, RosterRole } from '../../src/domain/report.ts';
import {
  activeMembers,
  admins,
  checkTwoAdmins,
  findMember,
  MIN_ADMINS,
  moveToEmeritus,
  RosterError,
} from '../../src/domain/roster.ts';

const member = (position: number, login: string, ...roles: RosterRole[]): RosterEntry => ({
  list: 'member',
  position,
  name: login.toUpperCase(),
  login,
  roles,
});
const emeritus = (position: number, login: string | null, ...roles: RosterRole[]): RosterEntry => ({
  list: 'emeritus',
  position,
  name: `Emeritus ${position}`,
  login,
  roles,
});

const roster: RosterEntry[] = [
  member(1, 'warsaw', 'Admin'),
  member(2, 'ewdurbin', 'Admin'),
  member(3, 'hugovk', 'Release Manager'),
  member(4, 'kushaldas'),
  emeritus(1, null, 'Release Manager'),
  emeritus(2, 'kushaldas'),
  emeritus(3, 'tiran'),
];

describe('who is on the team', () => {
  it('only the member list counts as active members', () => {
    expect(activeMembers(roster).map((e) => e.login)).toEqual(['warsaw', 'ewdurbin', 'hugovk', 'kushaldas']);
  });

  it('a member is found whatever the case of their login', () => {
    expect(findMember(roster, 'WARSAW')?.login).toBe('warsaw');
  });

  it('an emeritus member is not an active member', () => {
    expect(findMember(roster, 'tiran')).toBeUndefined();
  });

  it('admins are active members with the Admin role', () => {
    const withEmeritusAdmin = [...roster, emeritus(4, 'old-admin', 'Admin')];
    expect(admins(withEmeritusAdmin).map((e) => e.login)).toEqual(['warsaw', 'ewdurbin']);
  });
});

describe('the PSRT always keeps at least two admins', () => {
  it('the minimum is two', () => {
    expect(MIN_ADMINS).toBe(2);
  });

  it('removing one of two admins is refused, naming the one who would be left', () => {
    const after = roster.map((e) => (e.login === 'ewdurbin' ? { ...e, roles: [] } : e));
    expect(() => checkTwoAdmins(roster, after)).toThrow(RosterError);
    expect(() => checkTwoAdmins(roster, after)).toThrow(
      'This change would leave 1 admin (warsaw); the PSRT must always have at least 2. Designate another admin first.',
    );
  });

  it('the refusal is a domain refusal, shown to the admin as it is', () => {
    const after = roster.filter((e) => e.login !== 'warsaw');
    expect(() => checkTwoAdmins(roster, after)).toThrow(DomainError);
  });

  it('removing both admins at once is refused', () => {
    const after = roster.filter((e) => !e.roles.includes('Admin'));
    expect(() => checkTwoAdmins(roster, after)).toThrow('This change would leave no admin;');
  });

  it('with a third admin designated, one may step down', () => {
    const three = roster.map((e) =>
      e.login === 'kushaldas' && e.list === 'member' ? { ...e, roles: ['Admin' as const] } : e,
    );
    const after = three.map((e) => (e.login === 'warsaw' ? { ...e, roles: [] } : e));
    expect(() => checkTwoAdmins(three, after)).not.toThrow();
  });

  it('a roster that is already short can still be repaired one step at a time', () => {
    const short = [member(1, 'warsaw', 'Admin'), member(2, 'hugovk')];
    expect(() => checkTwoAdmins([], short)).not.toThrow();
    expect(() => checkTwoAdmins(short, [...short, member(3, 'newcomer')])).not.toThrow();
    expect(() => checkTwoAdmins(short, [member(2, 'hugovk')])).toThrow(/leave no admin/);
  });
});

describe('moving a member to emeritus', () => {
  it('takes them off the member list and appends them to the emeritus list', () => {
    const after = moveToEmeritus(roster, 'HugoVK');
    expect(activeMembers(after).map((e) => [e.login, e.position])).toEqual([
      ['warsaw', 1],
      ['ewdurbin', 2],
      ['kushaldas', 3],
    ]);
    expect(after.filter((e) => e.list === 'emeritus').at(-1)).toEqual({
      list: 'emeritus',
      position: 4,
      name: 'HUGOVK',
      login: 'hugovk',
      roles: ['Release Manager'],
    });
  });

  it('someone already on the emeritus list (who had rejoined) is not listed twice', () => {
    const after = moveToEmeritus(roster, 'kushaldas');
    expect(after.filter((e) => e.login === 'kushaldas')).toEqual([emeritus(2, 'kushaldas')]);
  });

  it('an admin who leaves does not stay an admin on the emeritus list', () => {
    const three = [...roster.filter((e) => e.list === 'member'), member(5, 'sethmlarson', 'Admin')];
    const after = moveToEmeritus(three, 'warsaw');
    expect(after.find((e) => e.login === 'warsaw')).toMatchObject({ list: 'emeritus', roles: [] });
  });

  it('refuses to move one of the last two admins', () => {
    expect(() => moveToEmeritus(roster, 'warsaw')).toThrow(/would leave 1 admin \(ewdurbin\)/);
  });

  it('refuses someone who is not an active member', () => {
    expect(() => moveToEmeritus(roster, 'tiran')).toThrow('tiran is not on the PSRT member list');
  });

  it('leaves the roster it was given untouched', () => {
    const copy = structuredClone(roster);
    moveToEmeritus(roster, 'hugovk');
    expect(roster).toEqual(copy);
  });
});
