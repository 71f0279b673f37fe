// `psrt roster leave|admin|changes`: membership changes decided in psrt. A
// leave goes to the GitHub team first (the effect runner), then the roster;
// admin designations record the Steering Council's decision.
import type { Command } from 'commander';
import * as routes from '../web/api/routes/membership.ts';
import { withApi } from './api.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';

const minute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-');

export function registerMembershipCommands(roster: Command): void {
  roster
    .command('leave')
    .description(
      'leave the PSRT (PEP 811: at any time): psrt takes you off the GitHub team, then moves you to the emeritus list',
    )
    .action(function (this: Command) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const change = await api.call(routes.leavePsrt, {});
        print(
          options,
          change,
          () =>
            `${change.name} (@${change.login}) leaves the PSRT: on its way to the GitHub team (change ${change.id}); the roster lists you as emeritus once the team has it.`,
        );
      });
    });

  const admin = roster
    .command('admin')
    .description(
      "record the Steering Council's designation of a PSRT admin, or its end (admins; two admins always)",
    );
  for (const [verb, designate] of [
    ['add', true],
    ['remove', false],
  ] as const) {
    admin
      .command(`${verb} <login>`)
      .description(
        designate
          ? 'designate LOGIN admin, as the Council decided'
          : "end LOGIN's admin designation, as the Council decided",
      )
      .requiredOption(
        '--decision <text>',
        "the Council's decision this records: a vote, a message, its date or link",
      )
      .action(function (this: Command, login: string, opts: { decision: string }) {
        const options = globalOptions(this);
        if (opts.decision.trim() === '')
          throw new CliError('--decision must say which Council decision this records.', 2);
        return withApi(options, 'person', async (api) => {
          const entry = await api.call(routes.designateAdmin, {
            body: { login, admin: designate, decision: opts.decision },
          });
          print(options, entry, () =>
            designate
              ? `${entry.name} (@${entry.login}) is a PSRT admin (recorded: ${opts.decision})`
              : `${entry.name} (@${entry.login}) is no longer a PSRT admin (recorded: ${opts.decision})`,
          );
        });
      });
  }

  roster
    .command('changes')
    .description('membership changes, newest first: pending until the GitHub team has them (members)')
    .option('--limit <n>', 'at most N changes', '50')
    .action(function (this: Command, opts: { limit: string }) {
      const options = globalOptions(this);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new CliError('--limit must be a whole number from 1 to 500.', 2);
      return withApi(options, 'person', async (api) => {
        const { changes } = await api.call(routes.listMembershipChanges, { query: { limit } });
        print(options, { changes }, () =>
          changes.length === 0
            ? 'No membership changes yet.'
            : table(
                ['ID', 'CHANGE', 'LOGIN', 'NAME', 'STATUS', 'DECIDED', 'BY', 'WHY'],
                changes.map((c) => [
                  String(c.id),
                  c.kind,
                  c.login,
                  c.name,
                  c.status === 'pending' ? 'on its way to the team' : `applied ${minute(c.appliedAt)}`,
                  minute(c.decidedAt),
                  c.decidedBy,
                  c.reason,
                ]),
              ),
        );
      });
    });
}
