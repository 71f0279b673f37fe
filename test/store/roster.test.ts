import { expect, it } from 'vitest';
import type { RosterEntry } from '../../src/domain/report.ts';
import { listRoster, replaceRosterList } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';

const members: RosterEntry[] = [
  { list: 'member', position: 1, name: 'Seth Larson', login: 'sethmlarson', roles: ['Admin', 'PSF Staff'] },
  { list: 'member', position: 2, name: 'Hugo van Kemenade', login: 'hugovk', roles: ['Release Manager'] },
  { list: 'member', position: 3, name: 'Someone', login: 'someone', roles: [] },
];
const emeritus: RosterEntry[] = [
  { list: 'emeritus', position: 1, name: 'Former Member', login: null, roles: [] },
  { list: 'emeritus', position: 2, name: 'Another Former', login: null, roles: [] },
  { list: 'emeritus', position: 3, name: 'Seth Larson', login: 'sethmlarson', roles: [] },
];

forEachEngine('roster', ({ store }) => {
  it('each list reads back in its own order, and replacing one list leaves the other', async () => {
    await store().transaction(async (tx) => {
      await replaceRosterList(tx, 'member', members);
      await replaceRosterList(tx, 'emeritus', emeritus);
    });
    expect(await listRoster(store().db, 'member')).toStrictEqual(members);
    expect(await listRoster(store().db)).toStrictEqual([...emeritus, ...members]);
    const shorter = members.slice(0, 2);
    await store().transaction((tx) => replaceRosterList(tx, 'member', shorter));
    expect(await listRoster(store().db)).toStrictEqual([...emeritus, ...shorter]);
  });

  it('a login appears at most once per list, whatever its case', async () => {
    const twice: RosterEntry[] = [
      ...members,
      { list: 'member', position: 4, name: 'Dup', login: 'HugoVK', roles: [] },
    ];
    await expect(store().transaction((tx) => replaceRosterList(tx, 'member', twice))).rejects.toThrow();
    expect(await listRoster(store().db)).toEqual([]);
  });

  it('an entry for the other list is refused', async () => {
    await expect(store().transaction((tx) => replaceRosterList(tx, 'member', emeritus))).rejects.toThrow(
      /Former Member/,
    );
  });
});
