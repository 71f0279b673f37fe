// `psrt roster …` and `psrt audit verify`: the admin side of the CLI.
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { RosterList } from '../domain/report.ts';
import { MAX_ROSTER_CSV_BYTES, rosterLimitsText } from '../domain/roster.ts';
import * as routes from '../web/api/routes/admin.ts';
import { withApi } from './api.ts';
import { readTextInput } from './arguments.ts';
import { registerInactivityCommands } from './inactivity-commands.ts';
import { registerMembershipCommands } from './membership-commands.ts';
import { registerRosterSyncCommands } from './roster-sync-commands.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';

export function registerRosterCommands(program: Command): void {
  const roster = program
    .command('roster')
    .description(
      'the PSRT member and emeritus lists (devguide CSV format), and keeping the venues that follow them in sync',
    );

  roster
    .command('import')
    .description(
      `replace the member and/or emeritus list from devguide CSV files (Name,GitHub username,Notes; no header); limits: ${rosterLimitsText}`,
    )
    .option('--members <file>', 'the member list, e.g. psrt.csv (- for stdin)')
    .option('--emeritus <file>', 'the emeritus list, e.g. psrt-emeritus.csv (- for stdin)')
    .option('--allow-empty', 'let an empty file empty a list that has people on it')
    .action(function (this: Command, opts) {
      if (!opts.members && !opts.emeritus)
        throw new CliError('Give --members FILE, --emeritus FILE or both.', 2);
      const options = globalOptions(this);
      if (opts.members === '-' && opts.emeritus === '-')
        throw new CliError('Only one of --members and --emeritus can be read from stdin.', 2);
      const input = {
        members: opts.members ? readTextInput(opts.members, '--members', MAX_ROSTER_CSV_BYTES) : undefined,
        emeritus: opts.emeritus
          ? readTextInput(opts.emeritus, '--emeritus', MAX_ROSTER_CSV_BYTES)
          : undefined,
        allowEmpty: Boolean(opts.allowEmpty),
      };
      // The first import into an empty roster sets it up; after that an admin must act.
      return withApi(options, 'setup', async (api) => {
        const result = await api.call(routes.importRoster, { body: input });
        print(options, result, () =>
          [
            result.members !== null ? `imported ${result.members} members` : null,
            result.emeritus !== null ? `imported ${result.emeritus} emeritus entries` : null,
          ]
            .filter(Boolean)
            .join(', '),
        );
      });
    });

  roster
    .command('export')
    .description('write a list in the devguide CSV format (byte-identical to what was imported)')
    .addOption(new Option('--list <list>', 'which list').choices(['member', 'emeritus']).default('member'))
    .option('-o, --out <file>', 'write to FILE instead of stdout')
    .action(function (this: Command, opts) {
      const options = globalOptions(this);
      return withApi(options, 'anyone', async (api) => {
        const csv = await api.text(routes.exportRoster, { params: { list: opts.list as RosterList } });
        if (opts.out) writeFileSync(opts.out, csv);
        else if (options.json) print(options, { list: opts.list, csv }, () => csv);
        else process.stdout.write(csv);
      });
    });

  roster
    .command('list')
    .description('who is on the roster, with their roles')
    .addOption(new Option('--list <list>', 'only this list').choices(['member', 'emeritus']))
    .action(function (this: Command, opts) {
      const options = globalOptions(this);
      return withApi(options, 'anyone', async (api) => {
        const { entries } = await api.call(routes.listRoster, {
          query: { list: opts.list as RosterList | undefined },
        });
        print(options, entries, () =>
          table(
            ['LIST', 'NAME', 'LOGIN', 'ROLES'],
            entries.map((e) => [e.list, e.name, e.login ?? '-', e.roles.join(', ') || '-']),
          ),
        );
      });
    });

  registerMembershipCommands(roster);
  registerInactivityCommands(roster);
  registerRosterSyncCommands(roster);

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'check the hash chain of every audit event; names the first edited, deleted or reordered event (the check is recorded in the log, as the Audit page shows)',
    )
    .option(
      '--expect-head <seq:hash>',
      'a head printed by an earlier run: also detects a cut or rewritten tail',
    )
    .action(function (this: Command, opts) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const checked = await api.call(routes.recordAuditVerification, {
          body: { expectHead: opts.expectHead },
        });
        const result = checked.verdict;
        print(options, checked, () =>
          result.ok
            ? `audit log intact: ${result.count} events verified\nhead ${result.lastSeq}:${result.lastHash} (keep it, and pass it as --expect-head next time)`
            : `audit log TAMPERED: event #${result.firstBad.seq} is ${result.firstBad.reason} (${result.firstBad.detail}); the ${result.count} events before it are intact`,
        );
        if (!result.ok) process.exitCode = 1;
      });
    });
}
