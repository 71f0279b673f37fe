// A world for the effect runner: psrt's store on the engine under test, the
// GitHub and CVE Services simulators with the psrt App and the PSF CNA, and a
// real SMTP server that keeps what it receives. Runner deps point at all three
// the way production points at GitHub, the CNA and the mail relay.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type CveSim, createCveSim, demoPsf } from '../../../sim/cve-services/index.ts';
import { createGitHubSim, type GitHubSim } from '../../../sim/github/index.ts';
import { type Mailbox, startMailbox } from '../../../sim/smtp/index.ts';
import type { RunnerDeps } from '../../../src/app/effects/runner.ts';
import type { EffectServices, MailSender } from '../../../src/app/effects/services.ts';
import { CnaClient } from '../../../src/cna/index.ts';
import { createGitHubClient } from '../../../src/github/index.ts';
import type { EngineContext } from '../../support/engines.ts';
import { testApp } from '../support.ts';

export const mailTo = {
  team: ['psrt@python.example'],
  admins: ['psrt-admins@python.example'],
  'steward-staff': ['cra@psf.example'],
} as const;

export function effectsWorld(engine: EngineContext) {
  const app = testApp(engine, new Date('2026-03-10T09:00:00.000Z'));
  let github: GitHubSim;
  let cve: CveSim;
  let mailbox: Mailbox;
  let mailer: MailSender;

  beforeAll(async () => {
    mailbox = await startMailbox();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false });
    mailer = {
      send: (message) =>
        transport.sendMail({ from: 'psrt@python.example', ...message, to: message.to.join(', ') }),
    };
  });
  afterAll(async () => {
    await mailbox?.close();
  });

  beforeEach(async () => {
    mailbox.received.length = 0;
    github = createGitHubSim();
    const { control } = github;
    for (const login of ['sethmlarson', 'encukou', 'gpshead', 'mira-finds-bugs', 'zip-expert'])
      control.addUser({ login });
    control.addOrg({ login: 'python', owners: ['sethmlarson'], members: ['encukou', 'gpshead'] });
    control.addRepo({ owner: 'python', name: 'cpython' });
    control.addTeam({ org: 'python', slug: 'psrt', members: ['sethmlarson', 'encukou', 'gpshead'] });
    cve = createCveSim({ orgs: [demoPsf] });
    await app.importDevguideRoster();
  });

  const psrtApp = () =>
    github.control.createApp({
      name: `psrt-${Math.random().toString(36).slice(2, 8)}`,
      permissions: {
        repository_advisories: 'write',
        members: 'read',
        contents: 'read',
        pull_requests: 'read',
      },
      events: ['repository_advisory'],
      installations: [{ account: 'python' }],
    });

  const services = (overrides: Partial<EffectServices> = {}): EffectServices => {
    const installed = psrtApp();
    const user = demoPsf.users?.[0];
    return {
      github: createGitHubClient({
        appId: installed.appId,
        privateKey: installed.privateKey,
        baseUrl: 'http://github.sim',
        fetch: (request) => github.fetch(request),
        log: { debug() {}, info() {}, warn() {}, error() {} },
        serializeWrites: false,
        serverErrors: { retries: 0, backoffMs: 1 },
        rateLimit: { maxRetries: 0 },
      }),
      cna: new CnaClient({
        baseUrl: 'http://cve.sim/api',
        org: demoPsf.shortName,
        user: user?.username ?? '',
        apiKey: user?.apiKey ?? '',
        fetch: (input, init) => cve.fetch(new Request(input, init)),
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      }),
      cnaUser: user?.username ?? null,
      mailer,
      mailTo,
      ...overrides,
    };
  };

  return {
    app,
    github: () => github,
    cve: () => cve,
    mail: () => mailbox.received,
    services,
    deps: (overrides: Partial<EffectServices> = {}): RunnerDeps => ({
      store: app.store(),
      now: app.clock.now,
      log: app.ctx().log,
      services: services(overrides),
    }),
    /** A GHSA the reporter filed through private vulnerability reporting. */
    reportedAdvisory(summary = 'zipfile: heap overflow on a crafted archive'): string {
      return github.control.reportVulnerability({
        as: 'mira-finds-bugs',
        owner: 'python',
        repo: 'cpython',
        advisory: { summary, description: `Embargoed details: ${summary}` },
      }).ghsa_id as string;
    },
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
