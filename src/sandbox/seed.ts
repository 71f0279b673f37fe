// Sandbox mode's demo data: on first start, the real PSRT roster (sandbox/*.csv), the demo
// stories, replayed at the times they happened so the audit log and clocks are realistic, and
// the demo mail to security@ (intake-mail.ts) waiting for triage, and the membership demo
// (last year's inactivity report, the venues as last synced, two nominations); the reports of the GHSAs
// they open are psrt's bot's mirrors of them, as in production. On a later start the
// simulators find their state in the data folder; where they started empty (a database on a
// server, or a folder older than the simulators' state), the GHSAs of the stored reports are
// put back into the GitHub simulator.
import { readFileSync } from 'node:fs';
import type { AppContext } from '../app/context.ts';
import { botPrincipal } from '../app/context.ts';
import { getRoster, importRoster } from '../app/roster.ts';
import { packageFile } from '../config/package-files.ts';
import type { RosterEntry } from '../domain/report.ts';
import { DAY_MS } from '../domain/time.ts';
import { parseRosterCsv } from '../records/roster-csv.ts';
import { listReports } from '../store/index.ts';
import { seedDemoInactivity } from './demo-inactivity.ts';
import { seedDemoNominations } from './demo-nominations.ts';
import { seedDemoMail } from './intake-mail.ts';
import { restoreGhsas } from './on-github.ts';
import { type ReplayOptions, replay, schedule } from './replay.ts';
import { seedRosterSyncDemo } from './roster-sync-demo.ts';
import type { SandboxServices } from './services.ts';
import { stories } from './stories.ts';

const rosterFile = (name: string) => readFileSync(packageFile(`sandbox/${name}`), 'utf8');

/** The roster the simulators start with: the stored one, or the one the first seeding imports. */
export async function sandboxRoster(ctx: AppContext): Promise<RosterEntry[]> {
  const stored = await getRoster(ctx);
  return stored.length > 0 ? stored : parseRosterCsv(rosterFile('psrt.csv'), 'member');
}

/**
 * Seeds an empty database with the roster and the demo reports, their GHSAs opened in the
 * services' GitHub simulator and seen by `options.bot`. When the database already holds a
 * roster or reports it seeds nothing (returns null) and only restores the GHSAs the simulator
 * lacks.
 */
export async function seedSandbox(
  ctx: AppContext,
  services: SandboxServices,
  options: ReplayOptions,
): Promise<{ members: number; reports: number } | null> {
  const hasRoster = (await getRoster(ctx)).length > 0;
  const hasReports =
    (await listReports(ctx.store.db, { kind: 'all' }, { now: ctx.now(), limit: 1 })).total > 0;
  if (hasRoster || hasReports) {
    const restored = await restoreGhsas(ctx, services.simulators);
    if (restored > 0) ctx.log.info({ restored }, 'sandbox GHSAs restored in the GitHub simulator');
    return null;
  }

  const moments = schedule(stories, ctx.now());
  const start = new Date((moments[0]?.at ?? ctx.now()).getTime() - DAY_MS);
  // The roster import is the claim: under the roster lock, only one instance can set up an empty roster.
  const imported = await importRoster({ ...ctx, now: () => start }, botPrincipal, {
    members: { text: rosterFile('psrt.csv'), source: 'psrt.csv' },
    emeritus: { text: rosterFile('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
  }).catch(async (error: unknown) => {
    if ((await getRoster(ctx, 'member')).length > 0) return null; // another instance is seeding
    throw error;
  });
  if (!imported) return null;
  const reports = await replay(ctx, services, moments, options);
  // Membership (PEP 811): last year's inactivity report, sent and decided; the members'
  // contacts and the mailing list as last synced, so the Sync page has a plan to review.
  await seedDemoInactivity(ctx);
  await seedRosterSyncDemo(ctx);
  // A nomination that passed last month (its join goes to the team with the effects below) and
  // one open since two days ago, each showing what GitHub says of the nominee.
  await seedDemoNominations(ctx, options.bot.github);
  // Mail to security@ waiting for the admins' triage (the Intake page), as it arrived; the
  // acknowledgements it got are sent now, as psrt serve's runner would send them.
  if ((await seedDemoMail(ctx)) > 0) await options.performEffects?.(ctx);
  return { members: imported.members ?? 0, reports: reports.size };
}
