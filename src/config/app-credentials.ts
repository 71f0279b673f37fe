// Where `psrt app create` puts a new GitHub App's credentials, as the configuration reads them:
// github.appId and github.oauthClientId in the config file; the webhook secret, the client secret
// and the private key's file (GITHUB_APP_PRIVATE_KEY_FILE) in an environment file that systemd's
// EnvironmentFile= reads; the key itself in a PEM file beside it. Secret files are mode 0600 and
// written whole (a temporary file renamed over), so an interrupted run leaves the old file or the new.
import {
  accessSync,
  constants,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { AppCredentials } from '../github/app-registration.ts';

export interface CredentialFiles {
  /** psrt.config.json (made when missing). */
  configFile: string;
  /** The environment file for the secrets (default: psrt.env beside the config file). */
  envFile: string;
  /** The App's private key (github-app.pem beside the environment file). */
  keyFile: string;
}

/** The environment variables the App's secrets go in; GITHUB_APP_PRIVATE_KEY is replaced by the file. */
const secretVariables = [
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_APP_PRIVATE_KEY_FILE',
  'PSRT_WEBHOOK_SECRET',
  'PSRT_GITHUB_CLIENT_SECRET',
] as const;

export function credentialFiles(configFile: string, envFile?: string): CredentialFiles {
  const env = path.resolve(envFile ?? path.join(path.dirname(configFile), 'psrt.env'));
  return { configFile, envFile: env, keyFile: path.join(path.dirname(env), 'github-app.pem') };
}

/** Thrown when the files cannot be read or written; the message names the file, never a secret. */
export class CredentialFilesError extends Error {
  override name = 'CredentialFilesError';
}

/** The config file as JSON (an empty object when there is none). */
function readConfigObject(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CredentialFilesError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CredentialFilesError(`${file} does not hold a JSON object`);
  return value as Record<string, unknown>;
}

const githubSection = (config: Record<string, unknown>): Record<string, unknown> => {
  const github = config.github;
  return typeof github === 'object' && github !== null && !Array.isArray(github)
    ? (github as Record<string, unknown>)
    : {};
};

/** The `NAME=` a line of an environment file assigns, if any (`export NAME=` too). */
const assigned = (line: string): string | undefined =>
  /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];

/**
 * The environment file's lines without the App's secret variables. A quoted value may run over
 * several lines (a PEM key in GITHUB_APP_PRIVATE_KEY): all of them go.
 */
function otherLines(text: string): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  let open: string | null = null;
  for (const line of text.split('\n')) {
    if (open !== null) {
      if (line.includes(open)) open = null;
      continue;
    }
    const name = assigned(line);
    if (name === undefined || !(secretVariables as readonly string[]).includes(name)) {
      kept.push(line);
      continue;
    }
    dropped.push(name);
    const value = line.slice(line.indexOf('=') + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && !value.slice(1).includes(quote)) open = quote;
  }
  while (kept.length > 0 && kept.at(-1)?.trim() === '') kept.pop();
  return { kept, dropped };
}

/** What an earlier App left in these files: refused unless the person asks to replace it. */
export function existingCredentials(files: CredentialFiles): string[] {
  const found: string[] = [];
  const github = githubSection(readConfigObject(files.configFile));
  for (const key of ['appId', 'oauthClientId'])
    if (github[key] !== undefined) found.push(`github.${key} in ${files.configFile}`);
  if (existsSync(files.envFile)) {
    const { dropped } = otherLines(readFileSync(files.envFile, 'utf8'));
    for (const name of new Set(dropped)) found.push(`${name} in ${files.envFile}`);
  }
  if (existsSync(files.keyFile)) found.push(files.keyFile);
  return found;
}

/** Refuses at once (before GitHub makes an App) when a file could not be written afterwards. */
export function checkWritable(files: CredentialFiles): void {
  for (const file of [files.configFile, files.envFile, files.keyFile]) {
    const target = existsSync(file) ? file : path.dirname(file);
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new CredentialFilesError(
        existsSync(target)
          ? `${target} is not writable: psrt could not keep the App's credentials there`
          : `the folder ${target} does not exist: make it, or name another place`,
      );
    }
  }
}

/** systemd's EnvironmentFile= reads NAME=value; a value with other characters is double-quoted. */
function envLine(name: string, value: string): string {
  if (/^[A-Za-z0-9_./:+=@-]+$/.test(value)) return `${name}=${value}`;
  return `${name}="${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

function writeWhole(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode, flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    throw new CredentialFilesError(
      `could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Writes the App's credentials where psrt's configuration reads them. */
export function writeCredentials(
  files: CredentialFiles,
  app: AppCredentials,
  github: { webUrl?: string; apiUrl?: string } = {},
): void {
  writeWhole(files.keyFile, app.pem.endsWith('\n') ? app.pem : `${app.pem}\n`, 0o600);

  const previous = existsSync(files.envFile) ? otherLines(readFileSync(files.envFile, 'utf8')).kept : [];
  const env = [
    ...previous,
    ...(previous.length > 0 ? [''] : []),
    `# The GitHub App ${JSON.stringify(app.name)} (id ${app.id}, ${app.htmlUrl}), from psrt app create.`,
    envLine('GITHUB_APP_PRIVATE_KEY_FILE', files.keyFile),
    envLine('PSRT_WEBHOOK_SECRET', app.webhookSecret),
    envLine('PSRT_GITHUB_CLIENT_SECRET', app.clientSecret),
    '',
  ];
  writeWhole(files.envFile, env.join('\n'), 0o600);

  const config = readConfigObject(files.configFile);
  config.github = { ...githubSection(config), ...github, appId: app.id, oauthClientId: app.clientId };
  const mode = existsSync(files.configFile) ? statSync(files.configFile).mode & 0o777 : 0o644;
  writeWhole(files.configFile, `${JSON.stringify(config, null, 2)}\n`, mode);
}

/** The variables the environment file sets for the App, as psrt reads them (for a check after writing). */
export function credentialEnvironment(files: CredentialFiles, app: AppCredentials): Record<string, string> {
  return {
    GITHUB_APP_PRIVATE_KEY_FILE: files.keyFile,
    PSRT_WEBHOOK_SECRET: app.webhookSecret,
    PSRT_GITHUB_CLIENT_SECRET: app.clientSecret,
  };
}
