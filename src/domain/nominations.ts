// Nominations to the PSRT (PEP 811): a member nominates someone, members vote
// for one week, and the nomination passes with at least two thirds of the
// votes cast in favour unless the Steering Council vetoes it in that week.
// Pure: the outcome is computed at a time the caller gives.
import { Refusal } from './errors.ts';
import { loginKey, sameLogin } from './roster.ts';
import { addDays } from './time.ts';

/** PEP 811: "a vote … open for one week". */
export const NOMINATION_WINDOW_DAYS = 7;

/** What PEP 811 expects a new member to be; psrt shows which applies, or warns when none does. */
export const eligibilityRoles = ['core developer', 'triager', 'PSF staff'] as const;
export type EligibilityRole = (typeof eligibilityRoles)[number];

/** What psrt found about the nominee when the nomination opened. */
export type Eligibility = { known: true; applies: EligibilityRole[] } | { known: false; why: string };

export interface Withdrawal {
  by: string;
  at: Date;
}

export interface Nomination {
  id: number;
  /** The nominee's GitHub login. */
  login: string;
  /** The name the devguide will list them under. */
  name: string;
  nominatedBy: string;
  /** Why the nominator puts them forward. */
  why: string;
  openedAt: Date;
  closesAt: Date;
  eligibility: Eligibility;
  withdrawn: Withdrawal | null;
}

export interface NominationVote {
  voter: string;
  inFavour: boolean;
  at: Date;
}

/** The Steering Council's veto, with the decision it cites (a vote, a message). */
export interface Veto {
  by: string;
  at: Date;
  decision: string;
}

export const nominationStatuses = ['open', 'passed', 'failed', 'vetoed', 'withdrawn'] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

export interface NominationOutcome {
  status: NominationStatus;
  inFavour: number;
  against: number;
  /** Votes set aside: cast by someone not a member at the close. */
  setAside: number;
  /** The rule that decided it, in words. */
  rule: string;
}

export class NominationError extends Refusal {
  override readonly name: string = 'NominationError';
}

export const closesAtFor = (openedAt: Date): Date => addDays(openedAt, NOMINATION_WINDOW_DAYS);

const day = (at: Date): string => at.toISOString().slice(0, 10);
const minute = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Whether votes are still taken: before `closesAt`, not withdrawn. */
export const isWindowOpen = (nomination: Nomination, now: Date): boolean =>
  nomination.withdrawn === null && now.getTime() < nomination.closesAt.getTime();

/**
 * Each voter's latest vote cast before the close; a vote at or after the
 * close does not count (psrt refuses it anyway).
 */
export function countedVotes(nomination: Nomination, votes: readonly NominationVote[]): NominationVote[] {
  const latest = new Map<string, NominationVote>();
  for (const vote of votes) {
    if (vote.at.getTime() >= nomination.closesAt.getTime()) continue;
    const key = loginKey(vote.voter);
    const before = latest.get(key);
    if (!before || before.at.getTime() <= vote.at.getTime()) latest.set(key, vote);
  }
  return [...latest.values()];
}

/** PEP 811's two thirds of the votes cast, in whole numbers: inFavour / cast ≥ 2/3. */
export const atLeastTwoThirds = (inFavour: number, cast: number): boolean =>
  cast > 0 && inFavour * 3 >= cast * 2;

/**
 * The nomination's outcome at `now`. `members`, when given, are the logins on
 * the member list at the close (or now, while open): a vote by someone who
 * stopped being a member before the close is set aside, and the rule says so.
 */
export function nominationOutcome(
  nomination: Nomination,
  votes: readonly NominationVote[],
  veto: Veto | null,
  now: Date,
  members?: readonly (string | null)[],
): NominationOutcome {
  const latest = countedVotes(nomination, votes);
  const counted = members
    ? latest.filter((vote) => members.some((login) => sameLogin(login, vote.voter)))
    : latest;
  const setAside = latest.length - counted.length;
  const inFavour = counted.filter((vote) => vote.inFavour).length;
  const against = counted.length - inFavour;
  const cast = counted.length;
  const tally = { inFavour, against, setAside };
  const aside =
    setAside === 0
      ? ''
      : ` (${setAside} vote${setAside === 1 ? '' : 's'} set aside: cast by someone no longer a member at the close)`;

  if (nomination.withdrawn)
    return {
      status: 'withdrawn',
      ...tally,
      rule: `withdrawn by ${nomination.withdrawn.by} on ${day(nomination.withdrawn.at)}`,
    };
  // The Council's veto counts inside the week only (PEP 811: "within the window").
  if (veto && veto.at.getTime() < nomination.closesAt.getTime())
    return {
      status: 'vetoed',
      ...tally,
      rule: `vetoed by the Steering Council on ${day(veto.at)} (${veto.decision})`,
    };
  if (now.getTime() < nomination.closesAt.getTime())
    return {
      status: 'open',
      ...tally,
      rule: `open until ${minute(nomination.closesAt)}: so far ${inFavour} of ${cast} vote${cast === 1 ? '' : 's'} cast in favour; passing needs at least two thirds${aside}`,
    };
  if (cast === 0) return { status: 'failed', ...tally, rule: `failed: no votes cast${aside}` };
  if (atLeastTwoThirds(inFavour, cast))
    return {
      status: 'passed',
      ...tally,
      rule: `passed: ${inFavour} of ${cast} votes cast in favour, at least two thirds${aside}`,
    };
  return {
    status: 'failed',
    ...tally,
    rule: `failed: ${inFavour} of ${cast} in favour, fewer than two thirds${aside}`,
  };
}

