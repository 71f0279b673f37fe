// What every `psrt` command shares: global options, the configuration, and
// printing (a table for people, --json for scripts). Errors go to stderr with
// a non-zero exit code. Nothing here opens the database (see local.ts), so a
// command that calls a running psrt never loads the database code.
import type { Command } from 'commander';
import { loggableError, safeErrorMessage, UseCaseError } from '../app/errors.ts';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { DomainError } from '../domain/errors.ts';
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
