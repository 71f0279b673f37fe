// A runner process for the crash loop: performs due effects until none is
// left, and kills itself (SIGKILL, no clean-up) at the checkpoint numbered
// PSRT_CRASH_AT, or at the first step PSRT_CRASH_STEPS names (`only` those
// steps, if given, and not the `spare`d ones earlier runners were killed at),
// so the next runner inherits whatever it left half done.
import { performableKinds } from '../../src/app/effects/performers.ts';
import { runDueEffects } from '../../src/app/effects/runner.ts';
import { createLogger } from '../../src/config/logger.ts';
import { listEffects, openStore } from '../../src/store/index.ts';
import type { ChildConfig } from './round.ts';
import { roundServices } from './services.ts';

const config = JSON.parse(process.env.PSRT_CRASH_CHILD ?? '{}') as ChildConfig;
const crashAt = Number(process.env.PSRT_CRASH_AT ?? '0');
const steps = process.env.PSRT_CRASH_STEPS
  ? (JSON.parse(process.env.PSRT_CRASH_STEPS) as { spare: string[]; only?: string[] })
  : null;
const killedAt = (step: string) =>
  steps !== null && !steps.spare.includes(step) && (steps.only?.includes(step) ?? true);
let reached = 0;
// Messages the mail server accepted whose acceptance is not noted yet, per kind (decision 9): a
// kill now resends each, whichever effect's checkpoint it lands on.
const unnoted: Record<string, number> = {};
const [mailStep, accepted, noted] = [/^(mail|advisory)\.send:/, /:accepted$/, /:sent$/];
const checkpoint = (step: string) => {
  reached++;
  const kind = mailStep.test(step) ? step.slice(0, step.indexOf(':')) : null;
  if (kind && accepted.test(step)) unnoted[kind] = (unnoted[kind] ?? 0) + 1;
  if (kind && noted.test(step)) unnoted[kind] = (unnoted[kind] ?? 0) - 1;
  if (reached === crashAt || killedAt(step)) {
    process.stdout.write(`${JSON.stringify({ crashed: step, reached, unnoted })}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
};

const log = createLogger('silent');
const { services, close } = roundServices(config, log);

const store = await openStore(
  'url' in config.database ? { databaseUrl: config.database.url } : { dataDir: config.database.dataDir },
);
checkpoint('child:opened');
const performable = new Set<string>(performableKinds(services));
const deps = { store, now: () => new Date(), log, services };
// Short leases and backoff: one runner at a time, and a killed one's claims should lapse quickly.
// Killed at each step in turn, a runner performs one effect at a time: with eight at once, the
// same early effects would be caught half-way by every kill, each kill an attempt, and end failed.
const options = {
  checkpoint,
  leaseMs: 200,
  backoff: { baseMs: 20, maxMs: 100 },
  ...(steps ? { concurrency: 1 } : {}),
};
for (;;) {
  const pass = await runDueEffects(deps, options);
  if (pass.claimed > 0) continue;
  // Done when nothing this runner can perform is waiting or held by a killed runner.
  const open = [
    ...(await listEffects(store.db, { status: 'pending' })),
    ...(await listEffects(store.db, { status: 'claimed' })),
  ];
  if (!open.some((effect) => performable.has(effect.kind))) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
close();
await store.close();
process.stdout.write(`${JSON.stringify({ finished: true, reached })}\n`);
process.exit(0);
