// Nominations to the PSRT (PEP 811): any member nominates someone, the
// Steering Council is mailed, members vote for a week, the Council may veto,
// the nominator or an admin may withdraw. At the close the scheduler records
// the outcome once and, when it passed, decides the join (the team first,
// then the roster). Every action is audited.
import type { Effect } from '../domain/effects.ts';
import { DomainError } from '../domain/errors.ts';
import { githubLoginPattern } from '../domain/identifiers.ts';
import { nominationOpenedMail, nominationOutcomeMail } from '../domain/nomination-notices.ts';
import {
  checkNominationInput,
  checkStillOpen,
  checkVote,
  closesAtFor,
  NominationError,
  type NominationRecord,
  nominationOutcome,
} from '../domain/nominations.ts';
import type { Principal } from '../domain/report.ts';
import { activeMembers, findMember, sameLogin } from '../domain/roster.ts';
import type { GitHubClient } from '../github/index.ts';
import {
  appendAudit,
  dueNominations,
  enqueueEffects,
  getNominationForUpdate,
  insertNomination,
  insertNominationVote,
  listNominationVotes,
  listRoster,
  openNominationOf,
  recordNominationOutcome,
  recordNominationVeto,
  recordNominationWithdrawal,
  type Tx,
} from '../store/index.ts';
import { authorize, isAllowed, personActing } from './authorize.ts';
import { type AppContext, actorName, botPrincipal, steeringCouncilOf } from './context.ts';
import { isUniqueViolation, loggableError, UseCaseError } from './errors.ts';
import { decideMembershipChange } from './membership.ts';
import { nomineeEligibility } from './nomination-eligibility.ts';
import { refusing, toOutbox } from './report-change.ts';

export interface OpenNominationInput {
  login: string;
  name: string;
  why: string;
}

const audit = (tx: Tx, actor: Principal, action: string, id: number, at: Date, change: object) =>
  appendAudit(tx, { actor: actorName(actor), action, subject: `nomination:${id}`, at, change });

/** The nomination, locked; "not found" when there is none. */
async function lockedNomination(tx: Tx, id: number): Promise<NominationRecord> {
  const nomination = await getNominationForUpdate(tx, id);
  if (!nomination) throw new UseCaseError('not-found', `There is no nomination ${id}.`);
  return nomination;
}

/** Whether the actor sits on the Steering Council (config `steeringCouncil`). */
export const onSteeringCouncil = (ctx: AppContext, actor: Principal): boolean =>
  actor.kind === 'user' && steeringCouncilOf(ctx).some((login) => sameLogin(login, actor.login));

/**
 * A member nominates someone who is not a member and has no open nomination.
 * Eligibility is looked up on GitHub (through the App, when configured) and
 * shown, never refused; the Steering Council is mailed so it may veto.
 */
export async function openNomination(
  ctx: AppContext,
  actor: Principal,
  input: OpenNominationInput,
  github: GitHubClient | null = null,
): Promise<NominationRecord> {
  authorize(actor, 'nomination.open');
  const login = input.login.trim().replace(/^@/, '');
  if (!githubLoginPattern.test(login))
    throw new UseCaseError('invalid', 'Give the nominee as a GitHub login (letters, digits and hyphens).');
  const { name, why } = asRefusal(() => checkNominationInput({ login, name: input.name, why: input.why }));
  const before = ctx.store.db;
  if (findMember(await listRoster(before), login))
    throw new UseCaseError('refused', `${login} is already a PSRT member.`);
  if (await openNominationOf(before, login))
    throw new UseCaseError('conflict', `${login} already has an open nomination: vote on that one.`);
  const eligibility = await nomineeEligibility(ctx, github, login);
  try {
    return await refusing(() =>
      ctx.store.transaction(async (tx) => {
        const now = ctx.now();
        const nomination = await insertNomination(tx, {
          login,
          name,
          why,
          nominatedBy: personActing(actor),
          openedAt: now,
          closesAt: closesAtFor(now),
          eligibility,
        });
        await enqueueEffects(tx, toOutbox([nominationOpenedMail(nomination)]), now);
        await audit(tx, actor, 'nomination.opened', nomination.id, now, {
          login,
          name,
          closesAt: nomination.closesAt.toISOString(),
          eligibility,
        });
        return nomination;
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UseCaseError('conflict', `${login} already has an open nomination: vote on that one.`);
    throw error;
  }
}

/** A member votes, or changes their vote, until the week ends: the latest counts. */
export async function voteOnNomination(
  ctx: AppContext,
  actor: Principal,
  id: number,
  inFavour: boolean,
): Promise<NominationRecord> {
  authorize(actor, 'nomination.vote');
  const voter = personActing(actor);
  return refusing(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const nomination = await lockedNomination(tx, id);
      checkVote(
        nomination,
        nomination.veto,
        { login: voter, member: actor.kind === 'user' && actor.member },
        now,
      );
      const before = (await listNominationVotes(tx, [id])).get(id) ?? [];
      const changed = before.some((vote) => sameLogin(vote.voter, voter));
      await insertNominationVote(tx, id, { voter, inFavour, at: now });
      await audit(tx, actor, changed ? 'nomination.vote-changed' : 'nomination.voted', id, now, { inFavour });
      return nomination;
    }),
  );
}

/** Records the outcome of an ended nomination (a veto, a withdrawal) at once, and tells the team. */
async function endNomination(tx: Tx, nomination: NominationRecord, now: Date): Promise<NominationRecord> {
  const votes = (await listNominationVotes(tx, [nomination.id])).get(nomination.id) ?? [];
  const outcome = nominationOutcome(nomination, votes, nomination.veto, now);
  if (outcome.status === 'open') throw new Error('an ended nomination computed as open');
  await recordNominationOutcome(tx, nomination.id, {
    ...outcome,
    status: outcome.status,
    closedAt: now,
    membershipChangeId: null,
  });
  await enqueueEffects(tx, toOutbox([nominationOutcomeMail(nomination, outcome)]), now);
  return {
    ...nomination,
    status: outcome.status,
    closed: { at: now, rule: outcome.rule, inFavour: outcome.inFavour, against: outcome.against },
  };
}

/** The nominator, or an admin, withdraws a nomination during its week. */
export async function withdrawNomination(
  ctx: AppContext,
  actor: Principal,
  id: number,
): Promise<NominationRecord> {
  const by = personActing(actor);
  return refusing(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const nomination = await lockedNomination(tx, id);
      if (!sameLogin(nomination.nominatedBy, by) && !isAllowed(actor, 'nomination.manage'))
        throw new UseCaseError('forbidden', 'Only the nominator or a PSRT admin may withdraw a nomination.');
      checkStillOpen(nomination, nomination.veto, now, 'withdraw');
      const withdrawn = { by, at: now };
      await recordNominationWithdrawal(tx, id, withdrawn);
      await audit(tx, actor, 'nomination.withdrawn', id, now, { login: nomination.login });
      return endNomination(tx, { ...nomination, withdrawn }, now);
    }),
  );
}

