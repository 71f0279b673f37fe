// A world for the effect runner: psrt's store on the engine under test, the
// GitHub and CVE Services simulators with the psrt App and the PSF CNA, and a
// real SMTP server that keeps what it receives. Runner deps point at all three
// the way production points at GitHub, the CNA and the mail relay. Both
// simulators run on psrt's test clock, as GitHub, the CNA and psrt share real
// time in production: a reset or Retry-After GitHub sends is measured on the
// clock the runner schedules by. (The App signs its JWTs with the machine's
// time; octokit corrects the skew from the simulator's Date header, as it
// would against GitHub, at the cost of one refused request per JWT.)
import { afterEach, beforeEach } from 'vitest';
import { type CveSim, createCveSim, demoPsf } from '../../../sim/cve-services/index.ts';
import { createGitHubSim, type GitHubSim } from '../../../sim/github/index.ts';
import { psrtAppSeed } from '../../../sim/github/psrt-app.ts';
import { type Mailbox, startMailbox } from '../../../sim/smtp/index.ts';
import { type RunnerDeps, type RunnerOptions, runDueEffects } from '../../../src/app/effects/runner.ts';
import { type EffectServices, effectServices } from '../../../src/app/effects/services.ts';
import { assignCoordinator, determineReport } from '../../../src/app/reports.ts';
import { serviceClients } from '../../../src/app/service-clients.ts';
import type { Mailer } from '../../../src/mail/mailer.ts';
import { testKey } from '../../support/app-key.ts';
import type { EngineContext } from '../../support/engines.ts';
import { testApp } from '../support.ts';

/** Where each mail audience is delivered: a different address each, to tell them apart. */
const mailAddresses = {
  team: 'psrt@python.example',
  admins: 'psrt-admins@python.example',
  stewardStaff: 'cra@psf.example',
  announce: 'security-announce@python.example',
};

/** A GitHub answer that told the client to slow down, with what it said about when to come back. */
export interface SlowDown {
  status: number;
  path: string;
  /** The answer's Date header (the simulator's clock, which is psrt's). */
  date: Date;
  /** `retry-after`, in seconds, when sent. */
  retryAfterSeconds: number | null;
  /** `x-ratelimit-reset` when the limit was used up (`x-ratelimit-remaining: 0`). */
  reset: Date | null;
}

