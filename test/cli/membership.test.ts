// Membership changes at the terminal with the real `psrt` command: a member
// leaves (on its way to the GitHub team), the changes list shows it pending,
// an admin records the Council's designation, and what is refused says why.
import { afterAll, describe, expect, it } from 'vitest';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);

describe('psrt roster leave, role and changes', () => {
  it('a member leaves, and the change waits for the GitHub team before the roster moves them', async () => {
    const left = await run('roster', 'leave', '--as', 'gpshead');
    expect(left.stdout).toBe(
      'Gregory P. Smith (@gpshead) leaves the PSRT: on its way to the GitHub team (change 1); the roster lists you as emeritus once the team has it.\n',
    );
    const changes = json<{ changes: { kind: string; login: string; status: string }[] }>(
      await run('roster', 'changes', '--as', 'sethmlarson', '--json'),
    );
    expect(changes.changes).toMatchObject([{ kind: 'leave', login: 'gpshead', status: 'pending' }]);
    const again = await run('roster', 'leave', '--as', 'gpshead');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('A change for gpshead (leave) is already on its way to the GitHub team');
  });

  it("an admin records the Council's designation; a decision must be named, and only admins may", async () => {
    const added = await run(
      'roster',
      'role',
      'add',
      'encukou',
      'admin',
      '--decision',
      'SC vote, 2026-12-01',
      '--as',
      'sethmlarson',
    );
    expect(added.stdout).toBe('Petr Viktorin (@encukou) is an admin (recorded: SC vote, 2026-12-01)\n');
    const blank = await run(
      'roster',
      'role',
      'remove',
      'encukou',
      'admin',
      '--decision',
      ' ',
      '--as',
      'sethmlarson',
    );
    expect([blank.code, blank.stderr]).toEqual([
      2,
      'psrt: --decision must say which decision this records.\n',
    ]);
    const notAdmin = await run(
      'roster',
      'role',
      'add',
      'hugovk',
      'Admin',
      '--decision',
      'none',
      '--as',
      'hugovk',
    );
    const unknown = await run(
      'roster',
      'role',
      'add',
      'hugovk',
      'boss',
      '--decision',
      'x',
      '--as',
      'sethmlarson',
    );
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'psrt: "boss" is not a role: one of admin, release-manager, steering-council, psf-staff.\n',
    ]);
    expect(notAdmin.code).not.toBe(0);
    expect(notAdmin.stderr).toContain('Only PSRT admins may do this (PEP 811)');
  });
});
