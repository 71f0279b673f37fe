// The coordinator drops a credit (`psrt report credit drop`): one still
// pending on GitHub holds publication back until accepted or dropped. The
// credit leaves the publication, and the GHSA through an effect when it came
// from there (domain/credits.ts).
import { dropCredit as dropCreditRule } from '../domain/credits.ts';
import type { Credit } from '../domain/publication.ts';
import type { Principal, Report } from '../domain/report.ts';
import type { AppContext } from './context.ts';
import { decideChange } from './report-change.ts';

export interface DroppedCredit {
  report: Report;
  dropped: Credit[];
  /** Whether the GHSA loses the credit too (an effect does it). */
  offGitHub: boolean;
}

export async function dropCredit(
  ctx: AppContext,
  actor: Principal,
  reportId: string,
  who: string,
): Promise<DroppedCredit> {
  let dropped: Credit[] = [];
  let offGitHub = false;
  const decision = await decideChange(
    ctx,
    actor,
    reportId,
    'report.coordinate',
    'report.credit-drop',
    (report, now) => {
      const drop = dropCreditRule(report, who, now);
      dropped = drop.dropped;
      offGitHub = drop.effects.length > 0;
      return { report: drop.report, effects: drop.effects, audit: { dropped: drop.dropped } };
    },
  );
  return { report: decision.report, dropped, offGitHub };
}
