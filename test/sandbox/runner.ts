// The effect runner as `psrt serve` wires it in the sandbox: psrt's own
// clients pointed at the sandbox's simulators and SMTP server. Seeding with it
// performs each step's effects at the step's time, as the server does.
import type { AppContext } from '../../src/app/context.ts';
import { performDueEffects, type RunnerDeps } from '../../src/app/effects/runner.ts';
import { effectServices } from '../../src/app/effects/services.ts';
import { CnaClient } from '../../src/cna/index.ts';
import { createGitHubClient } from '../../src/github/index.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import type { ReplayOptions, SandboxServices } from '../../src/sandbox/index.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export function sandboxRunner(ctx: AppContext, services: SandboxServices): RunnerDeps {
  const github = createGitHubClient({
    appId: services.github.appId,
    privateKey: services.github.privateKey,
    baseUrl: services.github.url,
    log: quiet,
    serializeWrites: false,
  });
  const { apiUrl, org, user, apiKey } = services.cve;
  const cna = new CnaClient({ baseUrl: apiUrl, org, user, apiKey });
  const mailer = createMailer({
    url: services.smtp.url,
    from: 'security@python.org',
    team: 'psrt@python.org',
  });
  return {
    ...ctx,
    services: effectServices({ github, cna, cnaUser: user, mailer }, { team: 'psrt@python.org' }),
  };
}

/** Seeding options that perform due effects after each step, as `psrt serve` does. */
export function performingEffects(ctx: AppContext, services: SandboxServices): ReplayOptions {
  const runner = sandboxRunner(ctx, services);
  return {
    afterEachStep: async (at) => {
      await performDueEffects({ ...runner, now: at.now });
    },
  };
}
