// Configuration: one JSON file (`psrt.config.json`) plus environment variables
// for secrets, parsed and validated once at start. A bad value stops the
// program with a message that names the field and never echoes a secret.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { githubLoginPattern, repositoryPattern } from '../domain/identifiers.ts';
import { defaultSteeringCouncil } from './steering-council.ts';

const login = z.string().regex(githubLoginPattern, 'must be a GitHub login');

/** Hosts where plain http stays on this machine, so a session cookie cannot be read on the way. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where people reach psrt: it goes into links that psrt sends and decides
 * which origin may post forms and whether the session cookie is Secure. So
 * only an http(s) URL, and https unless it stays on this machine.
 */
export const publicUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a URL, e.g. https://psrt.example.org' });
    return;
  }
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:'
      ? 'must be an https:// URL (http:// only for localhost or 127.0.0.1)'
      : url.protocol === 'http:' && !loopbackHosts.has(url.hostname)
        ? 'must use https:// (plain http:// is allowed only for localhost or 127.0.0.1)'
        : url.username || url.password
          ? 'must not contain a user name or password'
          : null;
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** `someone@example.org`, or with a display name: `Python Security Response Team <someone@example.org>`. */
const mailbox = z
  .string()
  .regex(
    /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/,
    'must be an email address, e.g. psrt@python.org or "PSRT <psrt@python.org>"',
  );

/** The SMTP relay: the password never goes in the file (PSRT_SMTP_PASSWORD). */
const smtpUrl = z
  .url({
    protocol: /^smtps?$/,
    error: 'must be an smtp://host:port (STARTTLS) or smtps://host:port (TLS) URL',
  })
  .refine((value) => !URL.canParse(value) || new URL(value).password === '', {
    error: 'must not hold a password: put it in PSRT_SMTP_PASSWORD and keep only the user in the URL',
  });

/** Where the sandbox lets admins forward security@ reports when `intake.forwardTo` is not set (its mail stays local). */
export const sandboxForwardTo: readonly { name: string; address: string }[] = [
  { name: 'PyPI', address: 'security@pypi.org' },
  { name: 'python.org infrastructure', address: 'infrastructure-staff@python.org' },
];

/** The sandbox's PSF CNA operator when `cna.operators` is not set: the demo roster's PSF security developer. */
export const sandboxCnaOperators: readonly string[] = ['sethmlarson'];

const mailDefaults = {
  from: 'security@python.org',
  team: 'psrt@python.org',
  announce: 'security-announce@python.org',
  steeringCouncil: 'steering-council@python.org',
};

const intakeDefaults = {
  smtpHost: '127.0.0.1',
  maxMessageBytes: 30 * 2 ** 20,
  acknowledgeDays: 7 as number | null,
  forwardTo: [] as { name: string; address: string }[],
};

/** The IMAP mailbox: the password never goes in the file (PSRT_IMAP_PASSWORD). */
const imapUrl = z
  .url({ protocol: /^imaps?$/, error: 'must be an imap://user@host:port or imaps://user@host:port URL' })
  .refine((value) => !URL.canParse(value) || new URL(value).password === '', {
    error: 'must not hold a password: put it in PSRT_IMAP_PASSWORD and keep only the user in the URL',
  });

const fileSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** Public base URL: links in mail and bot comments, the origin forms come from, Secure cookies. */
        publicUrl: publicUrl.optional(),
        /**
         * The running psrt the command line talks to (its API, with PSRT_TOKEN) instead of
         * opening the database itself; PSRT_URL overrides it.
         */
        url: publicUrl.optional(),
        /**
         * How long an effect or webhook delivery an instance claimed stays its own: the work of
         * an instance that died is taken over by another after this.
         */
        leaseSeconds: z.number().int().min(5).max(3_600).default(120),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8080, leaseSeconds: 120 }),
    database: z
      .object({
        /** PGlite folder, used when DATABASE_URL is not set. Relative to the config file. */
        dataDir: z.string().min(1).default('.psrt/data'),
      })
      .strict()
      .default({ dataDir: '.psrt/data' }),
    github: z
      .object({
        org: z.string().min(1).default('python'),
        team: z.string().min(1).default('psrt'),
        appId: z.number().int().positive().optional(),
        apiUrl: z.url().default('https://api.github.com'),
        /**
         * "Sign in with GitHub": the App's client ID (its settings page; not the App ID). Its
         * client secret is PSRT_GITHUB_CLIENT_SECRET. Without both, nobody can sign in.
         */
        oauthClientId: z.string().min(1).optional(),
        /** Where people sign in to GitHub (the authorize page and the code exchange). */
        webUrl: z.url().default('https://github.com'),
        /**
         * How often the bot reads the open advisories of every organisation the App is installed
         * on (unchanged lists cost nothing against the rate limit); 0 turns polling off.
         */
        pollSeconds: z.number().int().min(0).max(3_600).default(30),
        /** The name people mention in GHSA comments to give the bot a command (`@psrt-bot help`). */
        botName: login.default('psrt-bot'),
        /**
         * GitHub asks integrations to send writes one at a time, a second apart; `false` only
         * against a simulator (`psrt sim github`), which asks nothing of the kind.
         */
        spaceWrites: z.boolean().default(true),
      })
      .strict()
      .default({
        org: 'python',
        team: 'psrt',
        apiUrl: 'https://api.github.com',
        webUrl: 'https://github.com',
        pollSeconds: 30,
        botName: 'psrt-bot',
        spaceWrites: true,
      }),
    cna: z
      .object({
        shortName: z.string().min(1).default('PSF'),
        apiUrl: z.url().default('https://cveawg.mitre.org/api'),
        /** The CVE Services user psrt acts as (CVE_API_USER); its key is CVE_API_KEY. */
        user: z.string().min(1).optional(),
        /**
         * GitHub logins of the PSF CNA operators: they review a published report's CVE record beside
         * its advisory email and publish it to CVE Services.
         */
        operators: z.array(login).default([]),
      })
      .strict()
      .default({ shortName: 'PSF', apiUrl: 'https://cveawg.mitre.org/api', operators: [] }),
    advisoryDatabase: z
      .object({
        /**
         * A git checkout of the PSF advisory database (psf/advisory-database): each published OSV
         * record is written and committed there. Relative to the config file. Without it, OSV
         * records wait, visible, until it is set.
         */
        checkout: z.string().min(1).optional(),
        /** Push each commit to the checkout's upstream (`git push`); off, someone pushes by hand. */
        push: z.boolean().default(false),
      })
      .strict()
      .default({ push: false }),
    mail: z
      .object({
        /** Where psrt sends mail through; without it psrt sends none. */
        smtp: smtpUrl.optional(),
        /** The sender of every mail psrt sends. */
        from: mailbox.default(mailDefaults.from),
        /** Where notifications for the whole team go. */
        team: mailbox.default(mailDefaults.team),
        /** Where escalations of overdue reports go (default: the team's address). */
        admins: mailbox.optional(),
        /** Where CRA deadline alerts for the PSF's steward staff go (default: the team's address). */
        stewardStaff: mailbox.optional(),
        /** Where advisories are published: the advisory email goes here. */
        announce: mailbox.default(mailDefaults.announce),
        /** The Python Steering Council: nominations it may veto, the yearly inactivity report. */
        steeringCouncil: mailbox.default(mailDefaults.steeringCouncil),
      })
      .strict()
      .default(mailDefaults),
    intake: z
      .object({
        /**
         * psrt's own SMTP server for mail to security@ (the mail exchanger or a local relay hands
         * it on); 0 picks a free port. Unset: none (the sandbox starts one on a free port).
         */
        smtpPort: z.number().int().min(0).max(65535).optional(),
        smtpHost: z.string().min(1).default('127.0.0.1'),
        /** Larger messages are refused (SMTP 552) or, from IMAP, left in the mailbox with a logged reason. */
        maxMessageBytes: z
          .number()
          .int()
          .min(64 * 1024)
          .max(100 * 2 ** 20)
          .default(intakeDefaults.maxMessageBytes),
        /** Fetch security@ mail from this mailbox instead (or as well): its password is PSRT_IMAP_PASSWORD. */
        imap: z
          .object({
            url: imapUrl,
            mailbox: z.string().min(1).default('INBOX'),
            pollSeconds: z.number().int().min(5).max(3_600).default(60),
          })
          .strict()
          .optional(),
        /**
         * The PSRT's OpenPGP private key (an armored file, relative to the config file), for mail
         * encrypted to the team; its passphrase is PSRT_OPENPGP_PASSPHRASE.
         */
        openpgpKey: z.string().min(1).optional(),
        /** Days until the update the acknowledgement promises a reporter; null sends none. */
        acknowledgeDays: z.number().int().min(1).max(90).nullable().default(intakeDefaults.acknowledgeDays),
        /**
         * CPython's branches and their status, for the security policy check of incoming reports
         * (only bugfix and security branches accept vulnerability reports); default: as of 2026-12.
         */
        pythonBranches: z
          .record(
            z.string().regex(/^\d+\.\d+$/, 'must be a series such as 3.13'),
            z.enum(['feature', 'prerelease', 'bugfix', 'security', 'end-of-life']),
          )
          .optional(),
        /** Where an admin may forward a report that belongs to another project or venue. */
        forwardTo: z
          .array(z.object({ name: z.string().min(1).max(200), address: mailbox }).strict())
          .default([]),
      })
      .strict()
      .default(intakeDefaults),
    scheduler: z
      .object({
        /** How often the clocks are acted on (auto-assignment, reminders, expiries); 0 turns it off. */
        intervalSeconds: z.number().int().min(0).max(86_400).default(60),
        /**
         * Idle days before an open report without a coordinator gets one (the devguide's three;
         * the sandbox, when this is not set, two minutes, so a newcomer sees it happen).
         */
        coordinatorIdleDays: z.number().positive().max(365).optional(),
      })
      .strict()
      .default({ intervalSeconds: 60 }),
    /** Who the CLI acts as when --as and PSRT_ACTOR are not given. */
    operator: login.optional(),
    /** GitHub logins of the Steering Council: PSRT members never assigned a report automatically. */
    steeringCouncil: z.array(login).default([...defaultSteeringCouncil]),
    /** PEP 811 membership: who may be nominated, where the published lists are, how often drift is checked. */
    membership: z
      .object({
        /** Core developers have write access here and triagers triage: what a nomination shows of the nominee. */
        coreRepository: z.string().regex(repositoryPattern, 'must be owner/name').default('python/cpython'),
        /** GitHub logins of PSF staff, who may also be nominated. */
        psfStaff: z.array(login).default([]),
        /** The devguide, whose security/psrt.csv and psrt-emeritus.csv publish the lists. */
        devguideRepository: z
          .string()
          .regex(repositoryPattern, 'must be owner/name')
          .default('python/devguide'),
        /** How often the GitHub team, the mailing list, Discord and the devguide are compared with the roster; 0 turns it off. */
        driftCheckHours: z
          .number()
          .min(0)
          .max(24 * 30)
          .default(24),
      })
      .strict()
      .default({
        coreRepository: 'python/cpython',
        psfStaff: [],
        devguideRepository: 'python/devguide',
        driftCheckHours: 24,
      }),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .default({ level: 'info' }),
  })
  .strict();

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PSRT_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PSRT_PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number (0-65535)')
    .transform(Number)
    .pipe(z.number().max(65535, 'must be a port number (0-65535)'))
    .optional(),
  PSRT_ACTOR: login.optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().min(1).optional(),
  /** A file holding the App's private key instead (as `psrt app create` writes it); relative to the config file. */
  GITHUB_APP_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  PSRT_WEBHOOK_SECRET: z.string().min(1).optional(),
  PSRT_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  CVE_API_KEY: z.string().min(1).optional(),
  PSRT_SMTP_PASSWORD: z.string().min(1).optional(),
  PSRT_IMAP_PASSWORD: z.string().min(1).optional(),
  PSRT_OPENPGP_PASSPHRASE: z.string().min(1).optional(),
  PSRT_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PSRT_URL: publicUrl.optional(),
  PSRT_TOKEN: z
    .string()
    .regex(/^psrt_\S+$/, 'must be a psrt API token (psrt_…), as made on the Tokens page')
    .optional(),
});

