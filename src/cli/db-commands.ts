// `psrt db …`: the database itself. migrate applies schema migrations; dump,
// restore and move copy the whole database in psrt's own format, between
// engines too. They always run here, on the configured database; the work is in
// app/backup.ts, loaded only when one of them runs.
import type { Command } from 'commander';
import type { TransferProgress } from '../store/index.ts';
import { CliError, globalOptions, readConfig } from './runtime.ts';

/** Per table, as each is done, on stderr when it is a terminal: a long restore shows it is moving. */
function progressOnTerminal(): TransferProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = '';
  return ({ table, rows, of }) => {
    if (rows !== of || table === last) return;
    last = table;
    process.stderr.write(`  ${table.padEnd(24)} ${rows.toLocaleString('en')} rows\n`);
  };
}

const count = (n: number, what: string) => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database: migrate, and dump, restore or move it');
  db.command('migrate')
    .description('apply pending schema migrations (psrt serve also does at start; other commands require it)')
    .action(async function (this: Command) {
      const options = globalOptions(this);
      const [{ openApp }, { createLogger }] = await Promise.all([
        import('../app/open.ts'),
        import('../config/logger.ts'),
      ]);
      const app = await openApp(readConfig(options), { log: createLogger('silent'), migrations: 'apply' });
      try {
        const engine = app.ctx.store.engine;
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ engine, migrated: true })}\n`
            : `database is up to date (${engine})\n`,
        );
      } finally {
        await app.close();
      }
    });

  db.command('dump')
    .description("write the whole database to FILE (or stdout) in psrt's own format, gzip'd JSON lines")
    .argument('[file]', 'where to write it; "-" or none: stdout (not a terminal)')
    .option('--force', 'replace FILE if it exists')
    .addHelpText(
      'after',
      '\nOne consistent snapshot, on either engine; restores on either (psrt db restore). On PostgreSQL it\n' +
        'runs beside a running psrt serve; an embedded data folder is held by psrt serve: stop it first.\n' +
        'The file holds embargoed reports and is created readable by you only: keep it so.\n' +
        'A summary goes to stdout (to stderr when the dump does); tables and rows to stderr on a terminal.',
    )
    .action(async function (this: Command, file: string | undefined, opts: { force?: boolean }) {
      const options = globalOptions(this);
      const config = readConfig(options);
      const toStdout = file === undefined || file === '-';
      if (toStdout && process.stdout.isTTY)
        throw new CliError(
          "A dump is gzip'd data: name a file (psrt db dump psrt.dump.gz) or redirect stdout.",
          2,
        );
      const { dumpDatabase } = await import('../app/backup.ts');
      const result = await dumpDatabase(
        config,
        toStdout ? { stream: process.stdout } : { file, force: opts.force },
        { onProgress: progressOnTerminal() },
      );
      const summary = options.json
        ? JSON.stringify(result)
        : `dumped ${count(result.rows, 'row')} in ${count(result.tables.length, 'table')} (${result.engine}, schema ` +
          `${result.migration}) to ${result.file ?? 'stdout'}: ${count(result.bytes, 'byte')}`;
      (toStdout ? process.stderr : process.stdout).write(`${summary}\n`);
    });

  db.command('restore')
    .description('restore a dump into the configured database, which must be new or empty')
    .argument('<file>', "a dump made by psrt db dump (gzip'd or not)")
    .option('--replace', 'delete every row in the database first (it is not empty)')
    .addHelpText(
      'after',
      '\nOne transaction: a damaged or cut-short dump changes nothing, and the error names its line.\n' +
        "A database with no psrt schema yet gets it first; one with a schema must be at the dump's\n" +
        'migration. The restore is recorded in the audit log, which is then verified.\n' +
        'Stop psrt serve first: it must not work on the database while it is replaced.',
    )
    .action(async function (this: Command, file: string, opts: { replace?: boolean }) {
      const options = globalOptions(this);
      const config = readConfig(options);
      const { restoreDatabase } = await import('../app/backup.ts');
      const result = await restoreDatabase(config, file, {
        replace: opts.replace,
        onProgress: progressOnTerminal(),
      });
      if (!result.audit.ok) process.exitCode = 1;
      process.stdout.write(
        options.json
          ? `${JSON.stringify(result)}\n`
          : `restored ${count(result.rows, 'row')} in ${count(result.tables.length, 'table')} from a ` +
              `${result.from.engine} dump of ${result.from.createdAt}` +
              `${result.replaced.length > 0 ? `, replacing what was there` : ''}\n${auditLine(result)}\n`,
      );
    });

  db.command('move')
    .description('copy the configured database (the data folder) into an empty PostgreSQL database')
    .requiredOption('--to <url>', 'the PostgreSQL database: postgres://USER:PASSWORD@HOST:PORT/DATABASE')
    .addHelpText(
      'after',
      "\nStop psrt serve first. The target gets psrt's schema and every row in one transaction, and the\n" +
        'move is recorded in its audit log; the data folder is left as it was. Then set DATABASE_URL to\n' +
        'the target for psrt serve and every psrt command.',
    )
    .action(async function (this: Command, opts: { to: string }) {
      const options = globalOptions(this);
      const config = readConfig(options);
      const { moveDatabase } = await import('../app/backup.ts');
      const result = await moveDatabase(config, opts.to, { onProgress: progressOnTerminal() });
      if (!result.audit.ok) process.exitCode = 1;
      const from = config.databaseUrl ? 'the database in DATABASE_URL' : config.dataDir;
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...result, next: { DATABASE_URL: result.to } })}\n`
          : `moved ${count(result.rows, 'row')} in ${count(result.tables.length, 'table')} from ${from} to ${result.to}\n` +
              `${auditLine(result)}\n` +
              `Next: set DATABASE_URL to that database (the URL you gave --to) wherever psrt serve and psrt\n` +
              `commands run, then start psrt serve. ${from} is left as it was: keep it until the new\n` +
              'database has served well, then delete it.\n',
      );
    });
}

function auditLine(result: {
  recorded: { seq: number; action: string };
  audit: import('../domain/audit.ts').ChainVerdict;
}): string {
  const verdict = result.audit.ok
    ? `audit log intact: ${count(result.audit.count, 'event')} verified`
    : `audit log TAMPERED: event #${result.audit.firstBad.seq} is ${result.audit.firstBad.reason} (as it was in the source)`;
  return `recorded as audit event #${result.recorded.seq} (${result.recorded.action}); ${verdict}`;
}
