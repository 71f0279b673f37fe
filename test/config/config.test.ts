// The configuration an operator writes: one JSON file plus environment
// variables for secrets. A mistake stops psrt with a message that names the
// field to fix and never repeats a secret back.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Config,
  ConfigError,
  type LoadConfigOptions,
  loadConfig,
  readConfiguration,
} from '../../src/config/config.ts';

const root = mkdtempSync(join(tmpdir(), 'psrt-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** A fresh working folder, optionally holding `psrt.config.json` (or another named file). */
function folder(files: Record<string, unknown> = {}): string {
  const dir = join(root, `case-${++folders}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

/** The ConfigError that loading throws; fails the test when loading succeeds or throws something else. */
function configError(options: LoadConfigOptions): ConfigError {
  let loaded: Config;
  try {
    loaded = loadConfig(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError, but the configuration loaded: ${JSON.stringify(loaded)}`);
}

const githubKey =
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretkeymaterial\n-----END RSA PRIVATE KEY-----';

describe('without a configuration file', () => {
  it('runs on the defaults: localhost:8080, an embedded database in .psrt/data, the python org and the PSF CNA', () => {
    const cwd = folder();
    const config = loadConfig({ env: {}, cwd });
    expect(config.source).toBe('defaults');
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8080, leaseSeconds: 120 });
    expect(config.dataDir).toBe(join(cwd, '.psrt', 'data'));
    expect(config.databaseUrl).toBeNull();
    expect(config.github).toMatchObject({ org: 'python', team: 'psrt', apiUrl: 'https://api.github.com' });
    expect(config.cna).toMatchObject({ shortName: 'PSF' });
    expect(config.log.level).toBe('info');
    expect(config.actor).toBeNull();
  });

  it('sends no mail (no relay), and would send from security@python.org, notify psrt@python.org, announce on security-announce@python.org and write to the Steering Council at steering-council@python.org', () => {
    const config = loadConfig({ env: {}, cwd: folder() });
    expect(config.mail).toEqual({
      from: 'security@python.org',
      team: 'psrt@python.org',
      announce: 'security-announce@python.org',
      steeringCouncil: 'steering-council@python.org',
    });
  });

  it('commits OSV records nowhere until a checkout of the advisory database is set, and in the sandbox sethmlarson is the CNA operator', () => {
    const config = loadConfig({ env: {}, cwd: folder() });
    expect(config.advisoryDatabase).toEqual({ push: false, checkout: undefined });
    expect(config.cna.operators).toEqual(['sethmlarson']);
  });

  it('is a sandbox when no GitHub App credentials are configured, and holds no secrets', () => {
    const config = loadConfig({ env: {}, cwd: folder() });
    expect(config.sandbox).toBe(true);
    expect(config.secrets).toEqual({
      sessionSecret: null,
      githubPrivateKey: null,
      githubWebhookSecret: null,
      githubClientSecret: null,
      cveApiKey: null,
      smtpPassword: null,
      imapPassword: null,
      openpgpPassphrase: null,
      metricsToken: null,
    });
  });
});

describe('the Steering Council', () => {
  it('defaults to the Council of the 2026 term, by GitHub login', () => {
    const config = loadConfig({ env: {}, cwd: folder() });
    expect(config.steeringCouncil).toEqual(['pablogsal', 'savannahostrowski', 'warsaw', 'corona10', 'Yhg1s']);
  });

  it('is set in the file when a new term starts', () => {
    const cwd = folder({ 'psrt.config.json': { steeringCouncil: ['warsaw', 'gpshead'] } });
    expect(loadConfig({ env: {}, cwd }).steeringCouncil).toEqual(['warsaw', 'gpshead']);
  });

  it('refuses an entry that is not a GitHub login, naming its place in the list', () => {
    const cwd = folder({ 'psrt.config.json': { steeringCouncil: ['warsaw', 'Barry Warsaw'] } });
    expect(configError({ env: {}, cwd }).message).toMatch(/^\s*steeringCouncil\.1: must be a GitHub login/m);
  });
});

