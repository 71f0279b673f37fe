// `psrt publish`, `psrt advisory …` and `psrt cve approve`: the advisory email,
// the CVE record and the OSV record of a report, previewed, sent with one
// action, approved by a CNA operator, and their history.
import { createInterface } from 'node:readline/promises';
import { type Command, Option } from 'commander';
import { UseCaseError } from '../app/errors.ts';
import type { PublicationPreview } from '../app/publish.ts';
import { isoDate } from '../app/wording.ts';
import { PublicationPreviewSchema } from '../web/api/publication-schemas.ts';
import * as routes from '../web/api/routes/publication.ts';
import { withApi } from './api.ts';
import { fixRefreshText, previewText as textOf } from './publish-text.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';
import { terminalText } from './terminal.ts';

/** The preview a refused publication carries, when it is one. */
function refusedPreview(error: unknown): PublicationPreview | null {
  if (!(error instanceof UseCaseError) || error.code !== 'refused') return null;
  const preview = PublicationPreviewSchema.safeParse(error.detail);
  return preview.success ? (preview.data as PublicationPreview) : null;
}

/** Asks on the terminal; false when there is none to ask on. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await prompt.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}

export function registerPublishCommands(program: Command): void {
  program
    .command('publish <report>')
    .description(
      'publish an accepted report: without --send (the default) print the advisory email, CVE record and OSV record with every check; with --send, send the email to security-announce, commit the OSV record and close the GHSA (the CVE record waits for a CNA operator)',
    )
    .option('--send', 'send it (only when every check passes)')
    .option('--publish-cve', 'also publish the CVE record now (CNA operators only)')
    .action(function (this: Command, reportId: string, opts: { send?: boolean; publishCve?: boolean }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        // Which checks the preview lists is the publication use-case's own rule.
        const { publicationChecks } = await import('../app/publish.ts');
        const previewText = (preview: PublicationPreview) => textOf(preview, publicationChecks(preview));
        if (!opts.send) {
          const preview = (await api.call(routes.previewPublication, {
            params: { id: reportId },
          })) as PublicationPreview;
          print(options, preview, () => previewText(preview));
          if (!preview.ready) process.exitCode = 1;
          return;
        }
        try {
          const published = await api.call(routes.publishReport, {
            params: { id: reportId },
            body: { publishCve: opts.publishCve ?? false },
          });
          print(
            options,
            { report: published.report, records: published.records, effects: published.effects },
            () =>
              terminalText(
                `published ${reportId}${published.report.publication.psfId ? ` as ${published.report.publication.psfId}` : ''}: ${(published.effects ?? []).map((effect) => effect.kind).join(', ')} queued` +
                  (opts.publishCve ? '' : '; the CVE record waits for a CNA operator (psrt cve approve)'),
              ),
          );
        } catch (error) {
          const preview = refusedPreview(error);
          if (!preview || options.json) throw error;
          process.stderr.write(`${previewText(preview).split('\n\n')[0]}\n`);
          process.exitCode = 1;
        }
      });
    });

  const advisory = program
    .command('advisory')
    .description("a report's published records: render them, and their history");
  advisory
    .command('render <id>')
    .description(
      'print one record of a report (PSRT report id, CVE ID or PSF advisory id) to stdout, as it is or would be published: the email, the whole CVE record, or the OSV file',
    )
    .addOption(
      new Option('--format <format>', 'which record').choices(['email', 'cve', 'osv']).makeOptionMandatory(),
    )
    .action(function (this: Command, id: string, opts: { format: routes.RecordFormat }) {
      const options = globalOptions(this);
      // Published advisories are public: anyone may render them; an embargoed report needs who you are.
      return withApi(options, 'anyone', async (api) => {
        const { text } = await api.call(routes.renderAdvisory, { params: { id, format: opts.format } });
        if (options.json) print(options, { id, format: opts.format, text }, () => text);
        else process.stdout.write(opts.format === 'email' ? terminalText(text, { multiline: true }) : text);
      });
    });
  advisory
    .command('history <report>')
    .description('every version of every record the report published (CVE Services keeps no history)')
    .action(function (this: Command, reportId: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { records } = await api.call(routes.recordHistory, { params: { id: reportId } });
        print(options, records, () =>
          table(
            ['FORMAT', 'VERSION', 'STATUS', 'BY', 'AT'],
            records.map((record) => [
              record.format,
              String(record.version),
              record.status,
              record.createdBy,
              isoDate(record.createdAt),
            ]),
          ),
        );
      });
    });

  advisory
    .command('update <report>')
    .description(
      "read where the fix landed on GitHub (backports, releases) and fill the report's fixed commits and versions; for a published report, show the record update as a diff, and with --approve store and send it",
    )
    .option(
      '--approve',
      'store the new record versions and send them (the CVE record only when you are a CNA operator)',
    )
    .action(function (this: Command, reportId: string, opts: { approve?: boolean }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        if (opts.approve) {
          const decision = await api.call(routes.approveRecordUpdate, { params: { id: reportId } });
          print(
            options,
            decision.effects ?? [],
            () =>
              `record update of ${reportId} approved: ${(decision.effects ?? []).map((effect) => effect.kind).join(', ') || 'stored, the CVE record waits for a CNA operator (psrt cve approve)'}`,
          );
          return;
        }
        const refresh = await api.call(routes.refreshFixes, { params: { id: reportId } });
        print(options, refresh, () => fixRefreshText(refresh));
      });
    });

  const cve = program
    .command('cve')
    .description('CVE records and IDs: approve a published record, reject unused IDs');
  cve
    .command('orphans')
    .description(
      'CVE IDs reserved at the CNA for the PSF that no report holds; with --reject, reject them at the CNA after you confirm',
    )
    .option('--reject', 'reject every orphan listed (asks first; --yes when there is no terminal to ask on)')
    .option('--yes', 'confirm --reject without asking')
    .action(function (this: Command, opts: { reject?: boolean; yes?: boolean }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { orphans } = await api.call(routes.listCveOrphans);
        if (!opts.reject || orphans.length === 0) {
          print(options, orphans, () =>
            orphans.length === 0
              ? 'no orphaned CVE IDs: every ID reserved for the PSF is held by a report'
              : table(
                  ['CVE ID', 'RESERVED BY', 'AT'],
                  orphans.map((orphan) => [orphan.cveId, orphan.reservedBy ?? '-', orphan.reservedAt ?? '-']),
                ),
          );
          return;
        }
        const ids = orphans.map((orphan) => orphan.cveId);
        if (
          !opts.yes &&
          !(await confirm(
            `Reject ${ids.length} CVE ID(s) at the CNA (${ids.join(', ')})? This cannot be undone. Type yes: `,
          ))
        ) {
          throw new CliError('Nothing rejected: not confirmed (type yes, or pass --yes).', 1);
        }
        const { rejected } = await api.call(routes.rejectCveOrphans, { body: { cveIds: ids } });
        print(options, { rejected }, () => `rejected ${rejected.length} CVE ID(s): ${rejected.join(', ')}`);
      });
    });

  cve
    .command('approve <report>')
    .description(
      "publish the report's latest CVE record to CVE Services, after reviewing it beside the advisory email",
    )
    .action(function (this: Command, reportId: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const decision = await api.call(routes.approveCveRecord, { params: { id: reportId } });
        print(
          options,
          decision.effects ?? [],
          () => `the CVE record of ${reportId} is being published to CVE Services`,
        );
      });
    });
}
