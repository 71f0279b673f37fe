// `psrt config check`, the part that asks each configured service: the
// database, the GitHub App, CVE Services, the mail relay, the IMAP mailbox, the
// advisory database checkout and the OpenPGP key. Every probe runs at once and
// is bounded in time; each says ok, what to do, or that it is not configured,
// and nothing it says holds a secret.
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CnaClient } from '../cna/index.ts';
import { type CheckResult, secretsOf, withoutSecrets } from '../config/check.ts';
import type { Config } from '../config/config.ts';
import { appEvents, appPermissionLevels } from '../github/app-manifest.ts';
import { createGitHubClient, type GitHubClient, type Installation } from '../github/index.ts';
import { probeMailbox } from '../mail/imap-intake.ts';
import { createMailer } from '../mail/mailer.ts';
import { loadTeamKey } from '../mail/team-key.ts';
import { FolderLockedError, openStore } from '../store/index.ts';
import { inspectCheckout } from './advisory-database.ts';

export interface ServiceCheckOptions {
  /** How long one service may take to answer before it counts as a problem (default 10 s). */
  timeoutMs?: number;
}

type Probe = (config: Config, timeoutMs: number) => Promise<CheckResult[]>;

const probes: [name: string, probe: Probe][] = [
  ['database', checkDatabase],
  ['GitHub App', checkGitHubApp],
  ['CVE Services', checkCveServices],
  ['SMTP', checkSmtp],
  ['IMAP', checkImap],
  ['advisory database', checkAdvisoryDatabase],
  ['OpenPGP key', checkOpenPgpKey],
];

/** Asks every configured service at once; each is a problem after `timeoutMs` without an answer. */
export async function checkServices(
  config: Config,
  options: ServiceCheckOptions = {},
): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const secrets = secretsOf(config);
  const results = await Promise.all(
    probes.map(([name, probe]) => bounded(name, timeoutMs, () => probe(config, timeoutMs))),
  );
  return results.flat().map((result) => ({ ...result, detail: withoutSecrets(result.detail, secrets) }));
}

/**
 * The probe's results, or a problem when it fails or takes longer than `timeoutMs`. Each probe
 * also gives its own client that time limit, so one that gave up leaves nothing running behind it.
 */
async function bounded(name: string, timeoutMs: number, probe: () => Promise<CheckResult[]>) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckResult[]>((resolve) => {
    timer = setTimeout(
      () =>
        resolve([
          problem(
            name,
            `no answer within ${seconds(timeoutMs)}: check that it is up and reachable from here`,
          ),
        ]),
      timeoutMs + 1_000,
    );
  });
  try {
    return await Promise.race([probe().catch((error: unknown) => [problem(name, messageOf(error))]), late]);
  } finally {
    clearTimeout(timer);
  }
}

const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
const problem = (check: string, detail: string): CheckResult => ({ check, status: 'problem', detail });
const skipped = (check: string, detail: string): CheckResult => ({ check, status: 'skipped', detail });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
/** A fetch that gives up after `timeoutMs`. */
const timedFetch = (timeoutMs: number) => (input: Request | string | URL, init?: RequestInit) =>
  globalThis.fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });

async function checkDatabase(config: Config, timeoutMs: number): Promise<CheckResult[]> {
  const name = 'database';
  let where: string;
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    where = `PostgreSQL at ${url.host}${url.pathname}`;
  } else {
    const dataDir = config.dataDir ?? '';
    where = `the embedded database in ${dataDir}`;
    if (!(await exists(dataDir))) {
      // psrt serve makes the folder and any parents missing: the nearest existing one must be writable.
      let parent = dirname(dataDir);
      while (!(await exists(parent)) && dirname(parent) !== parent) parent = dirname(parent);
      return (await writable(parent))
        ? [ok(name, `${where} does not exist yet: psrt serve (or psrt db migrate) creates it`)]
        : [
            problem(
              name,
              `${where} does not exist and ${parent} is not writable: create the folder for psrt's user`,
            ),
          ];
    }
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({
      databaseUrl: config.databaseUrl ?? undefined,
      dataDir: config.dataDir ?? undefined,
      connectTimeoutMs: timeoutMs,
    });
  } catch (error) {
    if (error instanceof FolderLockedError)
      return [skipped(name, `${where} is in use by a running psrt, which checks it: see its /readyz`)];
    return [problem(name, messageOf(error))];
  }
  try {
    if (!(await store.hasSchema()))
      return [ok(name, `${where} answers and is empty: psrt serve (or psrt db migrate) sets it up`)];
    const pending = await store.pendingMigrations();
    if (pending === 0) return [ok(name, `${where} answers; its schema is up to date`)];
    const what = pending === 1 ? '1 schema migration' : `${pending} schema migrations`;
    return [
      problem(
        name,
        `${where} answers but lacks ${what} of this psrt: run \`psrt db migrate\` (psrt serve also applies them when it starts)`,
      ),
    ];
  } finally {
    await store.close();
  }
}