export type FileConfig = z.infer<typeof fileSchema>;

export interface Config extends FileConfig {
  /** Where the configuration came from, for messages. */
  source: string;
  /** Absolute PGlite folder, or null when DATABASE_URL points at a server. */
  dataDir: string | null;
  databaseUrl: string | null;
  /** No GitHub App credentials: run against local simulators with demo data. */
  sandbox: boolean;
  secrets: {
    sessionSecret: string | null;
    githubPrivateKey: string | null;
    githubWebhookSecret: string | null;
    /** The App's OAuth client secret, for "Sign in with GitHub". */
    githubClientSecret: string | null;
    cveApiKey: string | null;
    smtpPassword: string | null;
    imapPassword: string | null;
    openpgpPassphrase: string | null;
    /** When set, GET /metrics answers only `Authorization: Bearer` this token. */
    metricsToken: string | null;
  };
  actor: string | null;
  /**
   * The psrt server the command line calls (PSRT_URL, else `server.url`) and the personal API
   * token it calls with (PSRT_TOKEN, from the environment only); null when not set.
   */
  remote: { url: string | null; token: string | null };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** One thing wrong with the configuration: where (a field of the file, or a variable) and what to do. */
export interface ConfigProblem {
  /** `server.port`, `DATABASE_URL`, or the file itself; a problem between two settings names both. */
  where: string;
  /** What is wrong and what to do; never the value (it may be a secret). */
  message: string;
  /** The file's fields, the environment's variables, or how settings go together. */
  kind: 'file' | 'environment' | 'together';
}

/** The configuration as read: the resolved Config when there is no problem, else every problem found. */
export type ConfigReading =
  | { source: string; config: Config; problems: [] }
  | { source: string; config: null; problems: ConfigProblem[] };

function issuesOf(kind: 'file' | 'environment', issues: z.core.$ZodIssue[]): ConfigProblem[] {
  // Only the message: zod messages name expectations, never the received secret.
  return issues.map((issue) => ({
    where: issue.path.length > 0 ? issue.path.join('.') : '(top level)',
    message: issue.message,
    kind,
  }));
}

/** The problems in one message, grouped as a person fixes them: the file's fields, the environment's, then pairs. */
function describeProblems(file: string, problems: ConfigProblem[]): string {
  const [only] = problems;
  // One problem that names its own place (the file unreadable, two settings at odds) is one line.
  if (problems.length === 1 && (only?.kind === 'together' || only?.where === file)) return only.message;
  const group = (kind: ConfigProblem['kind'], title: string) => {
    const lines = problems.filter((p) => p.kind === kind).map((p) => `  ${p.where}: ${p.message}`);
    return lines.length > 0 ? [`${title}:`, ...lines] : [];
  };
  return [
    ...group('file', `${file} is invalid`),
    ...group('environment', 'environment is invalid'),
    ...group('together', 'settings that go together'),
  ].join('\n');
}

export interface LoadConfigOptions {
  /** Explicit config file; an explicit path must exist. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The config file psrt reads: --config, else PSRT_CONFIG, else psrt.config.json here. */
export function configFilePath(options: LoadConfigOptions = {}): string {
  const explicit = options.file || (options.env ?? process.env).PSRT_CONFIG || undefined;
  return path.resolve(options.cwd ?? process.cwd(), explicit ?? 'psrt.config.json');
}

/**
 * The App's private key: GITHUB_APP_PRIVATE_KEY itself, or the file GITHUB_APP_PRIVATE_KEY_FILE
 * names (one of the two). An unreadable file is named, its content never shown.
 */
function githubPrivateKey(
  env: Record<string, string | undefined>,
  baseDir: string,
): { key?: string | undefined; problem?: ConfigProblem } {
  const keyFile = env.GITHUB_APP_PRIVATE_KEY_FILE;
  if (keyFile === undefined) return { key: env.GITHUB_APP_PRIVATE_KEY };
  const problem = (message: string): { problem: ConfigProblem } => ({
    problem: { where: 'GITHUB_APP_PRIVATE_KEY_FILE', message, kind: 'together' },
  });
  if (env.GITHUB_APP_PRIVATE_KEY !== undefined)
    return problem(
      'GITHUB_APP_PRIVATE_KEY and GITHUB_APP_PRIVATE_KEY_FILE are both set: keep one (the key, or the file holding it)',
    );
  const file = path.resolve(baseDir, keyFile);
  try {
    const key = readFileSync(file, 'utf8');
    if (key.trim() === '') return problem(`GITHUB_APP_PRIVATE_KEY_FILE: ${file} is empty`);
    return { key };
  } catch (error) {
    return problem(
      `GITHUB_APP_PRIVATE_KEY_FILE: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
}

/** Reads, validates and resolves the configuration. Throws ConfigError naming every bad field. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const reading = readConfiguration(options);
  if (reading.config) return reading.config;
  throw new ConfigError(describeProblems(reading.source, reading.problems));
}

/** The raw file: its parsed JSON, or the one problem that stops it being read. */
function readFile(
  file: string,
  explicit: boolean,
): { raw: unknown; source: string; problem?: ConfigProblem } {
  if (!existsSync(file)) {
    if (explicit)
      return {
        raw: {},
        source: file,
        problem: { where: file, message: `config file ${file} does not exist`, kind: 'file' },
      };
    return { raw: {}, source: 'defaults' };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a folder' : (code ?? (error as Error).message);
    return {
      raw: {},
      source: file,
      problem: { where: file, message: `cannot read config file ${file}: ${why}`, kind: 'file' },
    };
  }
  try {
    return { raw: JSON.parse(text), source: file };
  } catch (error) {
    const message = `${file} is not valid JSON: ${(error as Error).message}`;
    return { raw: {}, source: file, problem: { where: file, message, kind: 'file' } };
  }
}

/**
 * Reads and validates the file and the environment as `loadConfig` does, but
 * collects every problem instead of stopping at the first: the file's fields,
 * the environment's variables, and the settings that only work together.
 */
export function readConfiguration(options: LoadConfigOptions = {}): ConfigReading {
  // An empty variable (as compose files write them) means "not set".
  const given = Object.fromEntries(
    Object.entries(options.env ?? process.env).filter(([, value]) => value !== ''),
  );
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file || given.PSRT_CONFIG || undefined;
  const file = configFilePath({ ...options, env: given, cwd });
  const read = readFile(file, explicit !== undefined);
  const { raw, source } = read;
  // The key from its file, if it is given that way: from here on as if it were in the variable.
  const privateKey = githubPrivateKey(given, source === 'defaults' ? cwd : path.dirname(file));
  const env = { ...given, GITHUB_APP_PRIVATE_KEY: privateKey.key };
  if (privateKey.key === undefined) delete env.GITHUB_APP_PRIVATE_KEY;

  const parsed = fileSchema.safeParse(raw);
  const secrets = envSchema.safeParse(env);
  const problems: ConfigProblem[] = [
    ...(read.problem ? [read.problem] : []),
    ...(read.problem || parsed.success ? [] : issuesOf('file', parsed.error.issues)),
    ...(secrets.success ? [] : issuesOf('environment', secrets.error.issues)),
    ...(privateKey.problem ? [privateKey.problem] : []),
    ...pairProblems(raw, env),
  ];
  if (problems.length > 0 || !parsed.success || !secrets.success) return { source, config: null, problems };
  return { source, config: resolve(parsed.data, secrets.data, { source, file, cwd }), problems: [] };
}

/** A field of the raw file by its path, or undefined: the pairs are checked even when other fields are wrong. */
function rawField(raw: unknown, ...keys: string[]): unknown {
  let value = raw;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Settings that only work together: a secret without what it is for, or the other way round. */
function pairProblems(raw: unknown, env: Record<string, string | undefined>): ConfigProblem[] {
  const has = (...keys: string[]) => rawField(raw, ...keys) !== undefined;
  const problems: ConfigProblem[] = [];
  const together = (where: string, message: string) => problems.push({ where, message, kind: 'together' });
  if (has('github', 'appId') !== (env.GITHUB_APP_PRIVATE_KEY !== undefined))
    together(
      'github.appId, GITHUB_APP_PRIVATE_KEY',
      'github.appId and GITHUB_APP_PRIVATE_KEY go together: set both to run against GitHub, or neither for the sandbox',
    );
  if (has('github', 'oauthClientId') !== (env.PSRT_GITHUB_CLIENT_SECRET !== undefined))
    together(
      'github.oauthClientId, PSRT_GITHUB_CLIENT_SECRET',
      'github.oauthClientId and PSRT_GITHUB_CLIENT_SECRET go together: set both (the App\'s client ID and a client secret from its settings page) for "Sign in with GitHub", or neither',
    );
  if (env.PSRT_SMTP_PASSWORD !== undefined) {
    const smtp = rawField(raw, 'mail', 'smtp');
    if (smtp === undefined)
      together(
        'mail.smtp, PSRT_SMTP_PASSWORD',
        'PSRT_SMTP_PASSWORD is set but mail.smtp is not: set mail.smtp to the relay, or unset the password',
      );
    else if (typeof smtp === 'string' && URL.canParse(smtp) && new URL(smtp).username === '')
      together(
        'mail.smtp, PSRT_SMTP_PASSWORD',
        'PSRT_SMTP_PASSWORD needs a user to go with it: put it in mail.smtp, e.g. smtp://USER@host:587',
      );
  }
  if (env.PSRT_IMAP_PASSWORD !== undefined && !has('intake', 'imap'))
    together(
      'intake.imap, PSRT_IMAP_PASSWORD',
      'PSRT_IMAP_PASSWORD is set but intake.imap is not: set intake.imap.url to the mailbox, or unset the password',
    );
  if (env.PSRT_OPENPGP_PASSPHRASE !== undefined && !has('intake', 'openpgpKey'))
    together(
      'intake.openpgpKey, PSRT_OPENPGP_PASSPHRASE',
      'PSRT_OPENPGP_PASSPHRASE is set but intake.openpgpKey is not: point intake.openpgpKey at the armored private key file, or unset the passphrase',
    );
  return problems;
}

/** The valid file and environment as the Config psrt runs with: paths resolved, sandbox defaults filled in. */
function resolve(
  fileConfig: FileConfig,
  e: z.infer<typeof envSchema>,
  where: { source: string; file: string; cwd: string },
): Config {
  const { source } = where;
  const baseDir = source === 'defaults' ? where.cwd : path.dirname(where.file);
  const hasGitHubApp = fileConfig.github.appId !== undefined && e.GITHUB_APP_PRIVATE_KEY !== undefined;
  if (e.PSRT_PORT !== undefined) fileConfig.server.port = e.PSRT_PORT;

  return {
    ...fileConfig,
    source,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATABASE_URL ? null : path.resolve(baseDir, fileConfig.database.dataDir),
    sandbox: !hasGitHubApp,
    cna: {
      ...fileConfig.cna,
      operators:
        !hasGitHubApp && fileConfig.cna.operators.length === 0
          ? [...sandboxCnaOperators]
          : fileConfig.cna.operators,
    },
    advisoryDatabase: {
      ...fileConfig.advisoryDatabase,
      checkout:
        fileConfig.advisoryDatabase.checkout === undefined
          ? undefined
          : path.resolve(baseDir, fileConfig.advisoryDatabase.checkout),
    },
    intake: {
      ...fileConfig.intake,
      forwardTo:
        !hasGitHubApp && fileConfig.intake.forwardTo.length === 0
          ? sandboxForwardTo.map((d) => ({ ...d }))
          : fileConfig.intake.forwardTo,
      openpgpKey:
        fileConfig.intake.openpgpKey === undefined
          ? undefined
          : path.resolve(baseDir, fileConfig.intake.openpgpKey),
    },
    secrets: {
      sessionSecret: e.PSRT_SESSION_SECRET ?? null,
      githubPrivateKey: e.GITHUB_APP_PRIVATE_KEY ?? null,
      githubWebhookSecret: e.PSRT_WEBHOOK_SECRET ?? null,
      githubClientSecret: e.PSRT_GITHUB_CLIENT_SECRET ?? null,
      cveApiKey: e.CVE_API_KEY ?? null,
      smtpPassword: e.PSRT_SMTP_PASSWORD ?? null,
      imapPassword: e.PSRT_IMAP_PASSWORD ?? null,
      openpgpPassphrase: e.PSRT_OPENPGP_PASSPHRASE ?? null,
      metricsToken: e.PSRT_METRICS_TOKEN ?? null,
    },
    actor: e.PSRT_ACTOR ?? fileConfig.operator ?? null,
    remote: { url: e.PSRT_URL ?? fileConfig.server.url ?? null, token: e.PSRT_TOKEN ?? null },
  };
}
