// The sandbox's demo nominations, made through the use-cases at the seed's
// clock (so they are audited and mailed as in production): one that passed
// last month (its join decided for the team) and one open since two days ago
// with a few votes. The seed calls it once, after the roster import.
import type { AppContext } from '../app/context.ts';
import { closeDueNominations, openNomination, voteOnNomination } from '../app/nominations.ts';
import { resolvePrincipal } from '../app/roster.ts';
import { DAY_MS, HOUR_MS } from '../domain/time.ts';
import type { GitHubClient } from '../github/index.ts';

const at = (ctx: AppContext, when: Date): AppContext => ({ ...ctx, now: () => when });
const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

/** Seeds the two demo nominations; returns their ids (passed, open). */
export async function seedDemoNominations(
  ctx: AppContext,
  github: GitHubClient | null = null,
): Promise<{ passed: number; open: number }> {
  const now = ctx.now();
  const as = (login: string) => resolvePrincipal(ctx, login);
  const vote = async (when: Date, login: string, id: number, inFavour: boolean) =>
    voteOnNomination(at(ctx, when), await as(login), id, inFavour);

  const lastMonth = before(now, 35 * DAY_MS);
  const passed = await openNomination(
    at(ctx, lastMonth),
    await as('sethmlarson'),
    {
      login: 'jaraco',
      name: 'Jason R. Coombs',
      why: 'Maintains zipfile and importlib.metadata, and fixed the zipfile path traversal reports with the PSRT this year.',
    },
    github,
  );
  const day = (n: number) => new Date(lastMonth.getTime() + n * DAY_MS);
  await vote(day(1), 'gpshead', passed.id, true);
  await vote(day(1), 'encukou', passed.id, true);
  await vote(day(2), 'ned-deily', passed.id, true);
  await vote(day(3), 'serhiy-storchaka', passed.id, false);
  await vote(day(4), 'ewdurbin', passed.id, true);
  // The scheduler's tick an hour after the week ended recorded the outcome.
  await closeDueNominations(at(ctx, new Date(passed.closesAt.getTime() + HOUR_MS)));

  const twoDaysAgo = before(now, 2 * DAY_MS);
  const open = await openNomination(
    at(ctx, twoDaysAgo),
    await as('gpshead'),
    {
      login: 'ethanfurman',
      name: 'Ethan Furman',
      why: 'Owns tarfile and enum, and has triaged tarfile security reports with us.',
    },
    github,
  );
  await vote(new Date(twoDaysAgo.getTime() + 3 * HOUR_MS), 'gpshead', open.id, true);
  await vote(new Date(twoDaysAgo.getTime() + 20 * HOUR_MS), 'StanFromIreland', open.id, true);
  await vote(new Date(twoDaysAgo.getTime() + 30 * HOUR_MS), 'tim-one', open.id, false);
  return { passed: passed.id, open: open.id };
}