async function checkGitHubApp(config: Config, timeoutMs: number): Promise<CheckResult[]> {
  const name = 'GitHub App';
  const { github, secrets } = config;
  if (config.sandbox || github.appId === undefined || !secrets.githubPrivateKey)
    return [skipped(name, 'the sandbox: no App configured, psrt runs its own GitHub simulator')];
  const client = createGitHubClient({
    appId: github.appId,
    privateKey: secrets.githubPrivateKey,
    baseUrl: github.apiUrl,
    fetch: timedFetch(timeoutMs),
    log: { debug() {}, info() {}, warn() {}, error() {} },
    serverErrors: { retries: 0 },
    rateLimit: { maxRetries: 0 },
    serializeWrites: false,
  });
  const app = await client.getApp();
  const installations = await client.listInstallations();
  const installation = installations.find(
    (i) => i.account && 'login' in i.account && i.account.login.toLowerCase() === github.org.toLowerCase(),
  );
  const slug = app.slug ?? String(app.id);
  if (!installation)
    return [
      problem(
        name,
        `the App ${slug} (id ${app.id}) is not installed on ${github.org}: install it there (${github.webUrl}/apps/${slug}/installations/new)`,
      ),
    ];
  const results = [
    ...permissionProblems(installation, slug),
    ...(await coverageProblems(client, installation, config)),
  ];
  return results.length > 0
    ? results.map((detail) => problem(name, detail))
    : [
        ok(
          name,
          `${slug} (id ${app.id}) installed on ${github.org} with the permissions and events psrt uses; reads the team ${github.org}/${github.team}`,
        ),
      ];
}

/** What the installation lacks of the permissions and events psrt uses, one sentence each. */
function permissionProblems(installation: Installation, slug: string): string[] {
  const granted = installation.permissions as Record<string, string | undefined>;
  const lacking = Object.entries(appPermissionLevels())
    .filter(([permission, level]) => !(granted[permission] === 'write' || granted[permission] === level))
    .map(([permission, level]) => `${permission}: ${level} (has ${granted[permission] ?? 'none'})`);
  const events = appEvents.filter((event) => !installation.events.includes(event));
  const fix = `on the App's settings page (${slug}), then accept them on the installation`;
  return [
    ...(lacking.length > 0
      ? [`the installation lacks the permissions ${lacking.join(', ')}: grant them ${fix}`]
      : []),
    ...(events.length > 0
      ? [`the App is not subscribed to the events ${events.join(', ')}: subscribe it ${fix}`]
      : []),
  ];
}

/** The PSRT team must be readable, and the repositories psrt reads must be in the installation. */
async function coverageProblems(client: GitHubClient, installation: Installation, config: Config) {
  const { github, membership } = config;
  const app = client.forInstallation(installation.id);
  const problems: string[] = [];
  try {
    await app.getTeamMembers(github.org, github.team);
  } catch (error) {
    problems.push(`the team ${github.org}/${github.team} (github.team) cannot be read: ${messageOf(error)}`);
  }
  if (installation.repository_selection === 'selected') {
    const covered = new Set(
      (await app.listInstallationRepositories()).map((repository) => repository.full_name.toLowerCase()),
    );
    const missing = [membership.coreRepository, membership.devguideRepository].filter(
      (repository) =>
        repository.split('/')[0]?.toLowerCase() === github.org.toLowerCase() &&
        !covered.has(repository.toLowerCase()),
    );
    if (missing.length > 0)
      problems.push(
        `the installation on ${github.org} covers selected repositories only, without ${missing.join(', ')}: add them, or give it all repositories`,
      );
  }
  return problems;
}

async function checkCveServices(config: Config, timeoutMs: number): Promise<CheckResult[]> {
  const name = 'CVE Services';
  const { cna, secrets } = config;
  if (config.sandbox) return [skipped(name, 'the sandbox: psrt runs its own CVE Services simulator')];
  if (!cna.user || !secrets.cveApiKey) {
    if (cna.user || secrets.cveApiKey)
      return [
        problem(name, 'cna.user and CVE_API_KEY go together: set both, or psrt cannot reach CVE Services'),
      ];
    return [skipped(name, 'cna.user and CVE_API_KEY are not set: psrt reserves no CVE IDs')];
  }
  const client = new CnaClient({
    baseUrl: cna.apiUrl,
    org: cna.shortName,
    user: cna.user,
    apiKey: secrets.cveApiKey,
    fetch: timedFetch(timeoutMs),
    retry: { retries: 0 },
    timeoutMs,
  });
  const quota = await client.getQuota();
  const as = `${cna.shortName} as ${cna.user} at ${cna.apiUrl}`;
  return quota.available > 0
    ? [ok(name, `${as}: ${quota.available} of ${quota.id_quota} CVE IDs left to reserve`)]
    : [
        problem(
          name,
          `${as}: no CVE IDs left to reserve (quota ${quota.id_quota}): ask the CVE Program for more`,
        ),
      ];
}

