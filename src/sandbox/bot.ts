// psrt's bot during the replay of the demo stories: after each act on a GHSA (a story's person
// on GitHub, or psrt's effects), it reads the advisory through psrt's GitHub App and mirrors it
// (observeAdvisory), as a webhook or the poller would, at the story's time. What that mirroring
// enqueues is performed and the advisory read again, until psrt has seen GitHub as it is: the
// first poll after start then finds nothing new.
import type { BotSettings } from '../app/bot/observe.ts';
import { observeAdvisory } from '../app/bot/observe.ts';
import { ghsaOf } from '../app/bot/poller.ts';
import type { AppContext } from '../app/context.ts';
import { installationResolver } from '../app/effects/services.ts';
import { canonicalJson } from '../domain/audit.ts';
import type { GitHubClient } from '../github/index.ts';
import { listSightings } from '../store/index.ts';

/** The bot as `psrt serve` runs it: its settings, and psrt's GitHub App client to read with. */
export interface SandboxBot {
  github: GitHubClient;
  settings: BotSettings;
}

/** Performs the effects due with psrt's clock at `ctx.now()`, and says how many it performed. */
export type PerformEffects = (ctx: AppContext) => Promise<number>;

/** Looks at one GHSA, each followed by its effects, before GitHub must have settled. */
const maxLooks = 5;

/**
 * Has the bot look at the GHSA until its last sighting is the advisory as GitHub has it, and
 * returns the report that mirrors it.
 */
export async function botSees(
  ctx: AppContext,
  bot: SandboxBot,
  performEffects: PerformEffects,
  advisory: { repository: string; ghsaId: string },
): Promise<string> {
  const [owner = '', repo = ''] = advisory.repository.split('/');
  const installation = await installationResolver(bot.github)(advisory.repository);
  for (let look = 0; look < maxLooks; look++) {
    const ghsa = ghsaOf(await installation.getAdvisory(owner, repo, advisory.ghsaId));
    const [seen] = await listSightings(ctx.store.db, { ghsaIds: [advisory.ghsaId] });
    if (seen?.reportId && seen.ghsa && canonicalJson(seen.ghsa) === canonicalJson(ghsa)) return seen.reportId;
    const observed = await observeAdvisory(ctx, bot.settings, ghsa);
    // Never the GHSA id or title: an error may be logged where the embargo does not reach.
    if (observed.outcome !== 'mirrored')
      throw new Error(`psrt's bot did not mirror the advisory (${observed.outcome}).`);
    // Nothing done on GitHub since this look: the bot has seen the advisory as it is.
    if ((await performEffects(ctx)) === 0) return observed.reportId;
  }
  throw new Error(
    `the advisory kept changing after ${maxLooks} looks by psrt's bot: its effects and GitHub do not settle.`,
  );
}
