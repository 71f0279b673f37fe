// `psrt publish`, `psrt advisory …` and `psrt cve approve`: the advisory email,
// the CVE record and the OSV record of a report, previewed, sent with one
// action, approved by a CNA operator, and their history.
import { createInterface } from 'node:readline/promises';
import { type Command, Option } from 'commander';
import { findCveOrphans, rejectCveOrphans } from '../app/cve-orphans.ts';
import { installationResolver } from '../app/effects/services.ts';
import { approveRecordUpdate, type FixRefresh, refreshFixes } from '../app/fix-updates.ts';
import {
  approveCveRecord,
  type PublicationPreview,
  PublicationRefused,
  previewPublication,
  publicationChecks,
  publishReport,
  type RecordFormat,
  recordHistory,
  renderAdvisory,
} from '../app/publish.ts';
import { isoDate } from '../app/wording.ts';
import { osvFileText } from '../records/osv.ts';
import { actingPrincipal, CliError, globalOptions, print, table, withApp } from './runtime.ts';
import { terminalText } from './terminal.ts';

const rule = (title: string) => `── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`;

/** The checks, one a line (✓ met, ✗ not, with what to do), then the three records as they would go out. */
export function previewText(preview: PublicationPreview): string {
  const items = publicationChecks(preview);
  const lines = [
    `${preview.reportId}${preview.psfId ? ` → ${preview.psfId}` : ''}: ${preview.ready ? 'ready to publish' : 'not ready'}`,
    ...items.map((item) => (item.met ? `  ✓ ${item.label}` : `  ✗ ${item.label}: ${item.reason}`)),
  ];
  const { records } = preview;
  if (records) {
    lines.push(
      '',
      rule('advisory email'),
      `Subject: ${records.email.subject}`,
      '',
      records.email.text,
      rule('CVE record'),
      JSON.stringify(records.cve, null, 2),
      rule('OSV record'),
      records.osv
        ? osvFileText(records.osv).trimEnd()
        : '(none: the PSF advisory database does not hold this project)',
    );
  }
  return terminalText(lines.join('\n'), { multiline: true });
}

function fixRefreshText(refresh: FixRefresh): string {
  const lines = refresh.fixes.map(
    (fix) =>
      `  ${fix.branch.padEnd(5)} ${fix.mergeCommit?.slice(0, 12) ?? 'not merged  '} ${fix.fixedIn ?? 'unreleased'}  ${fix.pullRequest}`,
  );
  const head = refresh.applied
    ? `${refresh.reportId}: fix facts updated from GitHub`
    : refresh.changes.length === 0
      ? `${refresh.reportId}: the published records already say this`
      : `${refresh.reportId}: record update proposed (approve with psrt advisory update ${refresh.reportId} --approve)`;
  return terminalText([head, ...lines, ...refresh.changes.map((change) => change.diff)].join('\n'), {
    multiline: true,
  });
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
      return withApp(options, async (ctx, config) => {
        const actor = await actingPrincipal(ctx, config, options);
        if (!opts.send) {
          const preview = await previewPublication(ctx, actor, reportId);
          print(options, preview, () => previewText(preview));
          if (!preview.ready) process.exitCode = 1;
          return;
        }
        try {
          const published = await publishReport(ctx, actor, reportId, {
            publishCve: opts.publishCve ?? false,
            cnaOperators: config.cna.operators,
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
          if (!(error instanceof PublicationRefused) || options.json) throw error;
          process.stderr.write(`${previewText(error.preview).split('\n\n')[0]}\n`);
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
    .action(function (this: Command, id: string, opts: { format: RecordFormat }) {
      const options = globalOptions(this);
      return withApp(options, async (ctx, config) => {
        // Published advisories are public: anyone may render them; an embargoed report needs who you are.
        const anonymous = { kind: 'anonymous' as const };
        const actor = options.as || config.actor ? await actingPrincipal(ctx, config, options) : anonymous;
        const text = await renderAdvisory(ctx, actor, id, opts.format);
        if (options.json) print(options, { id, format: opts.format, text }, () => text);
        else process.stdout.write(opts.format === 'email' ? terminalText(text, { multiline: true }) : text);
      });
    });
  advisory
    .command('history <report>')
    .description('every version of every record the report published (CVE Services keeps no history)')
    .action(function (this: Command, reportId: string) {
      const options = globalOptions(this);
      return withApp(options, async (ctx, config) => {
        const records = await recordHistory(ctx, await actingPrincipal(ctx, config, options), reportId);
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
      return withApp(options, async (ctx, config, app) => {
        const actor = await actingPrincipal(ctx, config, options);
        const { github } = app;
        if (!github)
          throw new CliError(
            'GitHub is not configured (github.appId, GITHUB_APP_PRIVATE_KEY): psrt cannot read the fix.',
            78,
          );
        const installation = installationResolver(github);
        if (opts.approve) {
          const decision = await approveRecordUpdate(
            ctx,
            actor,
            reportId,
            installation,
            config.cna.operators,
          );
          print(
            options,
            decision.effects ?? [],
            () =>
              `record update of ${reportId} approved: ${(decision.effects ?? []).map((effect) => effect.kind).join(', ') || 'stored, the CVE record waits for a CNA operator (psrt cve approve)'}`,
          );
          return;
        }
        const refresh = await refreshFixes(ctx, actor, reportId, installation);
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
      return withApp(options, async (ctx, config, app) => {
        const actor = await actingPrincipal(ctx, config, options);
        if (!app.cna) throw new CliError('CVE Services is not configured (cna.user, CVE_API_KEY).', 78);
        const orphans = await findCveOrphans(ctx, actor, app.cna);
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
        const rejected = await rejectCveOrphans(ctx, actor, app.cna, ids);
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
      return withApp(options, async (ctx, config) => {
        const actor = await actingPrincipal(ctx, config, options);
        const decision = await approveCveRecord(ctx, actor, reportId, config.cna.operators);
        print(
          options,
          decision.effects ?? [],
          () => `the CVE record of ${reportId} is being published to CVE Services`,
        );
      });
    });
}
