// The scheduled drift check (every membership.driftCheckHours, inside psrt
// serve): compares every venue with the member list, keeps what it found for
// the dashboard, and mails the admins when a drift appears or changes, once
// per distinct drift (the effect is keyed by the drift's digest).
import {
  driftDigest,
  isProblem,
  type RosterDrift,
  targetDrifts,
  type VenueDrift,
} from '../domain/roster-drift.ts';
import type { GitHubClient } from '../github/index.ts';
import {
  type DriftCheck,
  type DriftSummary,
  enqueueEffects,
  getDriftCheck,
  saveDriftCheck,
} from '../store/index.ts';
import type { AppContext } from './context.ts';
import { toOutbox } from './report-change.ts';
import { computeDrift } from './roster-sync.ts';

/** The targets' names, as the page, the mail and `psrt roster drift` say them. */
export const targetNames = {
  team: 'GitHub team',
  mailingList: 'mailing list',
  discord: 'Discord role',
  devguide: 'devguide CSVs',
} as const;

const venueCounts = (venue: VenueDrift) => ({
  add: venue.add.length,
  remove: venue.remove.length,
  missing: venue.missing.length,
});

/** Counts per target: what the dashboard shows, without anyone's details. */
export function summarise(drift: RosterDrift): DriftSummary {
  return {
    team: isProblem(drift.team)
      ? drift.team
      : {
          add: drift.team.add.length,
          remove: drift.team.remove.length,
          invited: drift.team.invited.length,
          onItsWay: drift.team.onItsWay.length,
        },
    mailingList: venueCounts(drift.mailingList),
    discord: venueCounts(drift.discord),
    devguide: isProblem(drift.devguide)
      ? drift.devguide
      : { changed: drift.devguide.filter((file) => !file.same).map((file) => file.path) },
  };
}

/** The targets that differ, by name. */
export function driftingTargets(drift: RosterDrift): string[] {
  return (Object.keys(targetNames) as (keyof typeof targetNames)[])
    .filter((target) => targetDrifts(drift[target]))
    .map((target) => targetNames[target]);
}

/** The admins' mail: what differs, in counts and logins (no addresses), and where to act. */
export function driftMailText(drift: RosterDrift): string {
  const lines = ['The venues that follow the PSRT member list (PEP 811) differ from it:', ''];
  if (!isProblem(drift.team) && targetDrifts(drift.team)) {
    const add = drift.team.add.map((p) => `@${p.login}`).join(', ');
    const remove = drift.team.remove.map((p) => `@${p.login}`).join(', ');
    lines.push(
      `- GitHub team ${drift.team.team}:${add ? ` add ${add};` : ''}${remove ? ` remove ${remove}` : ''}`,
    );
  }
  for (const venue of [drift.mailingList, drift.discord]) {
    if (!targetDrifts(venue)) continue;
    const [add, remove] = venue.venue === 'mailing-list' ? ['subscribe', 'unsubscribe'] : ['grant', 'revoke'];
    lines.push(
      `- ${venue.venue === 'mailing-list' ? 'mailing list' : 'Discord role'}: ${add} ${venue.add.length}, ${remove} ${venue.remove.length}`,
    );
  }
  if (!isProblem(drift.devguide))
    for (const file of drift.devguide.filter((f) => !f.same))
      lines.push(`- devguide ${file.path} differs from psrt's export`);
  lines.push(
    '',
    'See each plan on the Sync page (/members/sync) or with `psrt roster drift`; apply the team with `psrt roster sync github --apply`.',
  );
  return lines.join('\n');
}

/** Runs one check: stores what it found and, when something differs, mails the admins once per drift. */
export async function checkRosterDrift(ctx: AppContext, github: GitHubClient | null): Promise<DriftCheck> {
  const drift = await computeDrift(ctx, github);
  const drifts = driftingTargets(drift);
  const check: DriftCheck = {
    checkedAt: drift.at,
    digest: driftDigest(drift),
    drifts,
    summary: summarise(drift),
  };
  await ctx.store.transaction(async (tx) => {
    await saveDriftCheck(tx, check);
    if (drifts.length === 0) return;
    await enqueueEffects(
      tx,
      toOutbox([
        {
          kind: 'mail.send',
          key: `roster-drift:${check.digest}`,
          reportId: null,
          purpose: 'roster drift',
          to: ['admins'],
          subject: `psrt: ${drifts.join(', ')} differ${drifts.length === 1 ? 's' : ''} from the PSRT member list`,
          text: driftMailText(drift),
        },
      ]),
      check.checkedAt,
    );
  });
  return check;
}

/** The last check, for the dashboard; null before the first. */
export function lastDriftCheck(ctx: AppContext): Promise<DriftCheck | null> {
  return getDriftCheck(ctx.store.db);
}
