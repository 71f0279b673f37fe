// `psrt report credit …`: the credits a publication will print, with whether
// each person accepted on GitHub, and dropping one (a pending credit holds
// publication back until it is accepted or dropped).
import type { Command } from 'commander';
import type { Credit } from '../domain/publication.ts';
import * as access from '../web/api/routes/access.ts';
import { withApi } from './api.ts';
import { globalOptions, print, table } from './runtime.ts';
import { terminalText } from './terminal.ts';

const creditRows = (credits: readonly Credit[]) =>
  credits.map((credit) => [credit.name, credit.type, credit.login ?? '', credit.state]);

export function registerCreditCommands(report: Command): void {
  const credit = report
    .command('credit')
    .description("the report's credits as the published records will print them");

  credit
    .command('list <id>')
    .description(
      'every credit, with whether its person accepted it on GitHub (only accepted ones are published)',
    )
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { reportId, credits } = await api.call(access.listCredits, { params: { id } });
        print(options, credits, () =>
          credits.length === 0
            ? `${reportId} has no credits`
            : table(['NAME', 'TYPE', 'LOGIN', 'STATE'], creditRows(credits)),
        );
      });
    });

  credit
    .command('drop <id> <who>')
    .description(
      'drop the credit WHO names (a GitHub login or the printed name) from the publication, and from the GHSA when it came from there',
    )
    .action(function (this: Command, id: string, who: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const result = await api.call(access.dropCredit, { params: { id, who } });
        print(options, result, () => {
          const names = result.dropped.map((c) => `${c.name} (${c.type})`).join(', ');
          const where = result.offGitHub ? 'the publication and the GHSA' : 'the publication';
          return terminalText(`${result.report.id}: dropped ${names} from ${where}`);
        });
      });
    });
}