/**
 * The Steering Council's veto, inside the week: recorded by an admin citing
 * the Council's decision, or by a signed-in Council member directly.
 */
export async function vetoNomination(
  ctx: AppContext,
  actor: Principal,
  id: number,
  decisionText: string,
): Promise<NominationRecord> {
  if (!onSteeringCouncil(ctx, actor)) authorize(actor, 'nomination.manage');
  const by = personActing(actor);
  const decision = decisionText.trim();
  if (decision === '')
    throw new UseCaseError(
      'invalid',
      "Cite the Steering Council's decision (a vote, a message, its date or link) with the veto.",
    );
  if (decision.length > 1000) throw new UseCaseError('invalid', 'Keep the decision to 1,000 characters.');
  return refusing(() =>
    ctx.store.transaction(async (tx) => {
      const now = ctx.now();
      const nomination = await lockedNomination(tx, id);
      checkStillOpen(nomination, nomination.veto, now, 'veto');
      const veto = { by, at: now, decision };
      await recordNominationVeto(tx, id, veto);
      await audit(tx, actor, 'nomination.vetoed', id, now, { login: nomination.login, decision });
      return endNomination(tx, { ...nomination, veto }, now);
    }),
  );
}

export interface ClosedNomination {
  id: number;
  status: string;
  rule: string;
}

/**
 * Records the outcome of every nomination whose week is over, once (called by
 * the scheduler's tick). A passed one decides the join in the same transaction.
 */
export async function closeDueNominations(ctx: AppContext): Promise<ClosedNomination[]> {
  const closed: ClosedNomination[] = [];
  for (const due of await dueNominations(ctx.store.db, ctx.now())) {
    try {
      const result = await ctx.store.transaction((tx) => closeNomination(tx, ctx, due.id));
      if (result) closed.push(result);
    } catch (error) {
      ctx.log.warn({ nomination: due.id, err: loggableError(error) }, 'could not close nomination');
    }
  }
  return closed;
}

async function closeNomination(tx: Tx, ctx: AppContext, id: number): Promise<ClosedNomination | null> {
  const now = ctx.now();
  const nomination = await getNominationForUpdate(tx, id);
  if (nomination?.status !== 'open' || now < nomination.closesAt) return null;
  const votes = (await listNominationVotes(tx, [id])).get(id) ?? [];
  const members = activeMembers(await listRoster(tx)).map((member) => member.login);
  const outcome = nominationOutcome(nomination, votes, nomination.veto, now, members);
  if (outcome.status === 'open') return null;
  let rule = outcome.rule;
  let membershipChangeId: number | null = null;
  if (outcome.status === 'passed') {
    try {
      const change = await decideMembershipChange(tx, ctx, botPrincipal, {
        kind: 'join',
        login: nomination.login,
        name: nomination.name,
        reason: `nomination ${id} ${outcome.rule}`,
        source: { kind: 'nomination', id },
      });
      membershipChangeId = change.id;
    } catch (error) {
      // Checked before anything is written (joined meanwhile, a change pending): the outcome stands.
      if (!(error instanceof DomainError)) throw error;
      rule = `${rule}; the team was not changed: ${error.message}`;
    }
  }
  await recordNominationOutcome(tx, id, {
    ...outcome,
    status: outcome.status,
    rule,
    closedAt: now,
    membershipChangeId,
  });
  const mail: Effect = nominationOutcomeMail(nomination, { ...outcome, rule });
  await enqueueEffects(tx, toOutbox([mail]), now);
  await audit(tx, botPrincipal, 'nomination.closed', id, now, {
    login: nomination.login,
    status: outcome.status,
    rule,
    inFavour: outcome.inFavour,
    against: outcome.against,
    membershipChange: membershipChangeId,
  });
  return { id, status: outcome.status, rule };
}

/** Runs a domain check, turning its refusal into the use-case error every interface shows. */
function asRefusal<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof NominationError) throw new UseCaseError('invalid', error.message);
    throw error;
  }
}
