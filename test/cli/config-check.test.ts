// `psrt config check` as an operator runs it before starting psrt: the real
// command, against the GitHub and CVE Services simulators, an SMTP relay that
// wants a login, the IMAP simulator, a PostgreSQL database, an advisory
// database checkout and an OpenPGP key. All well, it says so; each service
// down or refusing psrt's credentials is reported in the same run; and no
// secret, nor a piece of one, is ever printed.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCveSim } from '../../sim/cve-services/index.ts';
import { createGitHubSim, psrtAppSeed } from '../../sim/github/index.ts';
import { type ImapServer, startImapServer } from '../../sim/imap/index.ts';
import { initCheckout } from '../../src/app/advisory-database.ts';
import { openStore } from '../../src/store/index.ts';
import { testKey } from '../support/app-key.ts';
import { createServerDatabase, serverProblem } from '../support/engines.ts';
import { cleanEnv, json, psrt, type Workspace, workspace } from './psrt.ts';

interface CheckJson {
  ok: boolean;
  checks: { check: string; status: 'ok' | 'problem' | 'skipped'; detail: string }[];
}

const smtpUser = 'psrt-bot';
const secrets = {
  smtp: 'smtp-relay-password-1',
  imap: 'imap-mailbox-password-2',
  passphrase: 'openpgp-passphrase-3',
  session: 'a-session-secret-of-more-than-32-characters',
  webhook: 'webhook-secret-value-4',
  cveKey: 'simulated-psf-api-key',
};

let github: { url: string; close(): Promise<void> };
let app: { appId: number; clientId: string; clientSecret: string; privateKey: string };
let cve: Awaited<ReturnType<typeof startCveSim>>;
let relay: { url: string; close(): Promise<void> };
let imap: ImapServer;
let database: { url: string; drop(): Promise<void> } | null = null;
let ws: Workspace;
let armoredKey: string;

/** An SMTP relay that wants psrt's user and password, as a production relay does. */
async function startRelay(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      if (auth.username === smtpUser && auth.password === secrets.smtp) callback(null, { user: smtpUser });
      else callback(new Error('Invalid username or password'));
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${smtpUser}@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A server that takes connections and never says a word: a service that hangs. */
async function startSilent(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const silent = await startSilent();
  await silent.close();
  return silent.port;
}

/** The production configuration every test starts from: every service configured. */
function productionConfig(overrides: { github?: object; cna?: object; mail?: object; intake?: object } = {}) {
  return {
    server: { publicUrl: 'https://psrt.example.org' },
    github: {
      org: 'python',
      team: 'psrt',
      appId: app.appId,
      oauthClientId: app.clientId,
      apiUrl: github.url,
      webUrl: github.url,
      ...overrides.github,
    },
    cna: { shortName: 'PSF', apiUrl: `${cve.url}/api`, user: 'psrt@python.org', ...overrides.cna },
    mail: { smtp: relay.url, ...overrides.mail },
    intake: {
      imap: { url: `imap://security%40python.org@127.0.0.1:${imap.port}` },
      openpgpKey: 'team-key.asc',
      ...overrides.intake,
    },
    advisoryDatabase: { checkout: 'advisory-database' },
  };
}

function productionEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return cleanEnv({
    ...(database ? { DATABASE_URL: database.url } : {}),
    GITHUB_APP_PRIVATE_KEY: app.privateKey,
    PSRT_GITHUB_CLIENT_SECRET: app.clientSecret,
    PSRT_WEBHOOK_SECRET: secrets.webhook,
    PSRT_SESSION_SECRET: secrets.session,
    CVE_API_KEY: secrets.cveKey,
    PSRT_SMTP_PASSWORD: secrets.smtp,
    PSRT_IMAP_PASSWORD: secrets.imap,
    PSRT_OPENPGP_PASSPHRASE: secrets.passphrase,
    ...overrides,
  });
}

/** Runs `psrt config check --json` in a workspace holding `config`, the key and the checkout. */
async function check(config: object, env: NodeJS.ProcessEnv, ...args: string[]) {
  writeFileSync(join(ws.dir, 'psrt.config.json'), JSON.stringify(config));
  const result = await psrt(ws.dir, ['config', 'check', '--json', ...args], env);
  const text = `${result.stdout}${result.stderr}`;
  return { result, text, report: json<CheckJson>(result) };
}

/** Neither a secret nor any 8 characters of one appear in `text`. */
function expectNoSecret(text: string, values: string[]) {
  for (const value of values) {
    const pieces = value
      .split(/\s+/)
      .filter((line) => line.length >= 8 && !/^-----/.test(line))
      .flatMap((line) => [line.slice(0, 8), line.slice(-8)]);
    for (const piece of [value, ...pieces]) expect(text).not.toContain(piece);
  }
}

