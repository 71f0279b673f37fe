// `psrt roster inactivity …`: the yearly inactivity report to the Steering
// Council (admins): preview, produce, send, decide, list, show. Through the
// API, like every command, so the page and the command do the same.
import { type Command, Option } from 'commander';
import * as routes from '../web/api/routes/inactivity.ts';
import { withApi } from './api.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';

const day = (at: Date | string) => new Date(at).toISOString().slice(0, 10);

interface Shown {
  id?: number;
  period: { from: Date | string; to: Date | string };
  members: {
    login: string;
    name: string;
    standing: string;
    exemptAs: string[];
    evidence: { kind: string; reportId: string; ghsaId: string | null; count: number }[];
  }[];
  email: { subject: string; text: string };
  sentAt?: Date | string | null;
  sentBy?: string | null;
  producedBy?: string;
  decisions?: { login: string; verdict: string; councilDecision: string; recordedBy: string }[];
}

/** The report in words: its mail to the Council, then every member's standing and evidence. */
function reportText(report: Shown): string {
  const head =
    report.id === undefined
      ? `Preview (not kept): ${day(report.period.from)} to ${day(report.period.to)}`
      : `Inactivity report #${report.id}: ${day(report.period.from)} to ${day(report.period.to)}, produced by ${report.producedBy}; ${report.sentAt ? `sent ${day(report.sentAt)} by ${report.sentBy}` : 'not sent'}`;
  const standings = table(
    ['LOGIN', 'NAME', 'STANDING', 'ACTIVITY'],
    report.members.map((m) => [
      m.login,
      m.name,
      m.standing === 'exempt' ? `exempt (${m.exemptAs.join(', ')})` : m.standing,
      m.evidence.map((e) => `${e.kind} ${e.reportId}${e.count > 1 ? ` x${e.count}` : ''}`).join('; ') || '-',
    ]),
  );
  const decisions = (report.decisions ?? []).map(
    (d) => `decided: @${d.login} ${d.verdict} ("${d.councilDecision}", recorded by ${d.recordedBy})`,
  );
  return [head, '', `Subject: ${report.email.subject}`, '', report.email.text, standings, ...decisions].join(
    '\n',
  );
}

const reportId = (text: string): number => {
  if (!/^[1-9]\d{0,15}$/.test(text))
    throw new CliError(`"${text}" is not a report number (see psrt roster inactivity list).`, 2);
  return Number(text);
};

export function registerInactivityCommands(roster: Command): void {
  const inactivity = roster
    .command('inactivity')
    .description(
      'the yearly report of inactive members to the Steering Council (PEP 811; admins): members who neither coordinated nor commented on a report in the period, release managers and the Council exempt',
    );

  /** The period a report covers, as `preview` and `produce` take it. */
  const withPeriod = (command: Command) =>
    command
      .option(
        '--from <date>',
        "start of the period, YYYY-MM-DD (UTC); default: the last report's end, or a year ago",
      )
      .option('--to <date>', 'end of the period (excluded), YYYY-MM-DD; default: now');

  withPeriod(inactivity.command('preview'))
    .description(
      "compute the report for a period without keeping it: the mail to the Council and every member's evidence",
    )
    .action(function (this: Command, opts) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const preview = await api.call(routes.previewInactivity, { query: { from: opts.from, to: opts.to } });
        print(options, preview, () => reportText(preview));
      });
    });

  withPeriod(inactivity.command('produce'))
    .description('produce the report for a period (as preview) and keep it as it is, to send and decide on')
    .action(function (this: Command, opts) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const report = await api.call(routes.produceInactivityReport, {
          body: { from: opts.from, to: opts.to },
        });
        print(
          options,
          report,
          () => `${reportText(report)}\nsend it with: psrt roster inactivity send ${report.id}`,
        );
      });
    });

  inactivity
    .command('send')
    .description('send a produced report to the Steering Council by mail (once)')
    .argument('<id>', 'the report number')
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const report = await api.call(routes.sendInactivityReport, { params: { reportId: reportId(id) } });
        print(options, report, () => `inactivity report #${report.id} is on its way to the Steering Council`);
      });
    });

  inactivity
    .command('decide')
    .description(
      "record the Steering Council's decision on a member listed for removal: --remove takes them off the GitHub team, then to emeritus",
    )
    .argument('<id>', 'the report number')
    .argument('<login>', "the member's GitHub login")
    .option('--remove', 'the Council removes them')
    .option('--keep', 'the Council keeps them')
    .addOption(
      new Option(
        '--decision <text>',
        'the Council decision it records: a vote, a message, its date or link',
      ).makeOptionMandatory(),
    )
    .action(function (this: Command, id: string, login: string, opts) {
      const options = globalOptions(this);
      if (Boolean(opts.remove) === Boolean(opts.keep))
        throw new CliError('Give exactly one of --remove and --keep.', 2);
      return withApi(options, 'person', async (api) => {
        const decision = await api.call(routes.recordCouncilDecision, {
          params: { reportId: reportId(id) },
          body: { login, verdict: opts.remove ? 'remove' : 'keep', decision: opts.decision },
        });
        print(options, decision, () =>
          decision.verdict === 'remove'
            ? `recorded: @${decision.login} is removed; psrt takes them off the GitHub team, then to emeritus`
            : `recorded: @${decision.login} stays`,
        );
      });
    });

  inactivity
    .command('list')
    .description('the reports produced so far, newest period first')
    .action(function (this: Command) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { reports } = await api.call(routes.listInactivityReports);
        print(options, reports, () =>
          reports.length === 0
            ? 'no inactivity report yet (psrt roster inactivity produce)'
            : table(
                ['ID', 'PERIOD', 'INACTIVE', 'SENT', 'DECIDED'],
                reports.map((r) => {
                  const inactive = r.members.filter((m) => m.standing === 'inactive').length;
                  return [
                    String(r.id),
                    `${day(r.period.from)} to ${day(r.period.to)}`,
                    String(inactive),
                    r.sentAt ? day(r.sentAt) : '-',
                    `${r.decisions.length} of ${inactive}`,
                  ];
                }),
              ),
        );
      });
    });

  inactivity
    .command('show')
    .description("one produced report: its mail, every member's standing and evidence, the decisions")
    .argument('<id>', 'the report number')
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const report = await api.call(routes.showInactivityReport, { params: { reportId: reportId(id) } });
        print(options, report, () => reportText(report));
      });
    });
}
