// `psrt token …`: the acting person's personal API tokens, on the local database (the Tokens page
// does the same in the browser). A new token's secret is printed once; psrt keeps only its hash.
import type { Command } from 'commander';
import type { ApiTokenView } from '../app/sessions.ts';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, type TokenScope, tokenScopes } from '../domain/sessions.ts';
import * as tokens from '../web/api/routes/tokens.ts';
import { withApi } from './api.ts';
import { parseWholeNumber } from './arguments.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';
import { terminalText } from './terminal.ts';

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');

const statusOf = (token: ApiTokenView) =>
  token.revokedAt ? `revoked ${day(token.revokedAt)}` : token.usable ? 'active' : 'expired';

function parseScope(value: string): TokenScope {
  if (!(tokenScopes as readonly string[]).includes(value))
    throw new CliError(`--scope must be one of ${tokenScopes.join(', ')}; "${value}" is not.`, 2);
  return value as TokenScope;
}

function parseTokenId(value: string): string {
  if (!/^[A-Za-z0-9-]{1,100}$/.test(value))
    throw new CliError(`"${value}" is not a token id: copy one from psrt token list.`, 2);
  return value;
}

export function registerTokenCommands(program: Command): void {
  const token = program
    .command('token')
    .description('your personal API tokens for the JSON API: make, list, revoke');

  token
    .command('create')
    .description('make a token; its secret is printed once and never again')
    .requiredOption('--name <name>', 'where the token is used, e.g. "laptop CLI"')
    .requiredOption(
      '--scope <scope>',
      'read (sees what you see), act (also takes report actions) or admin (also admin work; admins only)',
      parseScope,
    )
    .option(
      '--days <days>',
      `days until it expires, 1 to ${TOKEN_MAX_DAYS} (default ${TOKEN_DEFAULT_DAYS})`,
      (value) => parseWholeNumber(value, '--days', 1, TOKEN_MAX_DAYS),
    )
    .action(function (this: Command) {
      const options = globalOptions(this);
      const { name, scope, days } = this.opts<{ name: string; scope: TokenScope; days?: number }>();
      return withApi(options, 'person', async (api) => {
        const created = await api.call(tokens.createToken, {
          body: { name, scope, days: days ?? TOKEN_DEFAULT_DAYS },
        });
        print(options, created, () =>
          [
            terminalText(
              `Token "${created.token.name}" (${created.token.scope}), id ${created.token.id}, expires ${day(created.token.expiresAt)}:`,
            ),
            '',
            `  ${created.secret}`,
            '',
            'Copy it now: you will not see it again (psrt keeps only a hash of it).',
            'Send it as "Authorization: Bearer <token>".',
          ].join('\n'),
        );
      });
    });

  token
    .command('list')
    .description('your tokens, oldest first, with their scope, dates and status (never their secrets)')
    .action(function (this: Command) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { tokens: list } = await api.call(tokens.listTokens);
        print(options, list, () =>
          list.length === 0
            ? 'You have no API tokens (psrt token create makes one).'
            : table(
                ['ID', 'NAME', 'SCOPE', 'CREATED', 'EXPIRES', 'LAST USED', 'STATUS'],
                list.map((t) => [
                  t.id,
                  t.name,
                  t.scope,
                  day(t.createdAt),
                  day(t.expiresAt),
                  day(t.lastUsedAt) || 'never',
                  statusOf(t),
                ]),
              ),
        );
      });
    });

  token
    .command('revoke <id>')
    .description('revoke one of your tokens: it stops working at once')
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const { token: revoked } = await api.call(tokens.revokeToken, { params: { id: parseTokenId(id) } });
        print(options, revoked, () => terminalText(`Token "${revoked.name}" (${revoked.id}) revoked.`));
      });
    });
}
