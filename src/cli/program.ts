// The `psrt` command line: every action a coordinator or admin takes, each
// with --help and --json. Errors go to stderr with a non-zero exit code.
import { Command } from 'commander';
import { startServer } from '../web/server.ts';
import { parseLogin, parseWholeNumber } from './arguments.ts';
import { registerReportCommands } from './report-commands.ts';
import { registerRosterCommands } from './roster-commands.ts';
import { globalOptions, readConfig, reportError, withApp } from './runtime.ts';
import { registerSimCommands } from './sim-commands.ts';

export function buildProgram(): Command {
  const program = new Command('psrt')
    .description('Run the PSRT vulnerability process on GitHub Security Advisories (PEP 811).')
    .option('-c, --config <file>', 'configuration file (default: psrt.config.json, or $PSRT_CONFIG)')
    .option(
      '--as <login>',
      'act as this GitHub login (default: $PSRT_ACTOR, then "operator" in the config)',
      (v) => parseLogin(v, '--as'),
    )
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  registerReportCommands(program);
  registerRosterCommands(program);
  registerSimCommands(program);

  program
    .command('serve')
    .description('run the web dashboard (sandbox with demo data when no GitHub App is configured)')
    .option('-p, --port <port>', 'port to listen on (default from config, 8080)')
    .action(async function (this: Command, opts) {
      const config = readConfig(globalOptions(this));
      if (opts.port !== undefined) config.server.port = parseWholeNumber(opts.port, '--port', 0, 65535);
      const server = await startServer(config);
      process.stdout.write(`psrt ${config.sandbox ? 'sandbox ' : ''}listening on ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });

  const db = program.command('db').description('the database');
  db.command('migrate')
    .description('apply pending schema migrations (also done automatically at start)')
    .action(function (this: Command) {
      const options = globalOptions(this);
      return withApp(options, async (ctx) => {
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ engine: ctx.store.engine, migrated: true })}\n`
            : `database is up to date (${ctx.store.engine})\n`,
        );
      });
    });

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
