// What every `psrt` command shares: global options, opening the configured
// store, who the command acts as, and printing (a table for people, --json for
// scripts). Errors go to stderr with a non-zero exit code.
import type { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import { loggableError, safeErrorMessage, UseCaseError } from '../app/errors.ts';
import { MigrationsPendingError, type OpenedApp, openApp } from '../app/open.ts';
import { resolvePrincipal } from '../app/roster.ts';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { createLogger } from '../config/logger.ts';
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/report.ts';
import { jsonText, terminalText } from './terminal.ts';

export interface GlobalOptions {
  config?: string;
  as?: string;
  json?: boolean;
}

/**
 * Exit codes: 1 refused or failed, 2 bad usage or input, 3 not found, 4 not allowed, 78 bad configuration
 * or a database that needs `psrt db migrate` (both fixed by setting psrt up, not by retrying).
 */
const exitCodes: Record<UseCaseError['code'], number> = {
  refused: 1,
  conflict: 1,
  invalid: 2,
  'not-found': 3,
  forbidden: 4,
};

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function readConfig(options: GlobalOptions): Config {
  return loadConfig({ file: options.config });
}

/**
 * Opens psrt as configured for the length of `fn`. Commands never change the
 * schema: a database that lacks migrations is refused with exit 78, naming `psrt db migrate`.
 */
export async function withApp<T>(
  options: GlobalOptions,
  fn: (ctx: AppContext, config: Config, app: OpenedApp) => Promise<T>,
): Promise<T> {
  const config = readConfig(options);
  let app: OpenedApp;
  try {
    app = await openApp(config, { log: createLogger('silent'), migrations: 'require' });
  } catch (error) {
    if (error instanceof MigrationsPendingError) throw new CliError(error.message, 78);
    throw error;
  }
  try {
    return await fn(app.ctx, config, app);
  } finally {
    await app.close();
  }
}

/** The person this command acts as: --as, then PSRT_ACTOR, then `operator` in the config file. */
export async function actingPrincipal(
  ctx: AppContext,
  config: Config,
  options: GlobalOptions,
): Promise<Principal> {
  const login = options.as ?? config.actor;
  if (!login) {
    throw new CliError(
      'Who is acting? Pass --as LOGIN, set PSRT_ACTOR, or set "operator" in psrt.config.json.',
      2,
    );
  }
  return resolvePrincipal(ctx, login);
}

export function print(options: GlobalOptions, value: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${jsonText(value)}\n` : `${human()}\n`);
}

/** Left-aligned columns, sized to their content. A cell is one line of untrusted text. */
export function table(headers: string[], cells: string[][]): string {
  const rows = cells.map((row) => row.map((cell) => terminalText(cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Prints an error the way a person or a script can act on, and returns the exit code. */
export function reportError(error: unknown, json: boolean): number {
  let code = 1;
  let kind = 'error';
  let detail: unknown;
  if (error instanceof UseCaseError) {
    code = exitCodes[error.code];
    kind = error.code;
    detail = error.detail;
  } else if (error instanceof CliError) {
    code = error.exitCode;
  } else if (error instanceof ConfigError) {
    code = 78;
    kind = 'config';
  } else if (error instanceof DomainError) {
    code = 2;
    kind = 'invalid';
  } else if (!(error instanceof Error)) {
    error = new Error(String(error));
  }
  const message = safeErrorMessage(error);
  if (json) process.stderr.write(`${jsonText({ error: kind, message, detail }, 0)}\n`);
  else process.stderr.write(`psrt: ${terminalText(message, { multiline: true })}\n`);
  if (
    code === 1 &&
    !(error instanceof UseCaseError) &&
    !(error instanceof CliError) &&
    process.env.PSRT_DEBUG
  ) {
    process.stderr.write(`${loggableError(error).frames ?? ''}\n`);
  }
  return code;
}
