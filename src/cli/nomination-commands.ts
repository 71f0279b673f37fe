// `psrt nomination open|list|show|vote|veto|withdraw`: nominations to the PSRT
// (PEP 811) from the terminal, through the same API operations as the page.
import type { Command } from 'commander';
import * as routes from '../web/api/routes/nominations.ts';
import { withApi } from './api.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';
import { terminalText } from './terminal.ts';

type Nomination = (typeof routes.NominationSchema)['_output'];

const minute = (at: Date | string) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const parseId = (value: string): string => {
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new CliError(`A nomination id is a number, such as 3, not "${value}"`, 2);
  return value;
};

/** A nomination in words: who, why, eligibility, the outcome and its rule, the votes when shown. */
function nominationText(n: Nomination): string {
  const lines = [
    `Nomination ${n.id}: ${n.name} (@${n.login}), nominated by ${n.nominatedBy} on ${minute(n.openedAt)}`,
    `Eligibility: ${n.eligibilityWords}`,
    `Status: ${n.status}: ${n.rule}`,
    `In favour: ${n.inFavour}; against: ${n.against}; the vote ${n.status === 'open' ? 'closes' : 'closed'} ${minute(n.closesAt)}`,
    '',
    'Why:',
    n.why,
  ];
  if (n.votes) {
    lines.push('', n.votes.length === 0 ? 'No votes yet.' : 'Votes (the latest of each member):');
    for (const vote of n.votes)
      lines.push(`  ${vote.voter}: ${vote.inFavour ? 'in favour' : 'against'} (${minute(vote.at)})`);
  }
  if (n.yourVote !== null) lines.push('', `Your vote: ${n.yourVote ? 'in favour' : 'against'}`);
  return terminalText(lines.join('\n'), { multiline: true });
}

export function registerNominationCommands(program: Command): void {
  const nomination = program
    .command('nomination')
    .description(
      'nominations to the PSRT (PEP 811): members nominate and vote for one week; two thirds of the votes cast pass unless the Steering Council vetoes',
    );

  nomination
    .command('open <login>')
    .description(
      'nominate LOGIN (any member may): members vote for one week; the Steering Council is mailed and may veto; shows whether LOGIN is a core developer, triager or PSF staff',
    )
    .requiredOption('--name <name>', 'the name the devguide will list them under')
    .requiredOption('--why <text>', 'why you nominate them (members and the Steering Council read it)')
    .action(function (this: Command, login: string, opts: { name: string; why: string }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const opened = await api.call(routes.openNomination, {
          body: { login, name: opts.name, why: opts.why },
        });
        print(options, opened, () => nominationText(opened));
      });
    });

  nomination
    .command('list')
    .description(
      'nominations, newest first, with their counts and outcome (members and the Steering Council)',
    )
    .action(function (this: Command) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { nominations } = await api.call(routes.listNominations, {});
        print(options, nominations, () =>
          nominations.length === 0
            ? 'No nominations'
            : table(
                ['ID', 'NOMINEE', 'STATUS', 'FOR', 'AGAINST', 'CLOSES', 'RULE'],
                nominations.map((n) => [
                  String(n.id),
                  `${n.name} (@${n.login})`,
                  n.status,
                  String(n.inFavour),
                  String(n.against),
                  minute(n.closesAt),
                  n.rule,
                ]),
              ),
        );
      });
    });

  nomination
    .command('show <id>')
    .description(
      'one nomination: why, eligibility, votes (members), the outcome with the rule that decided it',
    )
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const shown = await api.call(routes.getNomination, { params: { id: parseId(id) } });
        print(options, shown, () => nominationText(shown));
      });
    });

  nomination
    .command('vote <id>')
    .description(
      'vote on nomination ID, or change your vote, until its week ends (members): the latest counts',
    )
    .option('--for', 'in favour')
    .option('--against', 'against')
    .action(function (this: Command, id: string, opts: { for?: boolean; against?: boolean }) {
      const options = globalOptions(this);
      if (Boolean(opts.for) === Boolean(opts.against))
        throw new CliError('Say how you vote: --for or --against (one of them).', 2);
      return withApi(options, 'person', async (api) => {
        const voted = await api.call(routes.voteOnNomination, {
          params: { id: parseId(id) },
          body: { inFavour: Boolean(opts.for) },
        });
        print(options, voted, () =>
          terminalText(
            `Your vote on nomination ${voted.id} (${voted.name}): ${opts.for ? 'in favour' : 'against'}. ${voted.rule}`,
          ),
        );
      });
    });

  nomination
    .command('veto <id>')
    .description(
      "record the Steering Council's veto of nomination ID inside its week (an admin citing the decision, or a Steering Council member)",
    )
    .requiredOption('--decision <text>', "the Council's decision: a vote, a message, its date or link")
    .action(function (this: Command, id: string, opts: { decision: string }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const vetoed = await api.call(routes.vetoNomination, {
          params: { id: parseId(id) },
          body: { decision: opts.decision },
        });
        print(options, vetoed, () => terminalText(`Nomination ${vetoed.id}: ${vetoed.rule}`));
      });
    });

  nomination
    .command('withdraw <id>')
    .description('withdraw nomination ID inside its week (the nominator or an admin)')
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const withdrawn = await api.call(routes.withdrawNomination, { params: { id: parseId(id) } });
        print(options, withdrawn, () => terminalText(`Nomination ${withdrawn.id}: ${withdrawn.rule}`));
      });
    });
}
