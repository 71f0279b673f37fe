// Opening psrt as the server and every command do: what is configured decides
// which outside services there are (GitHub App, CVE Services, a mail relay),
// each client reaches its service (the simulators, listening locally), and the
// schema is brought up to date only when asked; otherwise an old database is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSim } from '../../sim/github/index.ts';
import { MigrationsPendingError, type OpenedApp, openApp } from '../../src/app/open.ts';
import { type Config, loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';

const log = createLogger('silent');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Creating an embedded database costs seconds; the tests that need no fresh one share this one.
let migrated = '';
beforeAll(async () => {
  const config = configWith({});
  await (await openApp(config, { log, migrations: 'apply' })).close();
  migrated = config.dataDir ?? '';
});

/** The configuration an operator would write in a fresh folder; its database is `dataDir` or a new one beside it. */
function configWith(
  file: Record<string, unknown>,
  env: Record<string, string> = {},
  dataDir: string = 'data',
): Config {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-open-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'psrt.config.json'), JSON.stringify({ database: { dataDir }, ...file }));
  return loadConfig({ env, cwd: dir });
}

/** As configWith, on the shared migrated database. */
const configOnMigrated = (file: Record<string, unknown>, env: Record<string, string> = {}) =>
  configWith(file, env, migrated);

async function using<T>(app: OpenedApp, fn: (app: OpenedApp) => Promise<T>): Promise<T> {
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

describe('the outside services psrt is given', () => {
  let github: Awaited<ReturnType<typeof startGitHubSim>>;
  let cve: Awaited<ReturnType<typeof import('../../sim/cve-services/index.ts').startCveSim>>;
  let cveUser: { username: string; apiKey: string };
  let app: { appId: number; privateKey: string };

  beforeAll(async () => {
    const { demoPsf, startCveSim } = await import('../../sim/cve-services/index.ts');
    github = await startGitHubSim();
    cve = await startCveSim();
    const user = demoPsf.users?.[0];
    if (!user?.apiKey) throw new Error('the demo PSF CNA has no user with a key');
    cveUser = { username: user.username, apiKey: user.apiKey };
    github.sim.control.addOrg({ login: 'python', name: 'Python', members: [] });
    app = github.sim.control.createApp({
      name: 'psrt',
      permissions: { repository_advisories: 'write' },
      installations: [{ account: 'python' }],
    });
  });
  afterAll(async () => {
    await github?.close();
    await cve?.close();
  });

  it('are none when nothing is configured: no GitHub client, no CVE Services client, no mailer', async () => {
    const opened = await openApp(configOnMigrated({}), { log, migrations: 'require' });
    await using(opened, async ({ github, cna, mailer }) => {
      expect(github).toBeNull();
      expect(cna).toBeNull();
      expect(mailer).toBeNull();
    });
  });

  it('with github.appId and GITHUB_APP_PRIVATE_KEY, a GitHub client acting as that App at github.apiUrl', async () => {
    const config = configOnMigrated(
      { github: { appId: app.appId, apiUrl: github.url } },
      { GITHUB_APP_PRIVATE_KEY: app.privateKey },
    );
    await using(await openApp(config, { log, migrations: 'require' }), async (opened) => {
      const installations = await opened.github?.listInstallations();
      expect(installations?.map((i) => i.account && 'login' in i.account && i.account.login)).toEqual([
        'python',
      ]);
    });
  });

  it("sends GitHub writes a second apart, as GitHub asks of integrations, unless github.spaceWrites is false (a simulator's rule)", async () => {
    const c = github.sim.control;
    c.addUser({ login: 'mira-finds-bugs' });
    c.addRepo({ owner: 'python', name: 'cpython' });
    const { ghsa_id: ghsaId } = c.reportVulnerability({
      as: 'mira-finds-bugs',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'zipfile: heap overflow', description: 'A crafted archive overflows a buffer.' },
    });
    /** Milliseconds three comments take when posted all at once. */
    const threeComments = async (spaceWrites?: boolean) => {
      const config = configOnMigrated(
        {
          github: {
            appId: app.appId,
            apiUrl: github.url,
            ...(spaceWrites === undefined ? {} : { spaceWrites }),
          },
        },
        { GITHUB_APP_PRIVATE_KEY: app.privateKey },
      );
      return using(await openApp(config, { log, migrations: 'require' }), async (opened) => {
        const [installation] = (await opened.github?.listInstallations()) ?? [];
        const client = opened.github?.forInstallation(installation?.id ?? 0);
        const started = performance.now();
        await Promise.all(
          [1, 2, 3].map((n) => client?.createComment('python', 'cpython', ghsaId, `Comment ${n}`)),
        );
        return performance.now() - started;
      });
    };
    expect(await threeComments()).toBeGreaterThanOrEqual(1_900);
    expect(await threeComments(false)).toBeLessThan(1_000);
    expect(c.advisoryComments({ owner: 'python', repo: 'cpython', ghsaId })).toHaveLength(6);
  });

  it('with cna.user and CVE_API_KEY, a CVE Services client for cna.shortName at cna.apiUrl', async () => {
    const config = configOnMigrated(
      { cna: { shortName: 'PSF', apiUrl: cve.apiUrl, user: cveUser.username } },
      { CVE_API_KEY: cveUser.apiKey },
    );
    await using(await openApp(config, { log, migrations: 'require' }), async (opened) => {
      const quota = await opened.cna?.getQuota();
      expect(quota?.id_quota).toBe(100);
      expect(opened.cnaUser).toBe(cveUser.username);
    });
  });

  it('a CVE_API_KEY without cna.user gives no CVE Services client (and says so in the log)', async () => {
    const config = configOnMigrated({}, { CVE_API_KEY: 'some-key' });
    const lines: string[] = [];
    const capture = createLogger('warn', {
      write: (line: string) => lines.push(line),
    } as unknown as NodeJS.WritableStream);
    await using(await openApp(config, { log: capture, migrations: 'require' }), async (opened) => {
      expect(opened.cna).toBeNull();
      expect(opened.cnaUser).toBeNull();
    });
    expect(lines.join('')).toContain('cna.user');
    expect(lines.join('')).not.toContain('some-key');
  });

  it('with mail.smtp, a mailer sending from mail.from that knows the team address', async () => {
    const config = configOnMigrated({
      mail: { smtp: 'smtp://psrt-bot@mail.example.org:587', from: 'PSRT <security@python.org>' },
    });
    await using(await openApp(config, { log, migrations: 'require' }), async ({ mailer }) => {
      expect(mailer?.relay).toBe('smtp://mail.example.org:587');
      expect(mailer?.from).toBe('PSRT <security@python.org>');
      expect(mailer?.team).toBe('psrt@python.org');
    });
  });

  it('overrides (the sandbox simulators) win over the configuration, and may be started once the database is open', async () => {
    const config = configOnMigrated({ mail: { smtp: 'smtp://mail.example.org:587' } });
    let sawDatabase = false;
    const opened = await openApp(config, {
      log,
      migrations: 'require',
      services: async (ctx) => {
        await ctx.store.ping();
        sawDatabase = true;
        return {
          github: { url: github.url, appId: app.appId, privateKey: app.privateKey },
          cna: { apiUrl: cve.apiUrl, org: 'PSF', user: cveUser.username, apiKey: cveUser.apiKey },
          smtp: { url: 'smtp://127.0.0.1:2525' },
        };
      },
    });
    await using(opened, async ({ github: client, cna, mailer }) => {
      expect(sawDatabase).toBe(true);
      expect((await client?.listInstallations())?.length).toBe(1);
      expect((await cna?.getQuota())?.id_quota).toBe(100);
      expect(mailer?.relay).toBe('smtp://127.0.0.1:2525');
    });
  });
});

