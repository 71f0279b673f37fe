// `psrt report cra …`: the CRA (Regulation (EU) 2024/2847 Art. 14) record of a report at the
// terminal: show it, record awareness or no exploitation, the measure, an incident, CSIRT requests
// and answers, complete a stage's draft, and record a submission to ENISA with its reference.
import { type Command, Option } from 'commander';
import { type CraStage, craRules, craStages } from '../domain/cra.ts';
import * as routes from '../web/api/routes/cra.ts';
import { withApi } from './api.ts';
import type { Api } from './api-client.ts';
import { dateHelp, parseDate, parseWholeNumber } from './arguments.ts';
import { CliError, globalOptions, print } from './runtime.ts';
import { terminalText } from './terminal.ts';

type View = Awaited<ReturnType<typeof showCall>>;
const showCall = (api: Api, id: string) => api.call(routes.getCra, { params: { id } });

const minute = (at: Date | null) => (at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-');

/** The CRA record in lines: the finding, each clock, CSIRT requests, drafts with what they miss, submissions. */
export function craText(view: View, now: Date): string {
  const { cra } = view;
  const lines = [`${view.reportId}: EU Cyber Resilience Act reporting`];
  const finding = cra.exploitation;
  if (finding?.status === 'exploited')
    lines.push(
      `  actively exploited, aware ${minute(cra.exploitationAwareAt)} (recorded by ${finding.recordedBy}): ${finding.evidence}`,
    );
  else if (finding?.status === 'not-exploited')
    lines.push(`  not actively exploited (recorded by ${finding.recordedBy}): ${finding.reason}`);
  else lines.push('  no finding on active exploitation yet');
  if (cra.measure) lines.push(`  measure since ${minute(cra.fixAvailableAt)}: ${cra.measure.description}`);
  if (cra.incident)
    lines.push(`  severe incident since ${minute(cra.incident.awareAt)}: ${cra.incident.description}`);
  for (const clock of view.clocks) {
    const left =
      clock.status === 'submitted'
        ? `submitted ${minute(clock.submittedAt)}`
        : clock.due
          ? `${clock.due.getTime() <= now.getTime() ? 'overdue' : clock.status.replace('-', ' ')}, due ${minute(clock.due)}`
          : 'not started';
    lines.push(`  ${craRules[clock.stage].label.padEnd(28)} ${left}`);
  }
  for (const request of cra.csirtRequests) {
    const state = request.answer
      ? `answered ${minute(request.answer.answeredAt)}`
      : `due ${minute(request.dueAt)}`;
    lines.push(`  CSIRT request ${request.id} from ${request.csirt}, ${state}: ${request.request}`);
  }
  for (const draft of view.drafts) {
    lines.push(
      `  draft ${draft.stage}: ${draft.missing.length === 0 ? 'complete' : `missing ${draft.missing.join('; ')}`}`,
    );
  }
  for (const submission of view.submissions)
    lines.push(
      `  submitted ${submission.stage} as ${submission.reference} by ${submission.submittedBy} ${minute(submission.submittedAt)}`,
    );
  return lines.join('\n');
}

function draftText(view: View, stage: CraStage): string {
  const submitted = view.submissions.find((s) => s.stage === stage);
  if (submitted) {
    const fields = submitted.fields.map((f) => `  ${f.label} [${f.key}]\n    ${f.value || '-'}`);
    return [`${craRules[stage].label}: submitted as ${submitted.reference}, exactly:`, ...fields].join('\n');
  }
  const draft = view.drafts.find((d) => d.stage === stage);
  if (!draft) return `The ${craRules[stage].label} has no running clock: there is no draft to show.`;
  const fields = draft.fields.map(
    (f) =>
      `  ${f.label} [${f.key}]${f.required ? '' : ' (if known)'} (${f.article}, ${f.source})\n    ${f.value || '-'}`,
  );
  const missing =
    draft.missing.length === 0 ? 'every required field is filled' : `missing: ${draft.missing.join('; ')}`;
  return [`${craRules[stage].label} draft, ${missing}`, ...fields].join('\n');
}

const stageOption = () =>
  new Option('--stage <stage>', 'the CRA stage').choices([...craStages]).makeOptionMandatory();
const at = (what: string) => (v: string) => parseDate(v, what);

export function registerCraCommands(report: Command): void {
  const cra = report
    .command('cra')
    .description("the report's EU Cyber Resilience Act (Art. 14) reporting: PSRT members");

  /** Calls the API as the acting person, then prints the CRA record as it now is. */
  const recording = (command: Command, id: string, call: (api: Api) => Promise<unknown>, done: string) => {
    const options = globalOptions(command);
    return withApi(options, 'person', async (api) => {
      await call(api);
      const view = await showCall(api, id);
      print(options, view, () => terminalText(`${done}\n${craText(view, new Date())}`));
    });
  };

  cra
    .command('show <id>')
    .description('the CRA record: finding, clocks, CSIRT requests, drafts and submissions')
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const view = await showCall(api, id);
        print(options, view, () => terminalText(craText(view, new Date())));
      });
    });

  cra
    .command('aware <id>')
    .description('the team became aware of active exploitation: the 24 h and 72 h clocks start')
    .requiredOption('--at <date>', `when the team became aware; ${dateHelp}`, at('--at'))
    .requiredOption('--evidence <text>', 'what shows it is actively exploited')
    .action(function (this: Command, id: string, opts) {
      return recording(
        this,
        id,
        (api) =>
          api.call(routes.recordCraAwareness, {
            params: { id },
            body: { awareAt: opts.at, evidence: opts.evidence },
          }),
        'Active exploitation recorded.',
      );
    });

  cra
    .command('not-exploited <id>')
    .description('the vulnerability is not actively exploited: no CRA clock runs')
    .requiredOption('--reason <text>', 'why')
    .action(function (this: Command, id: string, opts) {
      return recording(
        this,
        id,
        (api) => api.call(routes.recordCraNotExploited, { params: { id }, body: { reason: opts.reason } }),
        'Recorded as not actively exploited.',
      );
    });

  cra
    .command('measure <id>')
    .description('a corrective or mitigating measure is available: the 14-day final-report clock starts')
    .requiredOption('--at <date>', `when it became available; ${dateHelp}`, at('--at'))
    .requiredOption('--description <text>', 'what the measure is (e.g. upgrade to 3.14.1)')
    .action(function (this: Command, id: string, opts) {
      return recording(
        this,
        id,
        (api) =>
          api.call(routes.recordCraMeasure, {
            params: { id },
            body: { availableAt: opts.at, description: opts.description },
          }),
        'Measure recorded.',
      );
    });

  cra
    .command('incident <id>')
    .description(
      'a severe incident on infrastructure the PSF provides (PyPI, python.org): the incident clocks start',
    )
    .requiredOption('--at <date>', `when the team became aware; ${dateHelp}`, at('--at'))
    .requiredOption('--description <text>', 'what happened')
    .action(function (this: Command, id: string, opts) {
      return recording(
        this,
        id,
        (api) =>
          api.call(routes.recordCraIncident, {
            params: { id },
            body: { awareAt: opts.at, description: opts.description },
          }),
        'Incident recorded.',
      );
    });

  cra
    .command('csirt-request <id>')
    .description("record a CSIRT's request for more information, with its due time")
    .requiredOption('--csirt <name>', 'who asked (the CSIRT, or ENISA)')
    .requiredOption('--request <text>', 'what they asked')
    .requiredOption('--asked-at <date>', `when they asked; ${dateHelp}`, at('--asked-at'))
    .requiredOption('--due <date>', `when the answer is due; ${dateHelp}`, at('--due'))
    .action(function (this: Command, id: string, opts) {
      return recording(
        this,
        id,
        (api) =>
          api.call(routes.recordCsirtRequest, {
            params: { id },
            body: { csirt: opts.csirt, request: opts.request, askedAt: opts.askedAt, dueAt: opts.due },
          }),
        'Request recorded.',
      );
    });

  cra
    .command('csirt-answer <id> <request>')
    .description("record the answer given to a CSIRT's request (its number in `cra show`)")
    .requiredOption('--answer <text>', 'the answer given')
    .action(function (this: Command, id: string, request: string, opts) {
      const number = parseWholeNumber(request, 'REQUEST', 1, 10_000);
      return recording(
        this,
        id,
        (api) =>
          api.call(routes.answerCsirtRequest, {
            params: { id, request: number },
            body: { answer: opts.answer },
          }),
        'Answer recorded.',
      );
    });

  const draft = cra.command('draft').description("a stage's draft: the fields Art. 14(2)/(4) ask for");
  draft
    .command('show <id>')
    .description('the draft of a stage, each field with where its text comes from, and what is missing')
    .addOption(stageOption())
    .action(function (this: Command, id: string, opts) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const view = await showCall(api, id);
        print(options, view.drafts.find((d) => d.stage === opts.stage) ?? null, () =>
          terminalText(draftText(view, opts.stage)),
        );
      });
    });
  draft
    .command('edit <id>')
    .description(
      "complete fields of a stage's draft: --set KEY=TEXT, once per field (an empty TEXT follows the report again)",
    )
    .addOption(stageOption())
    .requiredOption('--set <key=text>', 'a field and its text', (v: string, all: string[] = []) => [
      ...all,
      v,
    ])
    .action(function (this: Command, id: string, opts) {
      const fields: Record<string, string> = {};
      for (const pair of opts.set as string[]) {
        const eq = pair.indexOf('=');
        if (eq <= 0)
          throw new CliError(
            `--set ${pair}: write it as KEY=TEXT (see the keys in \`psrt report cra draft show\`)`,
            2,
          );
        fields[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      return recording(
        this,
        id,
        (api) => api.call(routes.editCraDraft, { params: { id, stage: opts.stage }, body: { fields } }),
        'Draft saved.',
      );
    });

  cra
    .command('submit <id>')
    .description(
      "record that you submitted a stage on ENISA's Single Reporting Platform; its draft is kept as submitted",
    )
    .addOption(stageOption())
    .requiredOption('--reference <text>', "the platform's reference for the submission")
    .action(function (this: Command, id: string, opts) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const submission = await api.call(routes.submitCraStage, {
          params: { id },
          body: { stage: opts.stage, reference: opts.reference },
        });
        print(options, submission, () =>
          terminalText(
            `${id}: ${craRules[opts.stage as CraStage].label} recorded as submitted (reference ${submission.reference}); its copy is kept.`,
          ),
        );
      });
    });
}
