// `psrt report …`: what a coordinator does from the terminal. Each command
// calls one API operation (the report's use-case) and prints its answer.
import { type Command, Option } from 'commander';
import { isoDate } from '../app/wording.ts';
import { determinations, MAX_EXTENSION_DAYS, rejectionReasons } from '../domain/report.ts';
import * as access from '../web/api/routes/access.ts';
import * as routes from '../web/api/routes/reports.ts';
import { withApi } from './api.ts';
import type { Api } from './api-client.ts';
import { dateHelp, parseDate, parseLogin, parseWholeNumber, readTextInput } from './arguments.ts';
import { registerCraCommands } from './cra-commands.ts';
import { registerCreditCommands } from './credit-commands.ts';
import { registerDuplicateCommands } from './duplicate-commands.ts';
import { clocksHeaders, clocksRow, detailText, reportLine, rethrowWithHints } from './report-text.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';
import { terminalText } from './terminal.ts';
import { registerTimelineCommand } from './timeline-commands.ts';

/** A GHSA description is at most 65,535 characters; a file four times that cannot be one. */
const MAX_DESCRIPTION_FILE_BYTES = 256 * 1024;

/** Calls the API as the acting person and prints the one line `human` says about its answer. */
function acting<T>(
  command: Command,
  call: (api: Api) => Promise<T>,
  human: (value: T) => string,
): Promise<void> {
  const options = globalOptions(command);
  return withApi(options, 'person', async (api) => {
    const value = await call(api);
    print(options, value, () => terminalText(human(value)));
  });
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('create, coordinate and move reports through the PSRT process');

  report
    .command('create')
    .description('record a new report in triage (its 90-day disclosure clock starts at --received-at)')
    .requiredOption('--repo <owner/name>', 'repository the vulnerability is in, e.g. python/cpython')
    .requiredOption('--title <text>', 'short title (the GHSA summary)')
    .option('--description <text>', 'the report text')
    .option('--description-file <path>', 'read the report text from a file (- for stdin; at most 256 KiB)')
    .option(
      '--received-at <date>',
      `when the PSRT first received it (an earlier security@ email counts), not in the future; ${dateHelp}; default now`,
      (v) => parseDate(v, '--received-at', { notAfter: new Date() }),
    )
    .option('--ghsa <id>', 'the GHSA id, when the report came in through GitHub')
    .option('--reporter <login>', "the reporter's GitHub login", (v) => parseLogin(v, '--reporter'))
    .action(function (this: Command, opts) {
      const description =
        opts.descriptionFile !== undefined
          ? readTextInput(opts.descriptionFile, '--description-file', MAX_DESCRIPTION_FILE_BYTES).text
          : (opts.description ?? '');
      return acting(
        this,
        (api) =>
          api.call(routes.createReport, {
            body: {
              repository: opts.repo,
              title: opts.title,
              description,
              receivedAt: opts.receivedAt,
              ghsaId: opts.ghsa ?? null,
              reporter: opts.reporter ?? null,
            },
          }),
        (r) => `created ${reportLine(r)}`,
      );
    });

  report
    .command('list')
    .description('open reports you may see (with --all, finished ones too), with their clocks, overdue first')
    .option('--all', 'list published and rejected reports too, not only open ones')
    .option('--page <n>', 'page number', (v) => parseWholeNumber(v, '--page', 1, 1_000_000), 1)
    .option(
      '--page-size <n>',
      'reports per page (1-500)',
      (v) => parseWholeNumber(v, '--page-size', 1, 500),
      50,
    )
    .action(function (this: Command, opts) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const page = await api.call(routes.listReports, {
          query: { state: opts.all ? 'all' : 'open', page: opts.page, limit: opts.pageSize },
        });
        const now = new Date();
        print(options, page, () =>
          page.total === 0
            ? 'No reports.'
            : `${table(
                clocksHeaders,
                page.reports.map((r) => clocksRow(r, now)),
              )}\n${page.reports.length} of ${page.total} (page ${page.page})`,
        );
      });
    });

  report
    .command('show <id>')
    .description('one report: fields, clocks, collaborators and what each next step still needs')
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const detail = await api.call(routes.getReport, { params: { id } });
        print(options, detail, () => detailText(detail, new Date()));
      });
    });

  registerTimelineCommand(report);

  report
    .command('clocks [id]')
    .description('the disclosure, coordinator and CRA clocks of one report, or of all open reports')
    .action(function (this: Command, id: string | undefined) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const now = new Date();
        const rows = id
          ? [await api.call(routes.getReport, { params: { id } })]
          : (await api.call(routes.listReports, { query: { limit: 500 } })).reports;
        const value = rows.map(({ report, clocks }) => ({ id: report.id, clocks }));
        print(options, value, () =>
          table(
            clocksHeaders,
            rows.map((r) => clocksRow(r, now)),
          ),
        );
      });
    });

  report
    .command('assign <id> [login]')
    .description('make LOGIN (default: you) the coordinator')
    .action(function (this: Command, id: string, login: string | undefined) {
      if (login !== undefined) parseLogin(login, 'LOGIN');
      return acting(
        this,
        // Without a login, the API makes the person acting the coordinator.
        (api) => api.call(routes.assignCoordinator, { params: { id }, body: login ? { login } : {} }),
        (r) => `${r.id}: coordinator is now ${r.coordinator}`,
      );
    });

  report
    .command('handoff <id>')
    .description('hand coordination to a successor, who must accept; you stay responsible until then')
    .addOption(
      new Option('--to <login>', 'ask LOGIN to take over')
        .argParser((v) => parseLogin(v, '--to'))
        .conflicts(['accept', 'decline']),
    )
    .addOption(new Option('--accept', 'accept a handoff offered to you').conflicts('decline'))
    .option('--decline', 'decline a handoff offered to you, or withdraw your own offer')
    .action(function (this: Command, id: string, opts) {
      if (!opts.to && !opts.accept && !opts.decline)
        throw new CliError('Say what to do: --to LOGIN, --accept or --decline', 2);
      return acting(
        this,
        (api) =>
          opts.to
            ? api.call(routes.requestHandoff, { params: { id }, body: { to: opts.to } })
            : api.call(opts.accept ? routes.acceptHandoff : routes.declineHandoff, { params: { id } }),
        (r) =>
          r.handoff
            ? `${r.id}: waiting for ${r.handoff.to} to accept; ${r.coordinator} stays coordinator until then`
            : `${r.id}: coordinator is ${r.coordinator}`,
      );
    });

  report
    .command('determine <id> <determination>')
    .description(`record what the report is: ${determinations.join(', ')}`)
    .action(function (this: Command, id: string, determination: string) {
      if (!(determinations as readonly string[]).includes(determination)) {
        throw new CliError(`determination must be one of: ${determinations.join(', ')}`, 2);
      }
      return acting(
        this,
        (api) =>
          api.call(routes.determineReport, {
            params: { id },
            body: { determination: determination as (typeof determinations)[number] },
          }),
        (r) => `${r.id}: determination recorded: ${r.determination}`,
      );
    });

  report
    .command('accept <id>')
    .description(
      'accept as a vulnerability (needs a coordinator and the determination); a CVE ID is then reserved',
    )
    .action(function (this: Command, id: string) {
      return acting(
        this,
        (api) => api.call(routes.acceptReport, { params: { id } }).catch(rethrowWithHints(id)),
        (r) => reportLine(r),
      );
    });

  report
    .command('reject <id>')
    .description(
      'reject the report (needs a coordinator and a fitting determination, except spam); the devguide reply for the reason is sent (none for spam) and a reserved CVE ID is rejected at the CNA',
    )
    .addOption(new Option('--reason <reason>', 'why').choices([...rejectionReasons]).makeOptionMandatory())
    .option('--detail <text>', 'duplicate: the other report, GHSA or CVE; public-issue: the issue URL')
    .action(function (this: Command, id: string, opts) {
      return acting(
        this,
        (api) =>
          api
            .call(routes.rejectReport, {
              params: { id },
              body: { reason: opts.reason, detail: opts.detail ?? null },
            })
            .catch(rethrowWithHints(id)),
        (r) => reportLine(r),
      );
    });

  report
    .command('reopen <id>')
    .description('return a rejected report to triage')
    .requiredOption('--reason <text>', 'why it is reopened')
    .action(function (this: Command, id: string, opts) {
      return acting(
        this,
        (api) => api.call(routes.reopenReport, { params: { id }, body: { reason: opts.reason } }),
        (r) => reportLine(r),
      );
    });

  report
    .command('extend <id>')
    .description('extend the 90-day disclosure deadline')
    .requiredOption(`--days <n>`, `days to add (1-${MAX_EXTENSION_DAYS})`, (v) =>
      parseWholeNumber(v, '--days', 1, MAX_EXTENSION_DAYS),
    )
    .requiredOption('--reason <text>', 'why the extension is needed')
    .option('--reporter-agreed', 'the reporter agreed to the extension')
    .action(function (this: Command, id: string, opts) {
      return acting(
        this,
        (api) =>
          api.call(routes.extendDeadline, {
            params: { id },
            body: { days: opts.days, reason: opts.reason, reporterAgreed: Boolean(opts.reporterAgreed) },
          }),
        (r) => `${r.id}: deadline extended by ${opts.days} days`,
      );
    });

  report
    .command('grant <id> <login>')
    .description(
      'give LOGIN access to this report only (expires 14 days after the report is finished, unless --expires)',
    )
    .requiredOption('--reason <text>', 'why they need access')
    .option('--expires <date>', `expiry, in the future; ${dateHelp}`, (v) => parseDate(v, '--expires'))
    .action(function (this: Command, id: string, login: string, opts) {
      parseLogin(login, 'LOGIN');
      return acting(
        this,
        (api) =>
          api.call(access.grantAccess, {
            params: { id },
            body: { login, reason: opts.reason, expiresAt: opts.expires ?? null },
          }),
        (g) =>
          `${login} may now see ${id} ${g.expiresAt ? `until ${isoDate(g.expiresAt)}` : 'until 14 days after it is finished'}`,
      );
    });

  report
    .command('revoke <id> <login>')
    .description("remove LOGIN's access to this report")
    .action(function (this: Command, id: string, login: string) {
      parseLogin(login, 'LOGIN');
      return acting(
        this,
        async (api) => (await api.call(access.revokeAccess, { params: { id, login } })).revoked,
        () => `${login} no longer has access to ${id}`,
      );
    });

  registerCreditCommands(report);
  registerCraCommands(report);
  registerDuplicateCommands(report);
}
