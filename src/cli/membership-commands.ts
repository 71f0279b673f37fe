// `psrt roster leave|role|changes`: membership changes decided in psrt. A
// leave goes to the GitHub team first (the effect runner), then the roster;
// roles record the decision they follow (admins: the Steering Council's).
import type { Command } from 'commander';
import { roleWords } from '../domain/membership.ts';
import { type RosterRole, rosterRoles } from '../domain/report.ts';
import * as routes from '../web/api/routes/membership.ts';
import { withApi } from './api.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';

/** Each role as typed at the terminal: admin, release-manager, steering-council, psf-staff. */
const roleNames = rosterRoles.map((role) => role.toLowerCase().replaceAll(' ', '-'));

function roleNamed(name: string): RosterRole {
  const wanted = name
    .trim()
    .toLowerCase()
    .replaceAll(/[\s_]+/g, '-');
  const found = rosterRoles.find((_, i) => roleNames[i] === wanted);
  if (!found) throw new CliError(`${JSON.stringify(name)} is not a role: one of ${roleNames.join(', ')}.`, 2);
  return found;
}

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

  const role = roster
    .command('role')
    .description(
      `give or take a member's role (${rosterRoles.join(', ')}): admins as the Steering Council designates them (PEP 811; two admins always); admins only`,
    );
  for (const [verb, on] of [
    ['add', true],
    ['remove', false],
  ] as const) {
    role
      .command(`${verb} <login> <role>`)
      .description(
        `${on ? 'give LOGIN' : 'take from LOGIN'} the ROLE (${roleNames.join(', ')}), recording the decision`,
      )
      .requiredOption(
        '--decision <text>',
        "the decision this records (for admin, the Steering Council's): a vote, a message, its date or link",
      )
      .action(function (this: Command, login: string, name: string, opts: { decision: string }) {
        const options = globalOptions(this);
        const given = roleNamed(name);
        if (opts.decision.trim() === '')
          throw new CliError('--decision must say which decision this records.', 2);
        return withApi(options, 'person', async (api) => {
          const entry = await api.call(routes.setMemberRole, {
            body: { login, role: given, on, decision: opts.decision },
          });
          print(
            options,
            entry,
            () =>
              `${entry.name} (@${entry.login}) ${on ? 'is' : 'is no longer'} ${roleWords[given]} (recorded: ${opts.decision.trim()})`,
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
