// What a nomination shows, to whom: members see every nomination with its
// votes (who voted how); a Steering Council member who is not a member sees
// the nominations (to veto) but not the votes; nobody else sees any of it.
import {
  countedVotes,
  isWindowOpen,
  type NominationOutcome,
  type NominationRecord,
  type NominationVote,
  nominationOutcome,
} from '../domain/nominations.ts';
import type { Principal } from '../domain/report.ts';
import { activeMembers, sameLogin } from '../domain/roster.ts';
import { getNomination, listNominations, listNominationVotes, listRoster } from '../store/index.ts';
import { isAllowed } from './authorize.ts';
import type { AppContext } from './context.ts';
import { UseCaseError } from './errors.ts';
import { onSteeringCouncil } from './nominations.ts';

export interface NominationView {
  nomination: NominationRecord;
  outcome: NominationOutcome;
  /** Each member's vote that counts, latest first; null for someone who may not see votes. */
  votes: NominationVote[] | null;
  /** The asker's own vote: true in favour, false against, null none. */
  yourVote: boolean | null;
  may: { vote: boolean; veto: boolean; withdraw: boolean };
}

/** Who may see nominations, and whether their votes: refused for everyone else. */
function sightOf(ctx: AppContext, actor: Principal): { votes: boolean } {
  if (actor.kind === 'user' && actor.member) return { votes: true };
  if (onSteeringCouncil(ctx, actor)) return { votes: false };
  throw new UseCaseError(
    'forbidden',
    'Only PSRT members and the Steering Council see nominations (PEP 811); they are not public.',
  );
}

function viewOf(
  ctx: AppContext,
  actor: Principal,
  nomination: NominationRecord,
  votes: readonly NominationVote[],
  members: readonly (string | null)[],
  seesVotes: boolean,
): NominationView {
  const now = ctx.now();
  const computed = nominationOutcome(nomination, votes, nomination.veto, now, members);
  // Once recorded, the outcome is what was decided then (the roster may have changed since).
  const outcome =
    nomination.status !== 'open' && nomination.closed
      ? {
          ...computed,
          status: nomination.status,
          rule: nomination.closed.rule,
          inFavour: nomination.closed.inFavour,
          against: nomination.closed.against,
        }
      : computed;
  const counted = countedVotes(nomination, votes).sort((a, b) => b.at.getTime() - a.at.getTime());
  const login = actor.kind === 'user' ? actor.login : null;
  const own = counted.find((vote) => sameLogin(vote.voter, login));
  const open = nomination.status === 'open' && isWindowOpen(nomination, now) && nomination.veto === null;
  return {
    nomination,
    outcome,
    votes: seesVotes ? counted : null,
    yourVote: seesVotes && own ? own.inFavour : null,
    may: {
      vote: open && isAllowed(actor, 'nomination.vote'),
      veto: open && (onSteeringCouncil(ctx, actor) || isAllowed(actor, 'nomination.manage')),
      withdraw: open && (sameLogin(login, nomination.nominatedBy) || isAllowed(actor, 'nomination.manage')),
    },
  };
}

async function memberLogins(ctx: AppContext): Promise<(string | null)[]> {
  return activeMembers(await listRoster(ctx.store.db)).map((member) => member.login);
}

/** Every nomination, newest first, each with its outcome at this moment. */
export async function nominationsAs(ctx: AppContext, actor: Principal): Promise<NominationView[]> {
  const sight = sightOf(ctx, actor);
  const nominations = await listNominations(ctx.store.db);
  const votes = await listNominationVotes(
    ctx.store.db,
    nominations.map((n) => n.id),
  );
  const members = await memberLogins(ctx);
  return nominations.map((n) => viewOf(ctx, actor, n, votes.get(n.id) ?? [], members, sight.votes));
}

/** One nomination; "not found" when there is none. */
export async function nominationAs(ctx: AppContext, actor: Principal, id: number): Promise<NominationView> {
  const sight = sightOf(ctx, actor);
  const nomination = await getNomination(ctx.store.db, id);
  if (!nomination) throw new UseCaseError('not-found', `There is no nomination ${id}.`);
  const votes = (await listNominationVotes(ctx.store.db, [id])).get(id) ?? [];
  return viewOf(ctx, actor, nomination, votes, await memberLogins(ctx), sight.votes);
}
