// One effect runner process for the effects benchmark, as `psrt serve` runs it:
// startEffectRunner with its defaults, against the simulators the parent
// listens with. The parent says when to start and stop (IPC); on stop the
// runner finishes its pass and reports the CPU time it used.
import { startEffectRunner } from '../src/app/effects/runner.ts';
import { effectServices } from '../src/app/effects/services.ts';
import { serviceClients } from '../src/app/service-clients.ts';
import { createLogger } from '../src/config/logger.ts';
import { openStore } from '../src/store/index.ts';

/** What the parent passes in PSRT_BENCH_RUNNER. */
export interface RunnerConfig {
  runnerId: string;
  databaseUrl: string;
  github: { url: string; appId: number; privateKey: string };
  smtpUrl: string;
}

const config = JSON.parse(process.env.PSRT_BENCH_RUNNER ?? '{}') as RunnerConfig;
const log = createLogger('warn', process.stderr);
const clients = serviceClients(
  {
    // As the sandbox: the simulator asks for no spacing of writes (real GitHub does, one a second).
    github: { ...config.github, serializeWrites: false },
    smtp: { url: config.smtpUrl, from: 'psrt@bench.test', team: 'psrt@bench.test' },
  },
  { log },
);
const services = effectServices(clients, {
  team: 'psrt@bench.test',
  admins: 'admins@bench.test',
  stewardStaff: 'cra@bench.test',
});
const store = await openStore({ databaseUrl: config.databaseUrl });

let runner: ReturnType<typeof startEffectRunner> | null = null;
let cpuAtStart = process.cpuUsage();
process.on('message', async (message: { start?: boolean; stop?: boolean }) => {
  if (message.start) {
    cpuAtStart = process.cpuUsage();
    // Production's options (batch, concurrency, idle interval, lease): only the id is ours.
    runner = startEffectRunner(
      { store, now: () => new Date(), log, services },
      { runnerId: config.runnerId },
    );
  }
  if (message.stop) {
    await runner?.stop(10_000);
    const cpu = process.cpuUsage(cpuAtStart);
    clients.mailer?.close();
    await store.close();
    process.send?.({ stopped: true, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
  }
});
process.send?.({ ready: true });