describe('the schema when opening', () => {
  // One data folder, in the order an operator meets it: new, set up by the first command; then
  // behind this psrt (a migration not applied), refused until `psrt db migrate`.
  let config: Config;
  beforeAll(() => {
    config = configWith({});
  });

  it('a new, empty data folder is set up by the first command that opens it', async () => {
    await using(await openApp(config, { log, migrations: 'require' }), async ({ ctx }) => {
      expect(await ctx.store.pendingMigrations()).toBe(0);
    });
  });

  it('a database behind this psrt is refused, naming psrt db migrate, and left as it was', async () => {
    const behind = await openStore({ dataDir: config.dataDir ?? '' });
    try {
      // As if the newest migration came with an upgrade: recorded as not applied.
      await behind.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      );
    } finally {
      await behind.close();
    }
    const attempt = openApp(config, { log, migrations: 'require' });
    await expect(attempt).rejects.toBeInstanceOf(MigrationsPendingError);
    await expect(attempt).rejects.toThrow(/run `psrt db migrate`/);
    await expect(attempt).rejects.toThrow(config.dataDir ?? 'no data folder');
    // The refusal released the folder and changed nothing.
    const store = await openStore({ dataDir: config.dataDir ?? '' });
    try {
      expect(await store.pendingMigrations()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('a failure after the database was opened closes it again (the folder is free for the next process)', async () => {
    const attempt = openApp(configOnMigrated({}), {
      log,
      migrations: 'require',
      services: async () => {
        throw new Error('the simulators could not start');
      },
    });
    await expect(attempt).rejects.toThrow('the simulators could not start');
    const store = await openStore({ dataDir: migrated });
    await store.close();
  });
});
