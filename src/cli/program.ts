// The `psrt` command line: every action a coordinator or admin takes, each
// with --help and --json. Errors go to stderr with a non-zero exit code.
import { Command } from 'commander';
import { registerAppCommands } from './app-commands.ts';
import { parseLogin } from './arguments.ts';
import { registerConfigCommands } from './config-commands.ts';
import { registerCoverageCommands } from './coverage-commands.ts';
import { registerDbCommands } from './db-commands.ts';
import { registerEffectsCommands } from './effects-commands.ts';
import { registerImportCommands } from './import-commands.ts';
import { registerIntakeCommands } from './intake-commands.ts';
import { registerNominationCommands } from './nomination-commands.ts';
import { registerPublishCommands } from './publish-commands.ts';
import { registerReportCommands } from './report-commands.ts';
import { registerRosterCommands } from './roster-commands.ts';
import { reportError } from './runtime.ts';
import { registerServeCommands } from './serve-commands.ts';
import { registerSimCommands } from './sim-commands.ts';
import { registerTokenCommands } from './token-commands.ts';
import { registerWebhooksCommands } from './webhooks-commands.ts';

export function buildProgram(): Command {
  const program = new Command('psrt')
    .description('Run the PSRT vulnerability process on GitHub Security Advisories (PEP 811).')
    .option('-c, --config <file>', 'configuration file (default: psrt.config.json, or $PSRT_CONFIG)')
    .option(
      '--as <login>',
      'act as this GitHub login (default: $PSRT_ACTOR, then "operator" in the config); with a server, its token says who acts',
      (v) => parseLogin(v, '--as'),
    )
    .option('--json', 'print machine-readable JSON')
    .addHelpText(
      'after',
      '\nWith PSRT_URL (or "server.url" in the config) and PSRT_TOKEN (a personal API token) set,\n' +
        'commands call that running psrt through its API, so they work while psrt serve holds the\n' +
        'database; otherwise they open the database here. serve, db, effects run, sim and app always run here.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  registerReportCommands(program);
  registerRosterCommands(program);
  registerNominationCommands(program);
  registerEffectsCommands(program);
  registerIntakeCommands(program);
  registerPublishCommands(program);
  registerImportCommands(program);
  registerWebhooksCommands(program);
  registerCoverageCommands(program);
  registerTokenCommands(program);
  registerSimCommands(program);
  registerAppCommands(program);
  registerServeCommands(program);
  registerConfigCommands(program);
  registerDbCommands(program);

  return program;
}

/** Runs the command line and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // commander has printed its own usage errors and help already.
    if (
      error &&
      typeof error === 'object' &&
      'code' in error &&
      String(error.code).startsWith('commander.')
    ) {
      const code = (error as { exitCode?: number }).exitCode ?? 2;
      return code === 0 ? 0 : 2;
    }
    return reportError(error, argv.includes('--json'));
  }
}
