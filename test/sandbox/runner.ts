// The effect runner as `psrt serve` wires it in the sandbox: psrt's own
// clients pointed at the sandbox's simulators and SMTP server. Seeding with it
// performs each step's effects at the step's time, as the server does.
import type { AppContext } from '../../src/app/context.ts';
import { performDueEffects, type RunnerDeps } from '../../src/app/effects/runner.ts';
import { effectServices } from '../../src/app/effects/services.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import type { ReplayOptions, SandboxServices } from '../../src/sandbox/index.ts';

export function sandboxRunner(ctx: AppContext, services: SandboxServices): RunnerDeps {
  const team = 'psrt@python.org';
  const clients = serviceClients(
    {
      // As `psrt serve` in the sandbox: the simulator asks for no spacing of writes.
      github: { ...services.github, serializeWrites: false },
      cna: services.cve,
      smtp: { url: services.smtp.url, from: 'security@python.org', team },
    },
    { log: ctx.log },
  );
  return { ...ctx, services: effectServices(clients, { team }) };
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
