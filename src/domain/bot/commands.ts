// Commands in GHSA comments (`@psrt-bot accept`, `@psrt-bot grant @someone 30`):
// what a comment asks of the bot, read strictly, so a typo is answered with
// help instead of doing something else. Who may ask what is decided by the
// caller with domain/access; what each command does, by the use-cases.
import { githubLoginPattern } from '../identifiers.ts';
import type { RejectionReason } from '../report.ts';

export type Command =
  | { name: 'help' }
  | { name: 'status' }
  | { name: 'accept' }
  | { name: 'reject'; reason: Exclude<RejectionReason, 'public-issue'>; detail: string | null }
  | { name: 'coordinator'; login: string }
  | { name: 'handoff'; login: string }
  | { name: 'extend'; days: number; reason: string }
  | { name: 'grant'; login: string; days: number | null }
  | { name: 'revoke'; login: string }
  | { name: 'assign-cve' }
  | { name: 'public-issue' };

export type CommandName = Command['name'];

/** Commands a collaborator on the GHSA may give on their own report: the ones that change nothing. */
export const collaboratorCommands: readonly CommandName[] = ['help', 'status'];

/** What `@psrt-bot help` answers: each command in one line. */
export const commandHelp: readonly string[] = [
  '`help`: this list',
  '`status`: the report’s state, coordinator, CVE ID and disclosure deadline',
  '`accept`: accept the report as a vulnerability (needs a coordinator)',
  '`reject not-a-vulnerability | out-of-scope | spam | duplicate GHSA-…`: close the report',
  '`coordinator @user`: make a PSRT member the coordinator',
  '`handoff @user`: ask another member to take over as coordinator',
  '`extend DAYS REASON`: move the disclosure deadline, with the reporter’s agreement',
  '`grant @user [DAYS]`: give someone access to this report (default: until 14 days after it is finished)',
  '`revoke @user`: end someone’s access',
  '`assign-cve`: reserve a CVE ID for an accepted report that has none',
  '`public-issue`: open a public issue from this report and close it as not a vulnerability',
];

export type Parsed = { ok: true; command: Command } | { ok: false; problem: string };

const rejectionReasons = ['not-a-vulnerability', 'out-of-scope', 'spam', 'duplicate'] as const;

const loginArg = (word: string | undefined): string | null => {
  const login = word?.replace(/^@/, '') ?? '';
  return githubLoginPattern.test(login) ? login : null;
};

const wholeDays = (word: string | undefined): number | null =>
  word !== undefined && /^[1-9]\d{0,2}$/.test(word) ? Number(word) : null;

/**
 * The commands addressed to `@bot` in a comment, one per line that starts
 * with the mention (quoted lines, `> …`, are someone else's words and are
 * skipped). Lines that do not mention the bot are ordinary discussion.
 */
export function commandsIn(body: string, bot: string): Parsed[] {
  const mention = new RegExp(
    `^@${bot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\[bot\\])?\\b\\s*(.*)$`,
    'i',
  );
  return body
    .split(/\r?\n/)
    .map((line) => mention.exec(line.trim()))
    .flatMap((match) => (match ? [parseCommand(match[1] ?? '')] : []));
}

export function parseCommand(text: string): Parsed {
  const [word = '', ...args] = text.trim().split(/\s+/).filter(Boolean);
  const name = word.toLowerCase();
  const fail = (problem: string): Parsed => ({ ok: false, problem });
  const ok = (command: Command): Parsed => ({ ok: true, command });
  const noArgs = (command: Command): Parsed =>
    args.length === 0 ? ok(command) : fail(`\`${name}\` takes nothing after it.`);
  switch (name) {
    case 'help':
    case 'status':
    case 'accept':
    case 'assign-cve':
    case 'public-issue':
      return noArgs({ name } as Command);
    case 'reject': {
      const reason = (args[0] ?? '').toLowerCase();
      if (!rejectionReasons.includes(reason as (typeof rejectionReasons)[number]))
        return fail(`\`reject\` needs a reason: ${rejectionReasons.join(', ')}.`);
      if (reason === 'duplicate') {
        const of = args[1] ?? '';
        return args.length === 2 && of
          ? ok({ name: 'reject', reason: 'duplicate', detail: of })
          : fail('`reject duplicate` needs the GHSA, CVE or PSRT id of the original, and nothing more.');
      }
      return args.length === 1
        ? ok({
            name: 'reject',
            reason: reason as 'not-a-vulnerability' | 'out-of-scope' | 'spam',
            detail: null,
          })
        : fail(`\`reject ${reason}\` takes nothing after the reason.`);
    }
    case 'coordinator':
    case 'handoff':
    case 'revoke': {
      const login = loginArg(args[0]);
      return login && args.length === 1 ? ok({ name, login }) : fail(`\`${name}\` needs one @user.`);
    }
    case 'grant': {
      const login = loginArg(args[0]);
      const days = args[1] === undefined ? null : wholeDays(args[1]);
      if (!login || args.length > 2 || (args[1] !== undefined && days === null))
        return fail('`grant` needs one @user and, optionally, a number of days from 1 to 999.');
      return ok({ name: 'grant', login, days });
    }
    case 'extend': {
      const days = wholeDays(args[0]);
      const reason = args.slice(1).join(' ');
      return days !== null && reason
        ? ok({ name: 'extend', days, reason })
        : fail('`extend` needs a number of days and a reason: `extend 30 the fix needs a release`.');
    }
    case '':
      return fail('The mention has no command after it.');
    default:
      return fail(`\`${name}\` is not a command the bot knows.`);
  }
}