const statusOf = (report: CheckJson, name: string) => report.checks.filter((c) => c.check === name);

beforeAll(async () => {
  const sim = createGitHubSim();
  const c = sim.control;
  c.addOrg({ login: 'python', owners: ['ned'] });
  c.addUser({ login: 'sethmlarson' });
  c.addRepo({ owner: 'python', name: 'cpython' });
  c.addRepo({ owner: 'python', name: 'devguide' });
  c.addTeam({ org: 'python', slug: 'psrt', members: ['sethmlarson'] });
  const created = c.createApp({ ...psrtAppSeed(['python']), privateKey: testKey() });
  app = created;
  github = await sim.listen();
  cve = await startCveSim();
  relay = await startRelay();
  imap = await startImapServer({ users: { 'security@python.org': secrets.imap } });
  if (!serverProblem || process.env.CI) {
    database = await createServerDatabase();
    const store = await openStore({ databaseUrl: database.url });
    await store.migrate().finally(() => store.close());
  }
  const team = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'Python Security Response Team', email: 'security@python.org' }],
    passphrase: secrets.passphrase,
    format: 'armored',
  });
  armoredKey = team.privateKey;
  ws = workspace();
  writeFileSync(join(ws.dir, 'team-key.asc'), armoredKey);
  await initCheckout(join(ws.dir, 'advisory-database'));
  if (!database) {
    // No PostgreSQL here (and not in CI): the embedded database, migrated, stands in.
    const store = await openStore({ dataDir: ws.dataDir });
    await store.migrate().finally(() => store.close());
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([github?.close(), cve?.close(), relay?.close(), imap?.close(), database?.drop()]);
  ws?.remove();
});