describe('the configuration file', () => {
  it('is read from psrt.config.json in the working folder, with the database folder relative to the file', () => {
    const cwd = folder({ 'psrt.config.json': { server: { port: 9090 }, database: { dataDir: 'db' } } });
    const config = loadConfig({ env: {}, cwd });
    expect(config.source).toBe(join(cwd, 'psrt.config.json'));
    expect(config.server.port).toBe(9090);
    expect(config.dataDir).toBe(join(cwd, 'db'));
  });

  it('given with --config, resolves the database folder next to that file, not the working folder', () => {
    const cwd = folder();
    mkdirSync(join(cwd, 'etc'));
    writeFileSync(join(cwd, 'etc', 'psrt.json'), JSON.stringify({ database: { dataDir: 'data' } }));
    const config = loadConfig({ file: 'etc/psrt.json', env: {}, cwd });
    expect(config.dataDir).toBe(join(cwd, 'etc', 'data'));
  });

  it('can be named by PSRT_CONFIG', () => {
    const cwd = folder({ 'team.json': { github: { org: 'pypa', team: 'security' } } });
    const config = loadConfig({ env: { PSRT_CONFIG: 'team.json' }, cwd });
    expect(config.github).toMatchObject({ org: 'pypa', team: 'security' });
  });

  it('with a wrongly typed value is refused, naming the field path and the file', () => {
    const cwd = folder({ 'psrt.config.json': { server: { port: 'eighty' } } });
    const error = configError({ env: {}, cwd });
    expect(error.message).toContain(join(cwd, 'psrt.config.json'));
    expect(error.message).toMatch(/^\s*server\.port: /m);
  });

  it('with an unknown key (a typo) is refused, naming the key and where it is', () => {
    const cwd = folder({ 'psrt.config.json': { server: { prot: 80 } } });
    const error = configError({ env: {}, cwd });
    expect(error.message).toMatch(/^\s*server: .*"prot"/m);
  });

  it('lists every bad field at once, so one round of fixes is enough', () => {
    const cwd = folder({
      'psrt.config.json': {
        server: { port: 70000, publicUrl: 'not a url' },
        log: { level: 'loud' },
        operator: 'no spaces',
      },
    });
    const error = configError({ env: {}, cwd });
    for (const field of ['server.port', 'server.publicUrl', 'log.level', 'operator']) {
      expect(error.message).toMatch(new RegExp(`^\\s*${field.replace('.', '\\.')}: `, 'm'));
    }
  });

  it("lists the file's bad fields, the bad variables and the settings missing their partner together, never a value", () => {
    const cwd = folder({ 'psrt.config.json': { server: { port: 'eighty' }, github: { appId: 12 } } });
    const env = { DATABASE_URL: 'mysql://root:db-password@db', PSRT_SMTP_PASSWORD: 'relay-password' };
    const reading = readConfiguration({ env, cwd });
    expect(reading.config).toBeNull();
    expect(reading.problems.map((p) => [p.kind, p.where])).toEqual([
      ['file', 'server.port'],
      ['environment', 'DATABASE_URL'],
      ['together', 'github.appId, GITHUB_APP_PRIVATE_KEY'],
      ['together', 'mail.smtp, PSRT_SMTP_PASSWORD'],
    ]);
    const error = configError({ env, cwd });
    expect(error.message).toMatch(/^\s*server\.port: /m);
    expect(error.message).toMatch(/^\s*DATABASE_URL: /m);
    expect(error.message).toContain('github.appId and GITHUB_APP_PRIVATE_KEY go together');
    expect(error.message).toContain('PSRT_SMTP_PASSWORD is set but mail.smtp is not');
    for (const secret of ['db-password', 'relay-password']) expect(error.message).not.toContain(secret);
  });

  it.each([
    ['javascript:alert(document.cookie)', 'must be an https:// URL'],
    ['file:///etc/passwd', 'must be an https:// URL'],
    ['http://psrt.example.org', 'must use https://'],
    ['https://admin:hunter2@psrt.example.org', 'must not contain a user name or password'],
    ['psrt.example.org', 'must be a URL'],
  ])('a public URL of %s is refused, naming server.publicUrl', (publicUrl, message) => {
    const cwd = folder({ 'psrt.config.json': { server: { publicUrl } } });
    const error = configError({ env: {}, cwd });
    expect(error.message).toContain(`server.publicUrl: ${message}`);
    expect(error.message).not.toContain('hunter2');
  });

  it.each(['https://psrt.example.org', 'http://localhost:8080', 'http://127.0.0.1:8080/psrt'])(
    'a public URL of %s is accepted',
    (publicUrl) => {
      const cwd = folder({ 'psrt.config.json': { server: { publicUrl } } });
      expect(loadConfig({ env: {}, cwd }).server.publicUrl).toBe(publicUrl);
    },
  );

  it('that is not valid JSON is refused, naming the file', () => {
    const cwd = folder({ 'psrt.config.json': '{ "server": { "port": 8080, } }' });
    const error = configError({ env: {}, cwd });
    expect(error.message).toContain(join(cwd, 'psrt.config.json'));
    expect(error.message).toContain('not valid JSON');
  });

  it('that is named explicitly but missing is an error, not a silent fallback to the defaults', () => {
    const cwd = folder();
    const error = configError({ file: 'prod.json', env: {}, cwd });
    expect(error.message).toContain(join(cwd, 'prod.json'));
    expect(error.message).toContain('does not exist');
    expect(configError({ env: { PSRT_CONFIG: 'prod.json' }, cwd }).message).toContain('does not exist');
  });
});

