// Membership changes decided in psrt reach the PSRT's GitHub team (PEP 811's
// canonical list) through the effect runner, and only then does the roster
// record them: against the GitHub simulator, on both engines.
import { expect, it } from 'vitest';
import { botPrincipal } from '../../../src/app/context.ts';
import { UseCaseError } from '../../../src/app/errors.ts';
import {
  decideMembershipChange,
  leavePsrt,
  pendingMembershipChanges,
  setMemberRole,
} from '../../../src/app/membership.ts';
import { getRoster } from '../../../src/app/roster.ts';
import { listAudit } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from './world.ts';

forEachEngine('membership changes on the GitHub team', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const team = () => world.github().control.teamMembers({ org: 'python', slug: 'psrt' });
  const listed = async (list: 'member' | 'emeritus') =>
    (await getRoster(app.ctx(), list)).map((e) => e.login);

  it('a member who leaves is taken off the team first, then moved to the end of the emeritus list', async () => {
    const change = await leavePsrt(app.ctx(), await app.as('gpshead'));
    expect(change).toMatchObject({
      kind: 'leave',
      login: 'gpshead',
      name: 'Gregory P. Smith',
      status: 'pending',
    });
    // Decided, not applied: the team and the roster still have him.
    expect(team()).toContain('gpshead');
    expect(await listed('member')).toContain('gpshead');
    expect((await pendingMembershipChanges(app.ctx())).map((c) => c.login)).toEqual(['gpshead']);

    await world.settle();
    expect(team()).toEqual(['encukou', 'sethmlarson']);
    expect(await listed('member')).not.toContain('gpshead');
    expect((await listed('emeritus')).at(-1)).toBe('gpshead');
    expect(await pendingMembershipChanges(app.ctx())).toEqual([]);
    const roster = await listAudit(app.store().db, 'roster');
    expect(roster.map((e) => e.action).slice(-2)).toEqual(['membership.decided', 'membership.applied']);
  });

  it('a join waits for the team: without GitHub the roster does not change; once applied the newcomer is listed', async () => {
    await app.store().transaction((tx) =>
      decideMembershipChange(tx, app.ctx(), botPrincipal, {
        kind: 'join',
        login: 'zip-expert',
        name: 'Zip Expert',
        reason: 'nomination 1 passed: 5 of 6 votes cast in favour',
        source: { kind: 'nomination', id: 1 },
      }),
    );
    await world.settle(world.deps({ github: null }));
    expect(await listed('member')).not.toContain('zip-expert');

    await world.settle();
    // zip-expert is not in the organisation: GitHub invites them, and the roster records the join.
    const members = await getRoster(app.ctx(), 'member');
    expect(members.at(-1)).toMatchObject({ login: 'zip-expert', name: 'Zip Expert', roles: [] });
    const [applied] = (await listAudit(app.store().db, 'roster')).filter(
      (e) => e.action === 'membership.applied',
    );
    expect(applied?.change).toMatchObject({ kind: 'join', login: 'zip-expert', teamState: 'pending' });
  });

  it('a leave that would leave fewer than two admins is refused, counting the leaves still on their way', async () => {
    const ctx = app.ctx();
    for (const login of ['warsaw', 'ned-deily', 'StanFromIreland']) await leavePsrt(ctx, await app.as(login));
    const refused = await leavePsrt(ctx, await app.as('sethmlarson')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UseCaseError);
    expect((refused as UseCaseError).message).toBe(
      'This change would leave 1 admin (ewdurbin); the PSRT must always have at least 2. Designate another admin first.',
    );
  });

  it("the Council's designation of an admin is recorded with the decision it cites, by an admin only", async () => {
    const seth = await app.as('sethmlarson');
    const entry = await setMemberRole(app.ctx(), seth, {
      login: 'encukou',
      role: 'Admin',
      on: true,
      decision: 'Steering Council vote of 2026-03-09',
    });
    expect(entry.roles).toEqual(['Admin']);
    const [event] = (await listAudit(app.store().db, 'roster')).slice(-1);
    expect(event).toMatchObject({
      actor: 'sethmlarson',
      action: 'roster.role-given',
      change: { login: 'encukou', role: 'Admin', decision: 'Steering Council vote of 2026-03-09' },
    });
    await expect(
      setMemberRole(app.ctx(), await app.as('gpshead'), {
        login: 'gpshead',
        role: 'Admin',
        on: true,
        decision: 'none',
      }),
    ).rejects.toThrow(/Only PSRT admins/);
    await expect(
      setMemberRole(app.ctx(), seth, { login: 'gpshead', role: 'Admin', on: true, decision: ' ' }),
    ).rejects.toThrow('Say which Steering Council decision this records');
  });
});
