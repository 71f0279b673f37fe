// A runner process for the crash loop: performs due effects until none is
// left, and kills itself (SIGKILL, no clean-up) at the checkpoint numbered
// PSRT_CRASH_AT, so the next runner inherits whatever it left half done.
import nodemailer from 'nodemailer';
import { performableKinds } from '../../src/app/effects/performers.ts';
import { runDueEffects } from '../../src/app/effects/runner.ts';
import type { EffectServices } from '../../src/app/effects/services.ts';
import { CnaClient } from '../../src/cna/index.ts';
import { createLogger } from '../../src/config/logger.ts';
import { createGitHubClient } from '../../src/github/index.ts';
import { listEffects, openStore } from '../../src/store/index.ts';
import type { ChildConfig } from './round.ts';

const config = JSON.parse(process.env.PSRT_CRASH_CHILD ?? '{}') as ChildConfig;
const crashAt = Number(process.env.PSRT_CRASH_AT ?? '0');
let reached = 0;
const checkpoint = (step: string) => {
  reached++;
  if (reached === crashAt) {
    process.stdout.write(`${JSON.stringify({ crashed: step, reached })}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
};

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const transport = nodemailer.createTransport({
  host: config.smtp.host,
  port: config.smtp.port,
  secure: false,
});
const services: EffectServices = {
  github: createGitHubClient({
    appId: config.github.appId,
    privateKey: config.github.privateKey,
    baseUrl: config.github.url,
    log: quiet,
    serializeWrites: false,
    serverErrors: { retries: 0, backoffMs: 1 },
  }),
  cna: new CnaClient({
    baseUrl: config.cve.apiUrl,
    org: config.cve.org,
    user: config.cve.user,
    apiKey: config.cve.apiKey,
    retry: { retries: 0 },
  }),
  cnaUser: config.cve.user,
  mailer: {
    send: (message) => transport.sendMail({ from: 'psrt@crash.test', ...message, to: message.to.join(', ') }),
  },
  mailTo: { team: ['psrt@crash.test'], admins: ['admins@crash.test'], 'steward-staff': ['cra@crash.test'] },
};

const store = await openStore(
  'url' in config.database ? { databaseUrl: config.database.url } : { dataDir: config.database.dataDir },
);
checkpoint('child:opened');
const performable = new Set<string>(performableKinds(services));
const deps = { store, now: () => new Date(), log: createLogger('silent'), services };
// Short leases and backoff: one runner at a time, and a killed one's claims should lapse quickly.
const options = { checkpoint, leaseMs: 200, backoff: { baseMs: 20, maxMs: 100 } };
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
await store.close();
process.stdout.write(`${JSON.stringify({ finished: true, reached })}\n`);
process.exit(0);
