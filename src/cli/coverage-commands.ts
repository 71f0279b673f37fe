// `psrt coverage [--apply]`: which repositories the GitHub App covers lack
// private vulnerability reporting or a security policy pointing to it.
import type { Command } from 'commander';
import * as routes from '../web/api/routes/admin.ts';
import { withApi } from './api.ts';
import { globalOptions, print } from './runtime.ts';
import { terminalText } from './terminal.ts';

interface RepositoryCoverage {
  repository: string;
  privateReporting: boolean | null;
  gaps: string[];
  enabled: boolean;
}

function coverageText(results: readonly RepositoryCoverage[], applied: boolean): string {
  if (results.length === 0) return 'The GitHub App is installed on no repository yet.';
  const lines = results.map((r) => {
    const note = r.enabled ? ' (private vulnerability reporting turned on now)' : '';
    return r.gaps.length === 0
      ? `ok    ${terminalText(r.repository)}${note}`
      : `gaps  ${terminalText(r.repository)}: ${r.gaps.join('; ')}${note}`;
  });
  const missing = results.filter((r) => r.gaps.length > 0).length;
  const hint =
    !applied && results.some((r) => r.privateReporting === false)
      ? '\nRun again with --apply to turn private vulnerability reporting on where it is off.'
      : '';
  return `${lines.join('\n')}\n${results.length - missing} of ${results.length} repositories fully covered.${hint}`;
}

export function registerCoverageCommands(program: Command): void {
  program
    .command('coverage')
    .description(
      'repositories the GitHub App covers: private vulnerability reporting on, and a security policy pointing to it',
    )
    .option(
      '--apply',
      'turn private vulnerability reporting on where it is off (needs the App’s Administration: write)',
    )
    .action(function (this: Command, opts: { apply?: boolean }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        if (!options.json && process.stderr.isTTY) process.stderr.write('checking the repositories…\r');
        const coverage = await api.call(opts.apply ? routes.applyCoverage : routes.checkCoverage);
        print(options, coverage, () => coverageText(coverage.repositories, opts.apply === true));
      });
    });
}
