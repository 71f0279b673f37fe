// The publication facts GitHub holds on a GHSA: its CWE ids and its credits
// (with whether each person accepted). Mirrored like the advisory's other
// fields: what changed on GitHub between two sightings is written into the
// report, and psrt's own edits (a credit dropped, a name corrected, a CWE
// chosen in psrt) are not undone while GitHub's value stays as it was.
import type { Credit, Publication } from '../publication.ts';
import { sameLogin } from '../roster.ts';
import type { Ghsa, GhsaCredit } from './ghsa.ts';

/** The name GitHub shows for a login (its profile's name), or null when it gives none. */
export type CreditNames = (login: string) => string | null;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One credit is one person in one role: GitHub lets the same person hold two types. */
const isCredit = (credit: { login: string | null; type: string }, other: GhsaCredit) =>
  credit.login !== null && sameLogin(credit.login, other.login) && credit.type === other.type;

/**
 * The publication with GitHub's changes between `previous` and `current`. With
 * no previous sighting (or one stored before credits were mirrored) GitHub's
 * values are taken wherever they are set and differ.
 */
export function mirrorPublication(
  publication: Publication,
  previous: Ghsa | null,
  current: Ghsa,
  nameOf: CreditNames,
  coordinator: string | null = null,
): Publication {
  const before = previous && 'credits' in previous ? previous : null;
  const cweChanged = before === null ? current.cweIds.length > 0 : !same(before.cweIds, current.cweIds);
  const cweIds =
    cweChanged && !same(publication.cweIds, current.cweIds) ? [...current.cweIds] : publication.cweIds;
  const asGiven = (credits: GhsaCredit[]) => credits.map((credit) => givenByPsrt(credit, coordinator));
  const credits = mirrorCredits(
    publication.credits,
    before ? asGiven(before.credits) : null,
    asGiven(current.credits),
    nameOf,
  );
  if (cweIds === publication.cweIds && credits === publication.credits) return publication;
  return { ...publication, cweIds, credits };
}

/**
 * The coordinator's `coordinator` credit is psrt's own record of who coordinated (PEP 811), which
 * psrt's App writes to the GHSA: GitHub shows it pending until the coordinator answers, but it
 * needs no acceptance to be published. Declined, it is declined.
 */
function givenByPsrt(credit: GhsaCredit, coordinator: string | null): GhsaCredit {
  const own = credit.type === 'coordinator' && coordinator !== null && sameLogin(credit.login, coordinator);
  return own && credit.state !== 'declined' ? { ...credit, state: 'accepted' } : credit;
}

function mirrorCredits(
  credits: Credit[],
  previous: GhsaCredit[] | null,
  current: GhsaCredit[],
  nameOf: CreditNames,
): Credit[] {
  // Removed on GitHub since the last sighting: removed here too.
  let next = credits.filter(
    (credit) =>
      !(previous ?? []).some((gone) => isCredit(credit, gone) && !current.some((c) => isCredit(c, gone))),
  );
  for (const credit of current) {
    const seen = previous?.find((p) => isCredit(p, credit));
    const at = next.findIndex((c) => isCredit(c, credit));
    // No detail from GitHub: not known to be accepted, so held back like a pending one.
    const state = credit.state ?? 'pending';
    const withState = (c: Credit, i: number) => (i === at ? { ...c, state } : c);
    if (seen === undefined) {
      // New on GitHub (or first seen): added, or its acceptance taken if psrt already has it.
      if (at === -1) {
        const name = nameFor(credit.login, credits, nameOf);
        next = [...next, { name, type: credit.type, login: credit.login, state }];
      } else next = next.map(withState);
    } else if (seen.state !== credit.state && at !== -1) {
      // Accepted or declined on GitHub since.
      next = next.map(withState);
    }
  }
  return same(next, credits) ? credits : next;
}

/**
 * The name to print: the one psrt already prints for this login (a person credited twice, or a
 * name corrected in psrt), else GitHub's profile name, else the login.
 */
function nameFor(login: string, credits: readonly Credit[], nameOf: CreditNames): string {
  const known = credits.find((credit) => credit.login !== null && sameLogin(credit.login, login));
  return known?.name ?? nameOf(login) ?? login;
}
