// The sandbox's last year's inactivity report: produced, sent to the Steering
// Council and decided (the Council kept everyone listed), so the Inactivity
// reports page has history and the next report's period starts where it ended.
// Called by the seed after the roster import; does nothing once a report exists.
import type { AppContext } from '../app/context.ts';
import {
  listInactivity,
  produceInactivityReport,
  recordCouncilDecision,
  sendInactivityReport,
} from '../app/inactivity.ts';
import { resolvePrincipal } from '../app/roster.ts';
import { inactiveMembers } from '../domain/inactivity.ts';
import { admins } from '../domain/roster.ts';
import { addDays } from '../domain/time.ts';
import { listRoster } from '../store/index.ts';

/** Seeds last year's report; the number of Council decisions recorded, or null when there was one already. */
export async function seedDemoInactivity(ctx: AppContext): Promise<number | null> {
  const admin = admins(await listRoster(ctx.store.db))[0]?.login;
  if (!admin) return null;
  const actor = await resolvePrincipal(ctx, admin);
  if ((await listInactivity(ctx, actor)).length > 0) return null;
  // The period ended eleven months ago; the report was produced and sent the next day, decided a week later.
  const to = addDays(ctx.now(), -330);
  to.setUTCHours(0, 0, 0, 0);
  const at = (days: number): AppContext => ({ ...ctx, now: () => addDays(to, days) });
  const report = await produceInactivityReport(at(1), actor, { from: addDays(to, -365), to });
  await sendInactivityReport(at(1), actor, report.id);
  const decision = `Steering Council vote of ${addDays(to, 8).toISOString().slice(0, 10)}: the first report under PEP 811, everyone listed stays`;
  const listed = inactiveMembers(report);
  for (const member of listed)
    await recordCouncilDecision(at(8), actor, report.id, {
      login: member.login,
      verdict: 'keep',
      councilDecision: decision,
    });
  return listed.length;
}