describe('environment variables', () => {
  it('DATABASE_URL switches from the embedded database to a PostgreSQL server', () => {
    const url = 'postgres://psrt:pw@db.internal:5432/psrt';
    const config = loadConfig({ env: { DATABASE_URL: url }, cwd: folder() });
    expect(config.databaseUrl).toBe(url);
    expect(config.dataDir).toBeNull();
  });

  it('a DATABASE_URL that is not a PostgreSQL URL is refused by name, without echoing its password', () => {
    const error = configError({
      env: { DATABASE_URL: 'mysql://psrt:s3cret-pw@db.internal/psrt' },
      cwd: folder(),
    });
    expect(error.message).toMatch(/^\s*DATABASE_URL: /m);
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('PSRT_PORT overrides the port in the file; a port that is not a number is refused by name', () => {
    const cwd = folder({ 'psrt.config.json': { server: { port: 9090 } } });
    expect(loadConfig({ env: { PSRT_PORT: '8181' }, cwd }).server.port).toBe(8181);
    expect(configError({ env: { PSRT_PORT: 'eighty' }, cwd }).message).toMatch(/^\s*PSRT_PORT: /m);
  });

  it('an empty PSRT_PORT (as compose files write it) means "not set", not a random port', () => {
    const config = loadConfig({ env: { PSRT_PORT: '' }, cwd: folder() });
    expect(config.server.port).toBe(8080);
  });

  it('an empty PSRT_CONFIG means "not set": psrt.config.json in the working folder is read', () => {
    const cwd = folder({ 'psrt.config.json': { server: { port: 9090 } } });
    const config = loadConfig({ env: { PSRT_CONFIG: '' }, cwd });
    expect(config.server.port).toBe(9090);
  });

  it('the CLI acts as PSRT_ACTOR, else as the operator named in the file', () => {
    const cwd = folder({ 'psrt.config.json': { operator: 'sethmlarson' } });
    expect(loadConfig({ env: {}, cwd }).actor).toBe('sethmlarson');
    expect(loadConfig({ env: { PSRT_ACTOR: 'warsaw' }, cwd }).actor).toBe('warsaw');
  });

  it('a GitHub App id without GITHUB_APP_PRIVATE_KEY is refused, and so is a key without an id', () => {
    const withId = folder({ 'psrt.config.json': { github: { appId: 12345 } } });
    const error = configError({ env: {}, cwd: withId });
    expect(error.message).toContain('github.appId');
    expect(error.message).toContain('GITHUB_APP_PRIVATE_KEY');

    const keyOnly = configError({ env: { GITHUB_APP_PRIVATE_KEY: githubKey }, cwd: folder() });
    expect(keyOnly.message).toContain('GITHUB_APP_PRIVATE_KEY');
    expect(keyOnly.message).not.toContain('secretkeymaterial');
  });

  it('with a GitHub App id and its key, psrt runs against GitHub (not the sandbox) and keeps the secrets apart', () => {
    const cwd = folder({ 'psrt.config.json': { github: { appId: 12345 } } });
    const sessionSecret = 'x'.repeat(40);
    const config = loadConfig({
      env: { GITHUB_APP_PRIVATE_KEY: githubKey, PSRT_SESSION_SECRET: sessionSecret, CVE_API_KEY: 'cve-key' },
      cwd,
    });
    expect(config.sandbox).toBe(false);
    expect(config.github.appId).toBe(12345);
    expect(config.secrets).toEqual({
      sessionSecret,
      githubPrivateKey: githubKey,
      githubWebhookSecret: null,
      githubClientSecret: null,
      cveApiKey: 'cve-key',
      smtpPassword: null,
      imapPassword: null,
      openpgpPassphrase: null,
      metricsToken: null,
    });
  });

  it('the App key may come from the file GITHUB_APP_PRIVATE_KEY_FILE names (relative to the config file), never from both', () => {
    const cwd = folder({ 'psrt.config.json': { github: { appId: 12345 } }, 'github-app.pem': githubKey });
    const config = loadConfig({ env: { GITHUB_APP_PRIVATE_KEY_FILE: 'github-app.pem' }, cwd });
    expect(config.sandbox).toBe(false);
    expect(config.secrets.githubPrivateKey).toBe(githubKey);

    const both = configError({
      env: { GITHUB_APP_PRIVATE_KEY_FILE: 'github-app.pem', GITHUB_APP_PRIVATE_KEY: githubKey },
      cwd,
    });
    expect(both.message).toContain('both set');
    expect(both.message).not.toContain('secretkeymaterial');

    const missing = configError({ env: { GITHUB_APP_PRIVATE_KEY_FILE: 'elsewhere.pem' }, cwd });
    expect(missing.message).toContain(
      `GITHUB_APP_PRIVATE_KEY_FILE: cannot read ${join(cwd, 'elsewhere.pem')}: ENOENT`,
    );
  });

  it("the GitHub App's webhook secret is read from PSRT_WEBHOOK_SECRET, never from the file", () => {
    const config = loadConfig({ env: { PSRT_WEBHOOK_SECRET: 'hook-secret' }, cwd: folder() });
    expect(config.secrets.githubWebhookSecret).toBe('hook-secret');
    const inFile = configError({
      cwd: folder({ 'psrt.config.json': { github: { webhookSecret: 'x' } } }),
      env: {},
    });
    expect(inFile.message).toMatch(/github/);
    expect(inFile.message).not.toContain('"x"');
  });

  it('"Sign in with GitHub" takes the App\'s client ID from the file and its secret from PSRT_GITHUB_CLIENT_SECRET, on github.com unless webUrl says otherwise', () => {
    expect(loadConfig({ env: {}, cwd: folder() }).github).toMatchObject({ webUrl: 'https://github.com' });
    const cwd = folder({
      'psrt.config.json': { github: { oauthClientId: 'Iv23liABC', webUrl: 'https://github.example.org' } },
    });
    const config = loadConfig({ env: { PSRT_GITHUB_CLIENT_SECRET: 'client-secret-value' }, cwd });
    expect(config.github).toMatchObject({ oauthClientId: 'Iv23liABC', webUrl: 'https://github.example.org' });
    expect(config.secrets.githubClientSecret).toBe('client-secret-value');
  });

  it('the OAuth client ID and its secret go together; the secret is never shown', () => {
    const idOnly = configError({
      cwd: folder({ 'psrt.config.json': { github: { oauthClientId: 'Iv23liABC' } } }),
      env: {},
    });
    expect(idOnly.message).toContain('PSRT_GITHUB_CLIENT_SECRET');
    const secretOnly = configError({
      cwd: folder(),
      env: { PSRT_GITHUB_CLIENT_SECRET: 'client-secret-value' },
    });
    expect(secretOnly.message).toContain('github.oauthClientId');
    expect(secretOnly.message).not.toContain('client-secret-value');
  });

  it('a too-short PSRT_SESSION_SECRET is refused by name and the secret is never shown', () => {
    const error = configError({ env: { PSRT_SESSION_SECRET: 'hunter2' }, cwd: folder() });
    expect(error.message).toMatch(/^\s*PSRT_SESSION_SECRET: .*32/m);
    expect(error.message).not.toContain('hunter2');
    expect(String(error.stack)).not.toContain('hunter2');
  });

  it('no secret value appears in the message when several variables are wrong at once', () => {
    const secrets = {
      PSRT_SESSION_SECRET: 'short-secret-value',
      DATABASE_URL: 'mysql://psrt:do-not-echo@host/psrt',
      PSRT_PORT: 'http',
      PSRT_ACTOR: 'not a login',
    };
    const error = configError({ env: secrets, cwd: folder() });
    for (const field of Object.keys(secrets)) {
      expect(error.message).toMatch(new RegExp(`^\\s*${field}: `, 'm'));
    }
    expect(error.message).not.toContain('short-secret-value');
    expect(error.message).not.toContain('do-not-echo');
  });
});

describe('mail and CVE Services settings', () => {
  it('mail.smtp names the relay; a user may go in it, the password in PSRT_SMTP_PASSWORD only', () => {
    const cwd = folder({
      'psrt.config.json': {
        mail: { smtp: 'smtp://psrt-bot@mail.python.org:587', from: 'PSRT <security@python.org>' },
      },
    });
    const config = loadConfig({ env: { PSRT_SMTP_PASSWORD: 'relay-pw' }, cwd });
    expect(config.mail).toEqual({
      smtp: 'smtp://psrt-bot@mail.python.org:587',
      from: 'PSRT <security@python.org>',
      team: 'psrt@python.org',
      announce: 'security-announce@python.org',
      steeringCouncil: 'steering-council@python.org',
    });
    expect(config.secrets.smtpPassword).toBe('relay-pw');
  });

  it('an smtps:// relay (TLS from the first byte) is accepted too', () => {
    const cwd = folder({ 'psrt.config.json': { mail: { smtp: 'smtps://mail.python.org:465' } } });
    expect(loadConfig({ env: {}, cwd }).mail.smtp).toBe('smtps://mail.python.org:465');
  });

  it('a relay that is not an smtp:// or smtps:// URL is refused by name', () => {
    const cwd = folder({ 'psrt.config.json': { mail: { smtp: 'https://mail.python.org' } } });
    expect(configError({ env: {}, cwd }).message).toMatch(/^\s*mail\.smtp: must be an smtp:\/\/host:port/m);
  });

  it('a password written in mail.smtp is refused without repeating it, pointing to PSRT_SMTP_PASSWORD', () => {
    const cwd = folder({
      'psrt.config.json': { mail: { smtp: 'smtp://bot:pw-in-file@mail.python.org:587' } },
    });
    const error = configError({ env: {}, cwd });
    expect(error.message).toMatch(/^\s*mail\.smtp: .*PSRT_SMTP_PASSWORD/m);
    expect(error.message).not.toContain('pw-in-file');
  });

  it('sender and team addresses that are not email addresses are refused by name', () => {
    const cwd = folder({ 'psrt.config.json': { mail: { from: 'security at python.org', team: 'psrt' } } });
    const error = configError({ env: {}, cwd });
    expect(error.message).toMatch(/^\s*mail\.from: must be an email address/m);
    expect(error.message).toMatch(/^\s*mail\.team: must be an email address/m);
  });

  it('PSRT_SMTP_PASSWORD without a relay, or without a user to log in as, is refused without repeating it', () => {
    const noRelay = configError({ env: { PSRT_SMTP_PASSWORD: 'relay-pw' }, cwd: folder() });
    expect(noRelay.message).toContain('mail.smtp');
    expect(noRelay.message).not.toContain('relay-pw');

    const cwd = folder({ 'psrt.config.json': { mail: { smtp: 'smtp://mail.python.org:587' } } });
    const noUser = configError({ env: { PSRT_SMTP_PASSWORD: 'relay-pw' }, cwd });
    expect(noUser.message).toContain('smtp://USER@');
    expect(noUser.message).not.toContain('relay-pw');
  });

  it('cna.user is the CVE Services user psrt acts as, with CVE_API_KEY', () => {
    const cwd = folder({ 'psrt.config.json': { cna: { user: 'psrt@python.org' } } });
    const config = loadConfig({ env: { CVE_API_KEY: 'cve-key' }, cwd });
    expect(config.cna).toEqual({
      shortName: 'PSF',
      apiUrl: 'https://cveawg.mitre.org/api',
      user: 'psrt@python.org',
      operators: ['sethmlarson'],
    });
    expect(config.secrets.cveApiKey).toBe('cve-key');
  });
});

describe('security@ intake settings', () => {
  it('runs no SMTP intake unless a port is set, acknowledges with a week until the next update, and resolves the OpenPGP key beside the file', () => {
    const defaults = loadConfig({ env: {}, cwd: folder() }).intake;
    expect(defaults.smtpPort).toBeUndefined();
    expect(defaults).toMatchObject({
      smtpHost: '127.0.0.1',
      acknowledgeDays: 7,
      maxMessageBytes: 30 * 2 ** 20,
    });
    const cwd = folder({ 'psrt.config.json': { intake: { smtpPort: 2525, openpgpKey: 'keys/psrt.asc' } } });
    const config = loadConfig({ env: { PSRT_OPENPGP_PASSPHRASE: 'pass' }, cwd });
    expect(config.intake.smtpPort).toBe(2525);
    expect(config.intake.openpgpKey).toBe(join(cwd, 'keys/psrt.asc'));
    expect(config.secrets.openpgpPassphrase).toBe('pass');
  });

  it('forwards only to configured destinations; the sandbox has two of its own', () => {
    expect(loadConfig({ env: {}, cwd: folder() }).intake.forwardTo.map((d) => d.name)).toEqual([
      'PyPI',
      'python.org infrastructure',
    ]);
    const cwd = folder({
      'psrt.config.json': { intake: { forwardTo: [{ name: 'pip', address: 'security@pypa.io' }] } },
    });
    expect(loadConfig({ env: {}, cwd }).intake.forwardTo).toEqual([
      { name: 'pip', address: 'security@pypa.io' },
    ]);
    const bad = folder({ 'psrt.config.json': { intake: { forwardTo: [{ name: 'pip', address: 'pypa' }] } } });
    expect(configError({ env: {}, cwd: bad }).message).toMatch(
      /intake\.forwardTo\.0\.address: must be an email address/,
    );
  });

  it('an IMAP mailbox takes its password from PSRT_IMAP_PASSWORD only; a password in the URL, or one without a mailbox, is refused without repeating it', () => {
    const cwd = folder({
      'psrt.config.json': { intake: { imap: { url: 'imaps://security%40python.org@mail.python.org' } } },
    });
    const config = loadConfig({ env: { PSRT_IMAP_PASSWORD: 'imap-pw' }, cwd });
    expect(config.intake.imap).toEqual({
      url: 'imaps://security%40python.org@mail.python.org',
      mailbox: 'INBOX',
      pollSeconds: 60,
    });
    expect(config.secrets.imapPassword).toBe('imap-pw');
    const inUrl = folder({
      'psrt.config.json': { intake: { imap: { url: 'imaps://u:secret-pw@mail.python.org' } } },
    });
    const error = configError({ env: {}, cwd: inUrl });
    expect(error.message).toMatch(/intake\.imap\.url: .*PSRT_IMAP_PASSWORD/);
    expect(error.message).not.toContain('secret-pw');
    const noMailbox = configError({ env: { PSRT_IMAP_PASSWORD: 'imap-pw' }, cwd: folder() });
    expect(noMailbox.message).toContain('intake.imap');
    expect(noMailbox.message).not.toContain('imap-pw');
  });
});