async function checkSmtp(config: Config, timeoutMs: number): Promise<CheckResult[]> {
  const name = 'SMTP';
  const { mail, secrets } = config;
  if (!mail.smtp) return [skipped(name, 'mail.smtp is not set: psrt sends no mail')];
  const mailer = createMailer({
    url: mail.smtp,
    password: secrets.smtpPassword,
    from: mail.from,
    team: mail.team,
    connectTimeoutMs: timeoutMs,
  });
  try {
    await mailer.verify();
    return [ok(name, `the relay ${mailer.relay} greets and takes psrt's login`)];
  } finally {
    mailer.close();
  }
}

async function checkImap(config: Config, timeoutMs: number): Promise<CheckResult[]> {
  const name = 'IMAP';
  const imap = config.intake.imap;
  if (!imap) return [skipped(name, 'intake.imap is not set: no mailbox is read')];
  if (!config.secrets.imapPassword)
    return [
      problem(name, 'PSRT_IMAP_PASSWORD is not set: set it to the password of the user in intake.imap.url'),
    ];
  const { messages } = await probeMailbox(
    { url: imap.url, password: config.secrets.imapPassword, mailbox: imap.mailbox },
    timeoutMs,
  );
  const host = new URL(imap.url).host;
  return [
    ok(
      name,
      `logged in at ${host}; the mailbox ${imap.mailbox} holds ${messages} message${messages === 1 ? '' : 's'}`,
    ),
  ];
}

async function checkAdvisoryDatabase(config: Config): Promise<CheckResult[]> {
  const name = 'advisory database';
  const { checkout, push } = config.advisoryDatabase;
  if (!checkout)
    return [
      skipped(
        name,
        config.sandbox
          ? 'the sandbox keeps its own in the data folder'
          : 'advisoryDatabase.checkout is not set: OSV records wait, pending, until it is',
      ),
    ];
  const { checkout: isCheckout, upstream } = await inspectCheckout(checkout);
  if (!isCheckout)
    return [problem(name, `${checkout} is not a git checkout: clone psf/advisory-database there`)];
  if (!(await writable(checkout)))
    return [
      problem(name, `${checkout} is not writable by this user: psrt writes and commits OSV records there`),
    ];
  if (push)
    return upstream
      ? [ok(name, `${checkout}, a writable git checkout pushing to ${upstream}`)]
      : [
          problem(
            name,
            `${checkout} has no upstream to push to (advisoryDatabase.push): set one with git branch --set-upstream-to`,
          ),
        ];
  return [ok(name, `${checkout}, a writable git checkout (commits are not pushed)`)];
}

async function checkOpenPgpKey(config: Config): Promise<CheckResult[]> {
  const name = 'OpenPGP key';
  const file = config.intake.openpgpKey;
  if (!file)
    return [skipped(name, 'intake.openpgpKey is not set: mail encrypted to the team cannot be read')];
  let armoredKey: string;
  try {
    armoredKey = await readFile(file, 'utf8');
  } catch (error) {
    return [problem(name, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`)];
  }
  const key = await loadTeamKey({ armoredKey, passphrase: config.secrets.openpgpPassphrase });
  // What reporters do with the public key, and what psrt does with the private one.
  const openpgp = await import('openpgp');
  const sample = 'psrt config check';
  const encrypted = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: sample }),
    encryptionKeys: key.privateKey.toPublic(),
  });
  const { data } = await openpgp.decrypt({
    message: await openpgp.readMessage({ armoredMessage: encrypted as string }),
    decryptionKeys: key.privateKey,
  });
  if (data !== sample) return [problem(name, `the key in ${file} does not decrypt what is encrypted to it`)];
  const expired = key.expiresAt !== null && key.expiresAt.getTime() < Date.now();
  return expired
    ? [
        problem(
          name,
          `${key.fingerprint} expired on ${key.expiresAt?.toISOString().slice(0, 10)}: reporters cannot encrypt to it; extend it and publish it again`,
        ),
      ]
    : [ok(name, `${key.fingerprint} unlocks and decrypts what is encrypted to it`)];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}
