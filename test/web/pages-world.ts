// What the page tests of the team's and the public pages share: the seeded
// sandbox (its simulators, the demo reports replayed as `psrt serve` does, two
// of them published with their records), the web app over it with the GitHub
// client coverage reads, an effect runner on the same simulators, and who is
// who among the demo people.
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import type { RunnerDeps } from '../../src/app/effects/runner.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import { createLogger } from '../../src/config/logger.ts';
import type { Report } from '../../src/domain/report.ts';
import {
  type SandboxServices,
  sandboxRoster,
  seedSandbox,
  startSandboxServices,
} from '../../src/sandbox/index.ts';
import { listReports, openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { asPsrtServe, sandboxRunner } from '../sandbox/runner.ts';

export const sessionSecret = 'test-session-secret-0123456789abcdef';

/** The demo people by what they may see. */
export const people = {
  admin: 'warsaw',
  member: 'gpshead',
  /** The reporter, granted on her report. */
  collaborator: 'mira-finds-bugs',
  outsider: 'curious-visitor',
} as const;

export interface PagesWorld {
  store: Store;
  ctx: AppContext;
  services: SandboxServices;
  app: ReturnType<typeof createWebApp>;
  runner: RunnerDeps;
  /** Every report not published: nothing of them may reach anyone but members and their collaborators. */
  embargoed: Report[];
  published: Report[];
}

/** Everything that identifies a report: its id, title, GHSA and CVE ids. */
export const traces = (report: Report): string[] =>
  [report.id, report.title, report.ghsaId, report.cveId].filter((t): t is string => !!t);

/** Call at the top of a test file: the world is built once, before its tests. */
export function pagesWorld(): () => PagesWorld {
  let world: PagesWorld | undefined;
  beforeAll(async () => {
    const store = await openStore({ memory: true });
    await store.migrate();
    const ctx: AppContext = { store, now: () => new Date(), log: createLogger('silent') };
    const services = await startSandboxServices(await sandboxRoster(ctx));
    await seedSandbox(ctx, services, asPsrtServe(ctx, services));
    const { github } = serviceClients(
      { github: { ...services.github, serializeWrites: false } },
      { log: ctx.log, now: ctx.now },
    );
    const app = createWebApp({
      ctx,
      sandbox: true,
      sessionSecret,
      gitHubSignIn: services.github.signIn,
      outgoingMail: services.outgoingMail,
      githubSimulatorUrl: services.github.viewUrl,
      cveSimulatorUrl: services.cve.apiUrl,
      github,
    });
    const all = (await listReports(store.db, { kind: 'all' }, { now: ctx.now(), limit: 500 })).reports;
    world = {
      store,
      ctx,
      services,
      app,
      runner: sandboxRunner(ctx, services),
      embargoed: all.filter((report) => report.state !== 'published'),
      published: all.filter((report) => report.state === 'published'),
    };
  }, 120_000);
  afterAll(async () => {
    await world?.services.close();
    await world?.store.close();
  });
  return () => {
    if (!world) throw new Error('the pages world is built in beforeAll');
    return world;
  };
}

/** A page as the person with this cookie (or nobody) gets it. */
export async function page(
  app: PagesWorld['app'],
  path: string,
  cookie?: string,
): Promise<{ status: number; html: string; location: string | null }> {
  const response = await app.request(path, { headers: cookie ? { cookie } : {} });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}