/** Refuses a vote the rules do not take: by a non-member, after the close, on a withdrawn or vetoed nomination. */
export function checkVote(
  nomination: Nomination,
  veto: Veto | null,
  voter: { login: string; member: boolean },
  now: Date,
): void {
  if (!voter.member) throw new NominationError('Only PSRT members vote on nominations (PEP 811).');
  if (nomination.withdrawn) throw new NominationError('This nomination was withdrawn: it takes no votes.');
  if (veto) throw new NominationError('The Steering Council vetoed this nomination: it takes no votes.');
  if (now.getTime() >= nomination.closesAt.getTime())
    throw new NominationError(
      `The vote closed on ${minute(nomination.closesAt)}: votes are taken for one week only.`,
    );
}

/** Refuses a veto or a withdrawal once the week is over, or when the nomination is already ended. */
export function checkStillOpen(nomination: Nomination, veto: Veto | null, now: Date, what: string): void {
  if (nomination.withdrawn)
    throw new NominationError(`This nomination was withdrawn already: nothing to ${what}.`);
  if (veto)
    throw new NominationError(`The Steering Council vetoed this nomination already: nothing to ${what}.`);
  if (now.getTime() >= nomination.closesAt.getTime())
    throw new NominationError(
      `The window closed on ${minute(nomination.closesAt)}: a nomination can no longer be ${what === 'veto' ? 'vetoed' : 'withdrawn'} after its week.`,
    );
}

/**
 * What applies to the nominee, from their permission on the core repository
 * (GitHub's role name: admin, maintain, write → core developer; triage →
 * triager) and the PSF staff list.
 */
export function eligibilityFrom(role: string | null, psfStaff: boolean): Eligibility {
  const applies: EligibilityRole[] = [];
  if (role === 'admin' || role === 'maintain' || role === 'write') applies.push('core developer');
  else if (role === 'triage') applies.push('triager');
  if (psfStaff) applies.push('PSF staff');
  return { known: true, applies };
}

/** The eligibility in words: what applies, or the warning. */
export function eligibilityWords(eligibility: Eligibility): string {
  if (!eligibility.known) return `unknown: ${eligibility.why}`;
  if (eligibility.applies.length === 0)
    return 'none applies: new members are expected to be core developers, triagers or PSF staff (PEP 811)';
  return eligibility.applies.join(', ');
}

/** Whether the page and mail should warn: nothing expected of a new member applies. */
export const eligibilityWarns = (eligibility: Eligibility): boolean =>
  eligibility.known && eligibility.applies.length === 0;

/** Checks the nomination's own fields: a name to list and a reason. */
export function checkNominationInput(input: { login: string; name: string; why: string }): {
  name: string;
  why: string;
} {
  const name = input.name.trim();
  const why = input.why.trim();
  if (name === '') throw new NominationError(`Give the name ${input.login} is to be listed under (--name).`);
  if (name.length > 200) throw new NominationError('Keep the name to 200 characters.');
  if (why === '')
    throw new NominationError('Say why you nominate them (--why): members and the Steering Council read it.');
  if (why.length > 10_000) throw new NominationError('Keep the statement to 10,000 characters.');
  return { name, why };
}

/** A nomination as psrt keeps it: with the veto, and the outcome once recorded. */
export interface NominationRecord extends Nomination {
  /** `open` until the outcome is recorded (the week ended, a veto, a withdrawal). */
  status: NominationStatus;
  veto: Veto | null;
  /** The outcome recorded at the close, with the rule then. */
  closed: { at: Date; rule: string; inFavour: number; against: number } | null;
  /** The membership change a passed nomination decided. */
  membershipChangeId: number | null;
}
