// `psrt import osv|cve PATH`: the PSF's published advisories loaded as
// published reports, so metrics and the public advisory list cover its history.
import type { Command } from 'commander';
import type { ImportOutcome, ImportStatus } from '../app/history.ts';
import type { RecordProblem } from '../records/imported.ts';
import * as routes from '../web/api/routes/admin.ts';
import { historyFormats } from '../web/api/routes/admin.ts';
import { withApi } from './api.ts';
import { CliError, globalOptions, print } from './runtime.ts';
import { terminalText } from './terminal.ts';

type RecordFormat = (typeof historyFormats)[number];

const what: Record<RecordFormat, string> = {
  osv: 'OSV advisories of the PSF advisory database (advisories/python/PSF-YYYY-N.json)',
  cve: 'CVE records (CVE JSON 5.x, as cvelistV5 holds them; one advisory read from both formats is one report)',
};

export interface FileOutcome extends ImportOutcome {
  file: string;
}

const statuses: ImportStatus[] = ['created', 'merged', 'unchanged', 'skipped'];

const problemText = (problems: RecordProblem[]) =>
  problems.map((problem) => `${problem.path || '(file)'} ${problem.message}`).join('; ');

function summary(outcomes: FileOutcome[]): string {
  const lines = outcomes.flatMap((outcome) => [
    ...(outcome.status === 'skipped' ? [`skipped ${outcome.file}: ${problemText(outcome.problems)}`] : []),
    ...(outcome.differences.length > 0
      ? [
          `${outcome.file}: ${outcome.differences.join(', ')} differ from the other record of ${outcome.reportId}; kept the first`,
        ]
      : []),
  ]);
  const counts = statuses.map((status) => `${outcomes.filter((o) => o.status === status).length} ${status}`);
  return [...lines.map((line) => terminalText(line)), `${outcomes.length} files: ${counts.join(', ')}`].join(
    '\n',
  );
}

export function registerImportCommands(program: Command): void {
  const imports = program
    .command('import')
    .description("load the PSF's published advisories as published reports (admins)");

  for (const format of historyFormats) {
    imports
      .command(format)
      .description(
        `import ${what[format]} from a file or a folder (recursively); a file that cannot be read is named with the JSON path of each problem and skipped, the others are imported; exit 1 when any was skipped`,
      )
      .argument('<path>', 'a .json file or a folder of them')
      .option('--dry-run', 'read and check every file, import nothing')
      .action(async function (this: Command, path: string, opts: { dryRun?: boolean }) {
        const options = globalOptions(this);
        // The files are read here; the server reads each record (checked against its official schema).
        const { loadRecordFile, recordFiles } = await import('../app/record-files.ts');
        let files: string[];
        try {
          files = recordFiles(path);
        } catch (error) {
          throw new CliError((error as Error).message, 2);
        }
        if (files.length === 0) throw new CliError(`${path} holds no .json files.`, 2);
        // Into an empty psrt (first set-up, before any roster) the history loads as the set-up.
        return withApi(options, 'setup', async (api) => {
          const progress = process.stderr.isTTY && !options.json;
          const outcomes: FileOutcome[] = [];
          for (const [i, file] of files.entries()) {
            const loaded = loadRecordFile(file, files.length > 1 ? path : '');
            const outcome: ImportOutcome =
              'problems' in loaded
                ? { status: 'skipped', reportId: null, problems: loaded.problems, differences: [] }
                : await api.call(routes.importHistory, {
                    params: { format },
                    query: { dryRun: String(opts.dryRun === true) },
                    body: loaded.record,
                  });
            outcomes.push({ file: loaded.file, ...outcome });
            if (progress)
              process.stderr.write(`\r${opts.dryRun ? 'checked' : 'imported'} ${i + 1}/${files.length}`);
          }
          if (progress) process.stderr.write('\n');
          print(options, { files: outcomes }, () => summary(outcomes));
          if (outcomes.some((outcome) => outcome.status === 'skipped')) process.exitCode = 1;
        });
      });
  }
}
