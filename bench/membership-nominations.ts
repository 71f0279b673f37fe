// Two years of past nominations for the membership benchmark, through the
// use-cases as the PSRT runs them: one a week, 30 members voting within its
// week, then closed by the scheduler's tick (a passed one decides the join).
import { nominationsAs } from '../src/app/nomination-views.ts';
import { closeDueNominations, openNomination, voteOnNomination } from '../src/app/nominations.ts';
import { resolvePrincipal } from '../src/app/roster.ts';
import type { Principal } from '../src/domain/report.ts';
import { DAY_MS, HOUR_MS } from '../src/domain/time.ts';
import { listRoster } from '../src/store/index.ts';
import { benchNow, seededRandom } from './data.ts';
import type { ClockedContext } from './workload.ts';

/** Opens, votes on and closes `count` nominations, a week apart, ending before benchNow. */
export async function fillNominations(ctx: ClockedContext, count: number, votesEach: number): Promise<void> {
  const random = seededRandom(2025);
  const logins = (await listRoster(ctx.store.db, 'member')).flatMap((entry) =>
    entry.login ? [entry.login] : [],
  );
  const voters: Principal[] = [];
  for (const login of logins.slice(0, votesEach)) voters.push(await resolvePrincipal(ctx, login));
  const start = benchNow.getTime() - (count + 2) * 7 * DAY_MS;
  for (let n = 0; n < count; n++) {
    const openedAt = start + n * 7 * DAY_MS;
    ctx.setNow(openedAt);
    const nominator = voters[n % voters.length] as Principal;
    const nomination = await openNomination(ctx, nominator, {
      login: `nominee-${n + 1}`,
      name: `Nominee ${n + 1}`,
      why: 'Fixed several security issues in the standard library and reviews security reports.',
    });
    // Most pass; one in five draws enough votes against to fail the two-thirds rule.
    const against = n % 5 === 4 ? 0.5 : 0.1;
    for (const [i, voter] of voters.entries()) {
      ctx.setNow(openedAt + HOUR_MS + i * 4 * HOUR_MS);
      await voteOnNomination(ctx, voter, nomination.id, random() >= against);
    }
    ctx.setNow(openedAt + 7 * DAY_MS + HOUR_MS);
    await closeDueNominations(ctx);
  }
  ctx.setNow(benchNow);
}

/** What the nominations page reads, as a member. */
export const readNominationsPage = (ctx: ClockedContext, member: Principal) => nominationsAs(ctx, member);