describe('psrt config check', () => {
  it('with every service configured and answering, says each is ok and exits 0', async () => {
    const { result, report, text } = await check(productionConfig(), productionEnv());
    expect(result.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.checks.map((c) => c.check)).toEqual([
      'configuration',
      'session secret',
      'webhook secret',
      'sign-in',
      'public URL',
      'database',
      'GitHub App',
      'CVE Services',
      'SMTP',
      'IMAP',
      'advisory database',
      'OpenPGP key',
    ]);
    expect(statusOf(report, 'database')[0]?.detail).toContain('schema is up to date');
    expect(statusOf(report, 'GitHub App')[0]?.detail).toContain('installed on python');
    expect(statusOf(report, 'CVE Services')[0]?.detail).toMatch(/\d+ of \d+ CVE IDs left/);
    expectNoSecret(text, [...Object.values(secrets), app.privateKey, app.clientSecret]);
  }, 60_000);

  it('reports every service down or refusing its credentials in one run, exits 1, and prints no secret', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const wrong = {
      smtp: 'wrong-smtp-password-5',
      imap: 'wrong-imap-password-6',
      passphrase: 'wrong-passphrase-7',
      cveKey: 'wrong-cve-api-key-8',
      database: 'wrong-database-password-9',
    };
    mkdirSync(join(ws.dir, 'not-a-checkout'), { recursive: true });
    const config = productionConfig({ intake: {} });
    config.advisoryDatabase = { checkout: 'not-a-checkout' };
    const { result, report, text } = await check(
      config,
      productionEnv({
        DATABASE_URL: `postgres://psrt:${wrong.database}@127.0.0.1:${await closedPort()}/psrt`,
        GITHUB_APP_PRIVATE_KEY: otherKey,
        CVE_API_KEY: wrong.cveKey,
        PSRT_SMTP_PASSWORD: wrong.smtp,
        PSRT_IMAP_PASSWORD: wrong.imap,
        PSRT_OPENPGP_PASSPHRASE: wrong.passphrase,
      }),
    );
    expect(result.code).toBe(1);
    expect(report.ok).toBe(false);
    const problems = report.checks.filter((c) => c.status === 'problem').map((c) => c.check);
    expect(problems).toEqual([
      'database',
      'GitHub App',
      'CVE Services',
      'SMTP',
      'IMAP',
      'advisory database',
      'OpenPGP key',
    ]);
    expect(statusOf(report, 'database')[0]?.detail).toContain('Cannot connect to the PostgreSQL server');
    expect(statusOf(report, 'GitHub App')[0]?.detail).toMatch(/getApp failed: GitHub answered 401/);
    expect(statusOf(report, 'CVE Services')[0]?.detail).toContain('401');
    expect(statusOf(report, 'SMTP')[0]?.detail).toContain('refused the login');
    expect(statusOf(report, 'IMAP')[0]?.detail).toContain('IMAP login failed');
    expect(statusOf(report, 'advisory database')[0]?.detail).toContain('is not a git checkout');
    expect(statusOf(report, 'OpenPGP key')[0]?.detail).toContain('PSRT_OPENPGP_PASSPHRASE');
    expectNoSecret(text, [...Object.values(wrong), otherKey, ...Object.values(secrets)]);
  }, 60_000);

  it('a service that takes the connection and never answers is a problem once its time is up, not a hang', async () => {
    const silent = await startSilent();
    try {
      const { result, report } = await check(
        productionConfig({
          cna: { apiUrl: `http://127.0.0.1:${silent.port}/api` },
          mail: { smtp: `smtp://${smtpUser}@127.0.0.1:${silent.port}` },
        }),
        productionEnv(),
        '--timeout',
        '1',
      );
      expect(result.code).toBe(1);
      expect(statusOf(report, 'CVE Services')[0]).toMatchObject({ status: 'problem' });
      expect(statusOf(report, 'CVE Services')[0]?.detail).toMatch(
        /no answer from CVE Services within 1000 ms/,
      );
      expect(statusOf(report, 'SMTP')[0]).toMatchObject({ status: 'problem' });
      expect(statusOf(report, 'SMTP')[0]?.detail).toMatch(/could not be reached|no answer within/);
      expect(statusOf(report, 'GitHub App')[0]).toMatchObject({ status: 'ok' });
    } finally {
      await silent.close();
    }
  }, 60_000);

  it('an App installed without the permissions, events or team psrt uses names each one to fix', async () => {
    const sim = createGitHubSim();
    const c = sim.control;
    c.addOrg({ login: 'python', owners: ['ned'] });
    c.addRepo({ owner: 'python', name: 'cpython' });
    const seed = psrtAppSeed(['python']);
    const { members: _members, ...withoutMembers } = seed.permissions;
    const lacking = c.createApp({
      ...seed,
      permissions: { ...withoutMembers, contents: 'read', issues: 'read' },
      events: seed.events?.filter((event) => event !== 'push'),
      privateKey: testKey(),
    });
    const listening = await sim.listen();
    try {
      const { result, report } = await check(
        productionConfig({ github: { appId: lacking.appId, apiUrl: listening.url } }),
        productionEnv({ GITHUB_APP_PRIVATE_KEY: lacking.privateKey }),
        '--timeout',
        '5',
      );
      expect(result.code).toBe(1);
      const details = statusOf(report, 'GitHub App').map((r) => r.detail);
      expect(details).toEqual([
        expect.stringMatching(
          /lacks the permissions issues: write \(has read\), members: write \(has none\)/,
        ),
        expect.stringMatching(/not subscribed to the events push/),
        expect.stringMatching(/the team python\/psrt \(github.team\) cannot be read/),
      ]);
    } finally {
      await listening.close();
    }
  }, 60_000);

  it('a configuration with several mistakes lists all of them and asks no service', async () => {
    writeFileSync(
      join(ws.dir, 'psrt.config.json'),
      JSON.stringify({ server: { prot: 8080 }, mail: { from: 'nobody' } }),
    );
    const result = await psrt(
      ws.dir,
      ['config', 'check'],
      cleanEnv({ PSRT_SESSION_SECRET: 'too-short-secret', PSRT_IMAP_PASSWORD: 'imap-pw-without-mailbox' }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^problem\s+configuration\s+server: Unrecognized key: "prot"$/m);
    expect(result.stdout).toMatch(/^problem\s+configuration\s+mail\.from: must be an email address/m);
    expect(result.stdout).toMatch(
      /^problem\s+configuration\s+PSRT_SESSION_SECRET: must be at least 32 characters$/m,
    );
    expect(result.stdout).toMatch(/^problem\s+configuration\s+intake\.imap, PSRT_IMAP_PASSWORD: /m);
    expect(result.stdout).toMatch(/^skipped\s+services\s+not asked until the configuration above is fixed$/m);
    expect(result.stdout).toMatch(/^4 problems$/m);
    expectNoSecret(result.stdout + result.stderr, ['too-short-secret', 'imap-pw-without-mailbox']);
  }, 30_000);

  it('--offline checks the file and the environment only', async () => {
    const { result, report } = await check(
      productionConfig(),
      productionEnv({ PSRT_WEBHOOK_SECRET: '' }),
      '--offline',
    );
    expect(result.code).toBe(1);
    expect(report.checks.map((c) => [c.check, c.status])).toEqual([
      ['configuration', 'ok'],
      ['session secret', 'ok'],
      ['webhook secret', 'problem'],
      ['sign-in', 'ok'],
      ['public URL', 'ok'],
    ]);
  }, 30_000);
});
