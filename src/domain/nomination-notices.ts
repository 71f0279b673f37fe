// The mail a nomination sends: to the Steering Council when it opens (the
// devguide: "giving the Steering Council an opportunity to veto nominations
// via email"), and to the team with its outcome. Pure: the caller enqueues them.
import type { Effect } from './effects.ts';
import {
  eligibilityWords,
  NOMINATION_WINDOW_DAYS,
  type Nomination,
  type NominationOutcome,
} from './nominations.ts';

const minute = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** To the Steering Council: who, why, eligibility, when the window closes, and how to veto. */
export function nominationOpenedMail(nomination: Nomination): Effect {
  return {
    kind: 'mail.send',
    key: `nomination:${nomination.id}:opened:mail`,
    reportId: null,
    purpose: 'nomination-opened',
    to: ['steering-council'],
    subject: `[PSRT] Nomination of ${nomination.name} (@${nomination.login}) to the PSRT`,
    text: [
      `${nomination.nominatedBy} nominated ${nomination.name} (@${nomination.login}) to the Python Security Response Team.`,
      '',
      'Why:',
      nomination.why,
      '',
      `Eligibility (core developer, triager or PSF staff): ${eligibilityWords(nomination.eligibility)}`,
      '',
      `PSRT members vote for ${NOMINATION_WINDOW_DAYS} days, until ${minute(nomination.closesAt)}; the nomination passes with at least two thirds of the votes cast in favour.`,
      'PEP 811 gives the Steering Council a veto within that window. To veto, reply to the PSRT admins',
      `citing the Council's decision (an admin records it), or, signed in to psrt, open nomination ${nomination.id}`,
      `and veto it directly (psrt nomination veto ${nomination.id} --decision TEXT).`,
      '',
    ].join('\n'),
  };
}

/** To the team: how the nomination ended and the rule that decided it. */
export function nominationOutcomeMail(nomination: Nomination, outcome: NominationOutcome): Effect {
  const next =
    outcome.status === 'passed'
      ? [
          '',
          `psrt adds @${nomination.login} to the GitHub team, then lists them as a member; an admin can follow it on the members page.`,
        ]
      : [];
  return {
    kind: 'mail.send',
    key: `nomination:${nomination.id}:${outcome.status}:mail`,
    reportId: null,
    purpose: `nomination-${outcome.status}`,
    to: ['team'],
    subject: `[PSRT] Nomination of ${nomination.name} (@${nomination.login}): ${outcome.status}`,
    text: [
      `The nomination of ${nomination.name} (@${nomination.login}) by ${nomination.nominatedBy}: ${outcome.rule}.`,
      `In favour: ${outcome.inFavour}; against: ${outcome.against}.`,
      ...next,
      '',
    ].join('\n'),
  };
}
