// The scheduled roster drift check as one of `psrt serve`'s loops: every
// membership.driftCheckHours (0: never), the first five minutes after start,
// by the leading instance only (one check, one mail, however many run).
import type { AppContext } from '../app/context.ts';
import { membershipSettingsOf } from '../app/context.ts';
import type { Leader } from '../app/leader.ts';
import { checkRosterDrift } from '../app/roster-drift-check.ts';
import { HOUR_MS, MINUTE_MS } from '../domain/time.ts';
import type { GitHubClient } from '../github/index.ts';
import { type BackgroundLoop, periodicLoop } from './background.ts';

export function startRosterDriftCheck(
  ctx: AppContext,
  leader: Leader,
  github: GitHubClient | null,
): BackgroundLoop {
  const hours = membershipSettingsOf(ctx).driftCheckHours;
  if (hours <= 0) return { name: 'roster drift check', stop: async () => {} };
  return periodicLoop(
    'roster drift check',
    ctx.log,
    hours * HOUR_MS,
    async () => {
      if (!(await leader.lead())) return;
      const check = await checkRosterDrift(ctx, github);
      // Names the venues only: the admins' mail and the Sync page say who.
      if (check.drifts.length > 0)
        ctx.log.info({ drifts: check.drifts }, 'the venues differ from the member list');
    },
    5 * MINUTE_MS,
  );
}
