// `psrt roster drift|sync|contact` (admins): every venue's differences from
// the member list, the GitHub team's plan applied, the mailing list's and
// Discord's plans exported for the person who applies them, the devguide's
// files written, and members' contacts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { venuePlanText } from '../records/venue-plan.ts';
import * as admin from '../web/api/routes/admin.ts';
import * as routes from '../web/api/routes/roster-sync.ts';
import { withApi } from './api.ts';
import { readTextInput } from './arguments.ts';
import { devguideText, driftText, teamText, venueText } from './roster-sync-text.ts';
import { CliError, globalOptions, print } from './runtime.ts';

/** A venue's current members from a file: one a line, blank lines and `#` comments skipped. */
function currentList(file: string | undefined): string[] | undefined {
  if (file === undefined) return undefined;
  return readTextInput(file, '--current', 4 * 1024 * 1024)
    .text.split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function registerVenue(sync: Command, venue: 'mailing-list' | 'discord', what: string): void {
  sync
    .command(venue)
    .description(
      `the ${what}'s plan: what to add and remove (psrt never changes it; a person applies the plan)`,
    )
    .option(
      '--current <file>',
      `the ${what}'s members now, one a line (- for stdin); default: the last plan marked applied`,
    )
    .option('--out <file>', 'write the plan as text for whoever applies it')
    .option('--mark-applied', 'record that the plan was applied: later plans compare with its result')
    .action(function (this: Command, opts: { current?: string; out?: string; markApplied?: boolean }) {
      const options = globalOptions(this);
      const current = currentList(opts.current);
      return withApi(options, 'person', async (api) => {
        const plan = await api.call(routes.planVenue, { params: { venue }, body: { current } });
        if (opts.out) writeFileSync(opts.out, venuePlanText(plan, new Date()));
        const applied = opts.markApplied
          ? await api.call(routes.markVenueApplied, { params: { venue }, body: { current } })
          : null;
        print(options, { plan, applied }, () =>
          [
            venueText(plan),
            opts.out ? `The plan is in ${opts.out}.` : null,
            applied
              ? `Marked applied: the ${what} is taken to hold ${applied.holds.length} from now on.`
              : null,
          ]
            .filter(Boolean)
            .join('\n'),
        );
      });
    });
}

export function registerRosterSyncCommands(roster: Command): void {
  roster
    .command('drift')
    .description(
      'every venue (GitHub team, mailing list, Discord role, devguide CSVs) against the member list (admins)',
    )
    .action(function (this: Command) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const drift = await api.call(routes.getRosterDrift);
        print(options, drift, () => driftText(drift));
      });
    });

  const sync = roster.command('sync').description('bring a venue in line with the member list (admins)');
  sync
    .command('github')
    .description(
      "the GitHub team's plan; with --apply, add the members missing and remove who is not a member",
    )
    .option('--apply', 'apply the plan shown (refused if it changed meanwhile)')
    .action(function (this: Command, opts: { apply?: boolean }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const drift = await api.call(routes.getRosterDrift);
        const changes = 'add' in drift.team ? drift.team.add.length + drift.team.remove.length : 0;
        if (!opts.apply || drift.teamPlan === null || changes === 0) {
          print(
            options,
            drift.team,
            () =>
              `${teamText(drift.team)}${changes > 0 && !opts.apply ? '\nRun again with --apply to apply this plan.' : ''}`,
          );
          return;
        }
        if (!options.json) process.stdout.write(`${teamText(drift.team)}\n`);
        const result = await api.call(routes.applyTeamSync, { body: { plan: drift.teamPlan } });
        print(options, result, () =>
          result.added.length + result.removed.length === 0
            ? 'Nothing to apply.'
            : [
                ...result.added.map(
                  (a) =>
                    `added @${a.login} (${a.state === 'pending' ? 'invited to the organisation' : a.state})`,
                ),
                ...result.removed.map((login) => `removed @${login}`),
              ].join('\n'),
        );
      });
    });
  registerVenue(sync, 'mailing-list', 'mailing list');
  registerVenue(sync, 'discord', 'Discord role');
  sync
    .command('devguide')
    .description(
      "the devguide's psrt.csv and psrt-emeritus.csv against psrt's export; --out-dir writes the export for a devguide pull request",
    )
    .option('--out-dir <dir>', 'write psrt.csv and psrt-emeritus.csv there')
    .action(function (this: Command, opts: { outDir?: string }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const drift = await api.call(routes.getRosterDrift);
        const written: string[] = [];
        if (opts.outDir) {
          mkdirSync(opts.outDir, { recursive: true });
          for (const [list, name] of [
            ['member', 'psrt.csv'],
            ['emeritus', 'psrt-emeritus.csv'],
          ] as const) {
            writeFileSync(join(opts.outDir, name), await api.text(admin.exportRoster, { params: { list } }));
            written.push(join(opts.outDir, name));
          }
        }
        print(options, { devguide: drift.devguide, written }, () =>
          [devguideText(drift.devguide), ...written.map((file) => `wrote ${file}`)].join('\n'),
        );
      });
    });

  roster
    .command('contact <login>')
    .description(
      "set a member's mailing-list address and Discord name (yourself, or anyone as an admin); '' clears one",
    )
    .option('--email <address>', 'the address the mailing list should hold')
    .option('--discord <name>', 'the Discord username that should have the role')
    .action(function (this: Command, login: string, opts: { email?: string; discord?: string }) {
      if (opts.email === undefined && opts.discord === undefined)
        throw new CliError('Give --email ADDRESS, --discord NAME or both.', 2);
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const contact = await api.call(routes.setContact, { params: { login }, body: opts });
        print(
          options,
          contact,
          () => `@${contact.login}: email ${contact.email ?? '-'}, Discord ${contact.discord ?? '-'}`,
        );
      });
    });
}
