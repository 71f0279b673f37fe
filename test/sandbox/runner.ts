// The bot and the effect runner as `psrt serve` wires them in the sandbox:
// psrt's own clients pointed at the sandbox's simulators and SMTP server.
// Seeding with them has the bot see each GHSA a story opens and performs each
// step's effects at the step's time, as the server does.

import type { AdvisoryDatabase } from '../../src/app/advisory-database.ts';
import { outsidersOf } from '../../src/app/bot/installations.ts';
import type { AppContext } from '../../src/app/context.ts';
import { performDueEffects, type RunnerDeps } from '../../src/app/effects/runner.ts';
import { effectServices } from '../../src/app/effects/services.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import type { GitHubClient } from '../../src/github/index.ts';
import type { ReplayOptions, SandboxBot, SandboxServices } from '../../src/sandbox/index.ts';
import { temporaryCheckout } from '../support/advisory-checkout.ts';

function sandboxClients(ctx: AppContext, services: SandboxServices) {
  const team = 'psrt@python.org';
  const clients = serviceClients(
    {
      // As `psrt serve` in the sandbox: the simulator asks for no spacing of writes.
      github: { ...services.github, serializeWrites: false },
      cna: services.cve,
      smtp: { url: services.smtp.url, from: 'security@python.org', team },
    },
    // On psrt's clock, as in `psrt serve`: the test's clock, which the simulators' credentials follow.
    { log: ctx.log, now: ctx.now },
  );
  return { clients, team };
}

/** `advisoryDatabase`: the checkout OSV records are committed to, as `psrt serve` keeps one in the sandbox. */
export function sandboxRunner(
  ctx: AppContext,
  services: SandboxServices,
  advisoryDatabase: AdvisoryDatabase | null = null,
): RunnerDeps {
  const { clients, team } = sandboxClients(ctx, services);
  return {
    ...ctx,
    services: effectServices(clients, { team, announce: 'security-announce@python.org' }, advisoryDatabase),
  };
}

/** psrt's bot with the sandbox's settings (`github.team` psrt, `github.botName` psrt-bot). */
export function sandboxBot(ctx: AppContext, github: GitHubClient): SandboxBot {
  return {
    github,
    settings: { team: 'psrt', name: 'psrt-bot', outsiders: outsidersOf(ctx, github, 'psrt') },
  };
}

/** Seeding options as `psrt serve` has them: its bot, and due effects performed after each step. */
export function asPsrtServe(
  ctx: AppContext,
  services: SandboxServices,
  advisoryDatabase: AdvisoryDatabase | null = null,
): ReplayOptions {
  const runner = sandboxRunner(ctx, services, advisoryDatabase);
  const github = runner.services.github;
  if (!github) throw new Error('the sandbox runner has a GitHub client');
  return {
    bot: sandboxBot(ctx, github),
    performEffects: async (at) => (await performDueEffects({ ...runner, now: at.now })).claimed,
  };
}

/** The sandbox's own advisory database, as `psrt serve` keeps one. */
export const sandboxCheckout = () => temporaryCheckout();
