// Dropping a credit: a GHSA credit still waiting for its person to accept holds
// publication back (records/gate.ts) until it is accepted on GitHub or the
// coordinator drops it. A dropped credit leaves the publication and, when it
// came from the GHSA, the GHSA too (GitHub's credits are the advisory's list,
// which psrt's App rewrites without it). The coordinator's own credit follows
// the report's coordinator: dropping it leaves GitHub's as it is.
import type { Effect } from './effects.ts';
import { Refusal } from './errors.ts';
import type { Credit } from './publication.ts';
import { isOpen, type Report } from './report.ts';
import { sameLogin } from './roster.ts';

export interface CreditDrop {
  report: Report;
  dropped: Credit[];
  effects: Effect[];
}

/** Whether `who` (a login, with or without `@`, or the printed name) names the credit. */
function names(credit: Credit, who: string): boolean {
  const login = who.replace(/^@/, '');
  if (credit.login !== null && sameLogin(credit.login, login)) return true;
  return credit.name.trim().toLowerCase() === who.trim().toLowerCase();
}

/** The coordinator's `coordinator` credit, which psrt keeps on the GHSA while they coordinate. */
const isCoordinatorCredit = (report: Report, credit: Credit) =>
  credit.type === 'coordinator' && credit.login !== null && sameLogin(credit.login, report.coordinator);

/** Drops every credit `who` names (one person may hold two) from an open report; refused when none does. */
export function dropCredit(report: Report, who: string, now: Date): CreditDrop {
  if (!isOpen(report.state)) {
    throw new Refusal(
      `${report.id} is ${report.state}; reopen it before dropping a credit (published records are updated through publication).`,
    );
  }
  const credits = report.publication.credits;
  const dropped = credits.filter((credit) => names(credit, who));
  if (dropped.length === 0) {
    throw new Refusal(
      `No credit of ${report.id} names ${JSON.stringify(who)}: give the login or the printed name as \`psrt report credit list\` shows it.`,
    );
  }
  const effects: Effect[] = [];
  for (const credit of dropped) {
    if (credit.login === null || report.ghsaId === null || isCoordinatorCredit(report, credit)) continue;
    effects.push({
      kind: 'ghsa.remove-credit',
      key: `ghsa.remove-credit:${report.id}:${credit.login.toLowerCase()}:${credit.type}:${now.toISOString()}`,
      reportId: report.id,
      repository: report.repository,
      ghsaId: report.ghsaId,
      login: credit.login,
      creditType: credit.type,
    });
  }
  const publication = {
    ...report.publication,
    credits: credits.filter((credit) => !dropped.includes(credit)),
  };
  return {
    report: { ...report, publication, updatedAt: now, lastActivityAt: now },
    dropped,
    effects,
  };
}
