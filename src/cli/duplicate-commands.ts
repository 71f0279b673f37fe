// `psrt report similar ID` and `psrt report merge DUPLICATE --into ORIGINAL`:
// which reports a report may duplicate, and merging a duplicate into the original
// (the original keeps the earliest receipt and gains the reporter's credit; the
// duplicate is rejected as its duplicate).
import type { Command } from 'commander';
import { isoDate } from '../app/wording.ts';
import * as routes from '../web/api/routes/duplicates.ts';
import { withApi } from './api.ts';
import { globalOptions, print, table } from './runtime.ts';
import { terminalText } from './terminal.ts';

export function registerDuplicateCommands(report: Command): void {
  report
    .command('similar <id>')
    .description(
      'reports this one may duplicate, most likely first, with why (same reporter, module, wording)',
    )
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { suggestions } = await api.call(routes.similarReports, { params: { id } });
        print(options, suggestions, () =>
          suggestions.length === 0
            ? `No report looks like a duplicate of ${id}`
            : table(
                ['REPORT', 'SCORE', 'WHY'],
                suggestions.map((s) => [s.id, s.score.toFixed(2), terminalText(s.reasons.join('; '))]),
              ),
        );
      });
    });

  report
    .command('merge <duplicate>')
    .description(
      "merge DUPLICATE into the original report: the original's disclosure clock runs from the earlier receipt and it credits DUPLICATE's reporter; DUPLICATE is rejected as a duplicate (the devguide reply is sent, its GHSA closed, a reserved CVE ID rejected)",
    )
    .requiredOption('--into <original>', 'the original report, which carries on')
    .action(function (this: Command, duplicate: string, opts: { into: string }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const merged = await api.call(routes.mergeReport, {
          params: { id: duplicate },
          body: { into: opts.into },
        });
        print(options, merged, () => {
          const lines = [
            `${merged.duplicate.id} merged into ${merged.original.id}: rejected as its duplicate`,
          ];
          if (merged.receivedEarlier)
            lines.push(
              `${merged.original.id} now counts from ${isoDate(new Date(merged.original.receivedAt))}`,
            );
          for (const credit of merged.credits)
            lines.push(`${merged.original.id} credits ${credit.name} (${credit.type})`);
          return terminalText(lines.join('\n'), { multiline: true });
        });
      });
    });
}
