// One round of the crash loop: fresh simulators, an SMTP server, a fresh
// database and an empty advisory database checkout, seeded through the
// use-cases and one look of the bot so that every kind of effect the runner
// performs is due, each needing exactly one write at its service.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { demoPsf, startCveSim } from '../../sim/cve-services/index.ts';
import { startGitHubSim } from '../../sim/github/index.ts';
import { psrtAppSeed } from '../../sim/github/psrt-app.ts';
import { type Mailbox, startMailbox } from '../../sim/smtp/index.ts';
import { initCheckout } from '../../src/app/advisory-database.ts';
import type { BotSettings } from '../../src/app/bot/observe.ts';
import { pollAdvisories } from '../../src/app/bot/poller.ts';
import { type AppContext, botPrincipal } from '../../src/app/context.ts';
import { performDueEffects } from '../../src/app/effects/runner.ts';
import type { EffectServices } from '../../src/app/effects/services.ts';
import { grantAccess, revokeAccess } from '../../src/app/grants.ts';
import {
  assignCoordinator,
  createReport,
  determineReport,
  editReport,
  transitionReport,
} from '../../src/app/reports.ts';
import { importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { publishTwoReports } from './publication.ts';
import { roundServices } from './services.ts';

export type CrashEngine = 'pglite' | 'postgres';

/** What a child runner needs to reach this round's database and services. */
export interface ChildConfig {
  database: { url: string } | { dataDir: string };
  github: { url: string; appId: number; privateKey: string };
  cve: { apiUrl: string; org: string; user: string; apiKey: string };
  smtp: { host: string; port: number };
  /** The git checkout of the advisory database the OSV files are committed to. */
  checkout: string;
}

export interface Round {
  child: ChildConfig;
  openStore(): Promise<Store>;
  github: Awaited<ReturnType<typeof startGitHubSim>>;
  cve: Awaited<ReturnType<typeof startCveSim>>;
  mailbox: Mailbox;
  /** CVE Services requests made by hand while seeding, not by a runner (the seed's own runner counts). */
  seedCveRequests: number;
  close(): Promise<void>;
}

const roster = (name: string) =>
  readFileSync(new URL(`../../vendor/python-devguide/security/${name}`, import.meta.url), 'utf8');

async function createDatabase(engine: CrashEngine, serverUrl: string) {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'psrt-crash-'));
    return { database: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `psrt_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: { url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Starts the services and a seeded database; `reports` reports with a GHSA go through every effect kind. */
export async function startRound(options: {
  engine: CrashEngine;
  serverUrl: string;
  reports: number;
}): Promise<Round> {
  const github = await startGitHubSim();
  const cve = await startCveSim();
  const mailbox = await startMailbox();
  const { database, drop } = await createDatabase(options.engine, options.serverUrl);
  const checkout = mkdtempSync(join(tmpdir(), 'psrt-crash-advisories-'));
  await initCheckout(checkout);
  const open = () =>
    openStore('url' in database ? { databaseUrl: database.url } : { dataDir: database.dataDir });

  const control = github.sim.control;
  for (const login of ['sethmlarson', 'encukou', 'gpshead', 'mira-finds-bugs', 'zip-expert'])
    control.addUser({ login });
  control.addOrg({ login: 'python', owners: ['sethmlarson'], members: ['encukou', 'gpshead'] });
  control.addTeam({ org: 'python', slug: 'psrt', members: ['sethmlarson', 'encukou', 'gpshead'] });
  control.addRepo({ owner: 'python', name: 'cpython' });
  const app = control.createApp(psrtAppSeed(['python']));
  const githubConfig = { url: github.url, appId: app.appId, privateKey: app.privateKey };
  const user = demoPsf.users?.[0] ?? { username: '', apiKey: '' };
  const cveConfig = {
    apiUrl: cve.apiUrl,
    org: demoPsf.shortName,
    user: user.username,
    apiKey: user.apiKey ?? '',
  };

  const child: ChildConfig = {
    database,
    github: githubConfig,
    cve: cveConfig,
    smtp: { host: mailbox.host, port: mailbox.port },
    checkout,
  };

  const store = await open();
  let seedCveRequests = 0;
  try {
    await store.migrate();
    seedCveRequests = await seed(
      { store, now: () => new Date(), log: createLogger('silent') },
      control,
      child,
      () => cve.control.requests().length,
      options.reports,
    );
  } finally {
    await store.close();
  }
  return {
    child,
    openStore: open,
    github,
    cve,
    mailbox,
    seedCveRequests,
    async close() {
      await Promise.all([github.close(), cve.close(), mailbox.close()]);
      await drop();
      rmSync(checkout, { recursive: true, force: true });
    },
  };
}

/**
 * Per GHSA report: coordinator credit and comment, accept (CVE reservation,
 * GHSA to draft, then the CVE ID on the GHSA), a grant and its revocation.
 * One report without a GHSA notifies the team by mail; one report whose CVE
 * ID was set by hand is rejected as a duplicate (the ID rejected at the CNA,
 * the devguide's reply posted on its GHSA). Then the bot looks at GitHub once:
 * the PSRT team is added to every open GHSA; a report accepted as a draft on
 * GitHub is opened accepted (its CVE ID reserved) and gets its temporary
 * private fork; `@psrt-bot public-issue` on a report opens a public issue,
 * after which the report is rejected linking it (reply, GHSA closed). And two
 * reports accepted earlier are published (publication.ts): advisory emails,
 * OSV commits, GHSAs closed, CVE records published. Returns how many CVE
 * Services requests were made by hand, before any runner's.
 */
async function seed(
  ctx: AppContext,
  control: Awaited<ReturnType<typeof startGitHubSim>>['sim']['control'],
  child: ChildConfig,
  cveRequests: () => number,
  reports: number,
): Promise<number> {
  const { services, close } = roundServices(child, ctx.log);
  try {
    return await seedWith(ctx, control, services, cveRequests, reports);
  } finally {
    close();
  }
}

async function seedWith(
  ctx: AppContext,
  control: Awaited<ReturnType<typeof startGitHubSim>>['sim']['control'],
  services: EffectServices,
  cveRequests: () => number,
  reports: number,
): Promise<number> {
  await importRoster(ctx, botPrincipal, {
    members: { text: roster('psrt.csv'), source: 'psrt.csv' },
    emeritus: { text: roster('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
  });
  const seth = await resolvePrincipal(ctx, 'sethmlarson');
  const advisory = (n: number) =>
    control.reportVulnerability({
      as: 'mira-finds-bugs',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: `crash loop report ${n}`, description: `embargoed details ${n}` },
    }).ghsa_id as string;
  const triaged = async (n: number, ghsa: boolean) => {
    const report = await createReport(ctx, seth, {
      repository: 'python/cpython',
      title: `crash loop report ${n}`,
      description: `embargoed details ${n}`,
      ...(ghsa ? { ghsaId: advisory(n), reporter: 'mira-finds-bugs' } : {}),
    });
    await assignCoordinator(ctx, seth, report.id, 'sethmlarson');
    await determineReport(ctx, seth, report.id, 'vulnerability');
    return report;
  };
  const { github: client, cna } = services;
  if (!client || !cna) throw new Error('no GitHub or CNA client to seed with');
  // A CVE ID reserved earlier by hand, for a report rejected below: the runner rejects the ID at the CNA.
  const [reserved] = (await cna.reserveCveIds({ amount: 1, year: new Date().getUTCFullYear() })).cveIds;
  const byHand = cveRequests();
  // What happened before the runners' round (the publications' acceptance, one email sent) is done here.
  const settle = async () => {
    await performDueEffects({ ...ctx, services });
  };
  await publishTwoReports(ctx, seth, triaged, settle, reports + 5);

  for (let n = 1; n <= reports; n++) {
    const report = await triaged(n, true);
    await transitionReport(ctx, seth, report.id, 'accept');
    await grantAccess(ctx, seth, report.id, { login: 'zip-expert', reason: 'expert review' });
    await revokeAccess(ctx, seth, report.id, 'zip-expert');
  }
  await triaged(reports + 1, false);

  // The report the ID reserved by hand was for, rejected as a duplicate.
  const rejected = await triaged(reports + 2, true);
  await editReport(ctx, seth, rejected.id, { cveId: reserved?.cve_id ?? null });
  // A duplicate: the devguide's reply goes on its GHSA, which is closed.
  await transitionReport(ctx, seth, rejected.id, 'reject', {
    rejection: { reason: 'duplicate', detail: 'PSRT-2026-0001' },
  });

  const ref = (ghsaId: string | null) => ({ owner: 'python', repo: 'cpython', ghsaId: ghsaId ?? '' });
  control.acceptReport({ as: 'sethmlarson', ...ref(advisory(reports + 3)) });
  const bug = await triaged(reports + 4, true);
  const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };
  // The bot answers only comments written since it first saw the advisory (GitHub's times have
  // whole seconds): its first look is two seconds back.
  const first = await pollAdvisories({ ...ctx, now: () => new Date(Date.now() - 2_000) }, client, bot);
  control.comment({ as: 'sethmlarson', ...ref(bug.ghsaId), body: '@psrt-bot public-issue' });
  const second = await pollAdvisories(ctx, client, bot);
  if (first.opened !== 1 || second.commands !== 1)
    throw new Error(
      `the bot opened ${first.opened} reports and answered ${second.commands} comments, not 1 and 1`,
    );
  return byHand;
}
