// Use-cases that change who is on the PSRT (PEP 811). A join, a leave or a
// removal is decided here (checked, pending, audited) and applied by the
// effect runner to the GitHub team, the canonical list; only then does the
// roster record it (recordTeamChange). Roles (admins as the Council
// designates them, release managers, …) live in psrt alone, recorded at once
// with the decision they cite.
import {
  applyMembershipChange,
  checkMembershipDecision,
  type MembershipChange,
  type MembershipDecision,
  setRosterRole,
} from '../domain/membership.ts';
import type { Principal, RosterEntry, RosterRole } from '../domain/report.ts';
import { findMember, RosterError } from '../domain/roster.ts';
import {
  appendAudit,
  enqueueEffects,
  getMembershipChangeForUpdate,
  insertMembershipChange,
  listMembershipChanges,
  listPendingMembershipChanges,
  listRoster,
  lockRoster,
  markMembershipChangeApplied,
  replaceRosterList,
  type Tx,
} from '../store/index.ts';
import { authorize } from './authorize.ts';
import { type AppContext, actorName, psrtTeamOf } from './context.ts';
import { runnerPrincipal } from './effects/principal.ts';
import { UseCaseError } from './errors.ts';
import { refusing, toOutbox } from './report-change.ts';

/** The effect key of a change's team update: one per change, so it is applied once. */
export const teamEffectKey = (change: Pick<MembershipChange, 'id'>): string => `membership:${change.id}:team`;

/**
 * Decides a membership change inside the caller's transaction (a nomination's
 * outcome, a Council removal): checked against the roster and the changes
 * still pending (one per person, two admins), stored pending, audited, and
 * handed to the effect runner to apply to the GitHub team.
 */
export async function decideMembershipChange(
  tx: Tx,
  ctx: AppContext,
  actor: Principal,
  decision: MembershipDecision,
): Promise<MembershipChange> {
  const now = ctx.now();
  await lockRoster(tx);
  const roster = await listRoster(tx);
  const pending = await listPendingMembershipChanges(tx);
  const name = checkMembershipDecision(roster, pending, decision);
  const change = await insertMembershipChange(tx, {
    ...decision,
    name,
    decidedBy: actorName(actor),
    decidedAt: now,
  });
  const { org, team } = psrtTeamOf(ctx);
  await enqueueEffects(
    tx,
    toOutbox([
      {
        kind: decision.kind === 'join' ? 'team.add-member' : 'team.remove-member',
        key: teamEffectKey(change),
        change: change.id,
        org,
        team,
        login: change.login,
      },
    ]),
    now,
  );
  await appendAudit(tx, {
    actor: actorName(actor),
    action: 'membership.decided',
    subject: 'roster',
    at: now,
    change: {
      id: change.id,
      kind: change.kind,
      login: change.login,
      name: change.name,
      reason: change.reason,
      source: change.source,
      team: `${org}/${team}`,
    },
  });
  return change;
}

/** A member leaves the PSRT, at any time (PEP 811): to emeritus, once the team has them off. */
export async function leavePsrt(ctx: AppContext, actor: Principal): Promise<MembershipChange> {
  if (actor.kind !== 'user' || !actor.member)
    throw new UseCaseError('forbidden', 'Only a PSRT member can leave the PSRT.');
  return refusing(() =>
    ctx.store.transaction((tx) =>
      decideMembershipChange(tx, ctx, actor, {
        kind: 'leave',
        login: actor.login,
        reason: 'left the PSRT',
        source: { kind: 'own-choice' },
      }),
    ),
  );
}

/**
 * Gives or takes a role psrt keeps beside the team, citing the decision it
 * records (for Admin, the Steering Council's: PEP 811). Admins only; two
 * admins always.
 */
export async function setMemberRole(
  ctx: AppContext,
  actor: Principal,
  input: { login: string; role: RosterRole; on: boolean; decision: string },
): Promise<RosterEntry> {
  authorize(actor, 'roster.manage');
  const decision = input.decision.trim();
  if (decision === '')
    throw new UseCaseError(
      'invalid',
      input.role === 'Admin'
        ? 'Say which Steering Council decision this records (a vote, a message, its date or link).'
        : 'Say what this records (a decision, a message, its date or link).',
    );
  return refusing(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      await lockRoster(tx);
      const roster = await listRoster(tx);
      const pending = await listPendingMembershipChanges(tx);
      const after = setRosterRole(roster, pending, input.login, input.role, input.on);
      await replaceRosterList(
        tx,
        'member',
        after.filter((entry) => entry.list === 'member'),
      );
      const entry = findMember(after, input.login) as RosterEntry;
      await appendAudit(tx, {
        actor: actorName(actor),
        action: input.on ? 'roster.role-given' : 'roster.role-taken',
        subject: 'roster',
        at: now,
        change: { login: entry.login, name: entry.name, role: input.role, decision },
      });
      return entry;
    }),
  );
}

/**
 * The team has the change (GitHub answered): the roster records it, in the
 * effect's own transaction. A change already applied, or one the roster
 * already shows (an import meanwhile), is only marked applied.
 */
export async function recordTeamChange(
  tx: Tx,
  changeId: number,
  teamState: string | null,
  now: Date,
): Promise<void> {
  await lockRoster(tx);
  const change = await getMembershipChangeForUpdate(tx, changeId);
  if (change?.status !== 'pending') return;
  const roster = await listRoster(tx);
  const isMember = findMember(roster, change.login) !== undefined;
  const alreadyShown = change.kind === 'join' ? isMember : !isMember;
  if (!alreadyShown) {
    let after: RosterEntry[];
    try {
      after = applyMembershipChange(roster, change);
    } catch (error) {
      // The team changed, but the roster cannot follow (an import left too few admins since):
      // the change stays pending, visible, and roster drift shows the difference.
      if (error instanceof RosterError) throw new UseCaseError('refused', error.message);
      throw error;
    }
    await replaceRosterList(
      tx,
      'member',
      after.filter((entry) => entry.list === 'member'),
    );
    await replaceRosterList(
      tx,
      'emeritus',
      after.filter((entry) => entry.list === 'emeritus'),
    );
  }
  await markMembershipChangeApplied(tx, change.id, now, teamState);
  await appendAudit(tx, {
    actor: actorName(runnerPrincipal),
    action: 'membership.applied',
    subject: 'roster',
    at: now,
    change: { id: change.id, kind: change.kind, login: change.login, teamState },
  });
}

/** Changes still on their way to the team, oldest first. */
export function pendingMembershipChanges(ctx: AppContext): Promise<MembershipChange[]> {
  return listPendingMembershipChanges(ctx.store.db);
}

/** The latest membership changes, newest first: members see them (who leaves, who joins). */
export async function membershipHistory(
  ctx: AppContext,
  actor: Principal,
  limit = 50,
): Promise<MembershipChange[]> {
  authorize(actor, 'roster.activity');
  return listMembershipChanges(ctx.store.db, limit);
}