export function effectsWorld(engine: EngineContext) {
  const app = testApp(engine, new Date('2026-03-10T09:00:00.000Z'));
  let github: GitHubSim;
  let cve: CveSim;
  let mailbox: Mailbox;
  /** The mailers the test's runners opened, closed before the SMTP server is. */
  const mailers: Mailer[] = [];
  const slowDowns: SlowDown[] = [];

  beforeEach(async () => {
    mailbox = await startMailbox();
  });
  afterEach(async () => {
    for (const mailer of mailers.splice(0)) mailer.close();
    await mailbox?.close();
  });

  beforeEach(async () => {
    slowDowns.length = 0;
    github = createGitHubSim({ now: app.clock.now });
    const { control } = github;
    for (const login of ['sethmlarson', 'encukou', 'gpshead', 'mira-finds-bugs', 'zip-expert'])
      control.addUser({ login });
    control.addOrg({ login: 'python', owners: ['sethmlarson'], members: ['encukou', 'gpshead'] });
    control.addRepo({ owner: 'python', name: 'cpython' });
    control.addTeam({ org: 'python', slug: 'psrt', members: ['sethmlarson', 'encukou', 'gpshead'] });
    cve = createCveSim({ orgs: [demoPsf], now: app.clock.now });
    await app.importDevguideRoster();
  });

  const psrtApp = () =>
    github.control.createApp({
      ...psrtAppSeed(['python'], `psrt-${Math.random().toString(36).slice(2, 8)}`),
      privateKey: testKey(),
    });

  /** The simulator's fetch, noting every rate-limit answer it gives. */
  const answeredBy = (sim: GitHubSim) => async (request: Request) => {
    const response = await sim.fetch(request);
    const headers = response.headers;
    if (response.status === 403 || response.status === 429) {
      const retryAfter = headers.get('retry-after');
      const exhausted = headers.get('x-ratelimit-remaining') === '0' && retryAfter === null;
      if (retryAfter !== null || exhausted) {
        slowDowns.push({
          status: response.status,
          path: new URL(request.url).pathname,
          date: new Date(headers.get('date') ?? Number.NaN),
          retryAfterSeconds: retryAfter === null ? null : Number(retryAfter),
          reset: exhausted ? new Date(Number(headers.get('x-ratelimit-reset')) * 1000) : null,
        });
      }
    }
    return response;
  };

  const services = (overrides: Partial<EffectServices> = {}): EffectServices => {
    const installed = psrtApp();
    const user = demoPsf.users?.[0];
    const clients = serviceClients(
      {
        github: {
          url: 'http://github.sim',
          appId: installed.appId,
          privateKey: installed.privateKey,
          fetch: answeredBy(github),
          serializeWrites: false,
          serverErrors: { retries: 0, backoffMs: 1 },
          rateLimit: { maxRetries: 0 },
        },
        cna: {
          apiUrl: 'http://cve.sim/api',
          org: demoPsf.shortName,
          user: user?.username ?? '',
          apiKey: user?.apiKey ?? '',
          fetch: (input, init) => cve.fetch(new Request(input, init)),
          retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
        },
        smtp: { url: mailbox.url, from: 'psrt@python.example', team: mailAddresses.team },
      },
      { log: app.ctx().log, now: app.clock.now },
    );
    if (clients.mailer) mailers.push(clients.mailer);
    return { ...effectServices(clients, mailAddresses), ...overrides };
  };

  const deps = (overrides: Partial<EffectServices> = {}): RunnerDeps => ({
    store: app.store(),
    now: app.clock.now,
    log: app.ctx().log,
    services: services(overrides),
  });

  /** Runs passes until nothing is due (each pass may enqueue follow-ups, e.g. the CVE ID on the GHSA). */
  async function settle(runner = deps(), options: RunnerOptions = {}) {
    const passes = [];
    for (let pass = await runDueEffects(runner, options); pass.claimed > 0; ) {
      passes.push(pass);
      pass = await runDueEffects(runner, options);
    }
    return passes;
  }

  /** A GHSA the reporter filed through private vulnerability reporting. */
  const reportedAdvisory = (summary = 'zipfile: heap overflow on a crafted archive'): string =>
    github.control.reportVulnerability({
      as: 'mira-finds-bugs',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary, description: `Embargoed details: ${summary}` },
    }).ghsa_id as string;

  return {
    app,
    github: () => github,
    cve: () => cve,
    mail: () => [...mailbox.messages()].reverse(),
    services,
    deps,
    settle,
    reportedAdvisory,
    /** A report mirrored from a GHSA the reporter filed, with a coordinator who found it a vulnerability. */
    async triagedReport(summary?: string) {
      const ghsaId = reportedAdvisory(summary);
      const report = await app.newReport('sethmlarson', { ghsaId, reporter: 'mira-finds-bugs' });
      const seth = await app.as('sethmlarson');
      await assignCoordinator(app.ctx(), seth, report.id, 'sethmlarson');
      await determineReport(app.ctx(), seth, report.id, 'vulnerability');
      return { report, ghsaId };
    },
    /** The GHSA as GitHub holds it. */
    advisory: (ghsaId: string) => github.control.advisory({ owner: 'python', repo: 'cpython', ghsaId }),
    /** Rate-limit answers GitHub gave psrt's client, oldest first. */
    slowDowns: () => slowDowns,
    /** Requests the CVE simulator answered, as `METHOD /path`. */
    cveRequests: () => cve.control.requests().map((r) => `${r.method} ${r.path.replace(/^\/api/, '')}`),
    /** Writes that reached the GitHub simulator, as `METHOD /path`. */
    githubWrites: () =>
      github.control
        .requests()
        .filter((r) => r.method !== 'GET' && r.status < 400 && r.path.includes('/security-advisories/'))
        .map((r) => `${r.method} ${r.path}`),
  };
}
