// `psrt report …`: what a coordinator does from the terminal. Each command
// calls one use-case and prints its result.
import { type Command, Option } from 'commander';
import { UseCaseError } from '../app/errors.ts';
import { grantAccess, revokeAccess } from '../app/grants.ts';
import {
  acceptHandoff,
  assignCoordinator,
  createReport,
  declineHandoff,
  determineReport,
  extendDeadline,
  listOpenReports,
  requestHandoff,
  showReport,
  transitionReport,
} from '../app/reports.ts';
import { isoDate } from '../app/wording.ts';
import { type Checklist, MAX_EXTENSION_DAYS } from '../domain/lifecycle.ts';
import { determinations, type Principal, type Report, rejectionReasons } from '../domain/report.ts';
import { dateHelp, parseDate, parseLogin, parseWholeNumber, readTextInput } from './arguments.ts';
import { registerCreditCommands } from './credit-commands.ts';
import { clocksHeaders, clocksRow, detailText, hintFor, reportLine } from './report-text.ts';
import { actingPrincipal, CliError, globalOptions, print, table, withApp } from './runtime.ts';
import { terminalText } from './terminal.ts';

/** A GHSA description is at most 65,535 characters; a file four times that cannot be one. */
const MAX_DESCRIPTION_FILE_BYTES = 256 * 1024;

type Run = (ctx: Parameters<Parameters<typeof withApp>[1]>[0], actor: Principal) => Promise<unknown>;

/** Runs a use-case as the acting person and prints the one line `human` says about its result. */
function acting(command: Command, run: Run, human: (value: never) => string): Promise<void> {
  const options = globalOptions(command);
  return withApp(options, async (ctx, config) => {
    const actor = await actingPrincipal(ctx, config, options);
    const value = await run(ctx, actor);
    print(options, value, () => terminalText(human(value as never)));
  });
}

/** Rethrows a refused transition with the command for each unmet requirement added to its message. */
const rethrowWithHints =
  (reportId: string) =>
  (error: unknown): never => {
    throw withHints(error, reportId);
  };

function withHints(error: unknown, reportId: string): unknown {
  if (!(error instanceof UseCaseError) || error.code !== 'refused') return error;
  const checklist = error.detail as Checklist | undefined;
  if (!checklist?.requirements) return error;
  const hints = checklist.requirements
    .filter((r) => !r.met)
    .map((r) => hintFor(checklist, r.id, reportId))
    .filter((hint) => hint !== undefined);
  if (hints.length === 0) return error;
  return new UseCaseError(
    error.code,
    `${error.message}\n${hints.map((h) => `  ${h}`).join('\n')}`,
    error.detail,
  );
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
        (ctx, actor) =>
          createReport(ctx, actor, {
            repository: opts.repo,
            title: opts.title,
            description,
            receivedAt: opts.receivedAt,
            ghsaId: opts.ghsa ?? null,
            reporter: opts.reporter ?? null,
          }),
        (r: Report) => `created ${reportLine(r)}`,
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
      return withApp(options, async (ctx, config) => {
        const actor = await actingPrincipal(ctx, config, options);
        const page = await listOpenReports(ctx, actor, {
          page: opts.page,
          pageSize: opts.pageSize,
          open: opts.all ? 'all' : true,
        });
        const now = ctx.now();
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
      return withApp(options, async (ctx, config) => {
        const detail = await showReport(ctx, await actingPrincipal(ctx, config, options), id);
        print(options, detail, () => detailText(detail, ctx.now()));
      });
    });

  report
    .command('clocks [id]')
    .description('the disclosure, coordinator and CRA clocks of one report, or of all open reports')
    .action(function (this: Command, id: string | undefined) {
      const options = globalOptions(this);
      return withApp(options, async (ctx, config) => {
        const actor = await actingPrincipal(ctx, config, options);
        const now = ctx.now();
        const rows = id
          ? [await showReport(ctx, actor, id)]
          : (await listOpenReports(ctx, actor, { pageSize: 500 })).reports;
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
        (ctx, actor) => {
          const who = login ?? (actor.kind === 'user' ? actor.login : undefined);
          if (!who) throw new CliError('Name the coordinator: psrt report assign ID LOGIN', 2);
          return assignCoordinator(ctx, actor, id, who);
        },
        (r: Report) => `${r.id}: coordinator is now ${r.coordinator}`,
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
        (ctx, actor) =>
          opts.to
            ? requestHandoff(ctx, actor, id, opts.to)
            : opts.accept
              ? acceptHandoff(ctx, actor, id)
              : declineHandoff(ctx, actor, id),
        (r: Report) =>
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
        (ctx, actor) => determineReport(ctx, actor, id, determination as (typeof determinations)[number]),
        (r: Report) => `${r.id}: determination recorded: ${r.determination}`,
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
        (ctx, actor) => transitionReport(ctx, actor, id, 'accept').catch(rethrowWithHints(id)),
        (r: Report) => `${reportLine(r)}`,
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
        (ctx, actor) =>
          transitionReport(ctx, actor, id, 'reject', {
            rejection: { reason: opts.reason, detail: opts.detail ?? null },
          }).catch(rethrowWithHints(id)),
        (r: Report) => reportLine(r),
      );
    });

  report
    .command('reopen <id>')
    .description('return a rejected report to triage')
    .requiredOption('--reason <text>', 'why it is reopened')
    .action(function (this: Command, id: string, opts) {
      return acting(
        this,
        (ctx, actor) => transitionReport(ctx, actor, id, 'reopen', { reason: opts.reason }),
        (r: Report) => reportLine(r),
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
        (ctx, actor) =>
          extendDeadline(ctx, actor, id, {
            days: opts.days,
            reason: opts.reason,
            reporterAgreed: Boolean(opts.reporterAgreed),
          }),
        (r: Report) => `${r.id}: deadline extended by ${opts.days} days`,
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
        (ctx, actor) =>
          grantAccess(ctx, actor, id, {
            login,
            reason: opts.reason,
            expiresAt: opts.expires ?? null,
          }),
        (g: { login: string; expiresAt: Date | null }) =>
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
        (ctx, actor) => revokeAccess(ctx, actor, id, login),
        () => `${login} no longer has access to ${id}`,
      );
    });

  registerCreditCommands(report);
}
