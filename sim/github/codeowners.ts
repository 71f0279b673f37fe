// CODEOWNERS as GitHub reads it for `GET /repos/{owner}/{repo}/codeowners/errors` (§3.4): the
// first of .github/CODEOWNERS, CODEOWNERS and docs/CODEOWNERS, checked line by line. The kinds and
// the message layout follow the description's example (`Invalid owner on line 7:\n\n  * user\n
// ^`); which checks GitHub makes is from its CODEOWNERS docs, the exact wording is UNVERIFIED.

/** Where GitHub looks for the file, first found wins. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeownersError {
  line: number;
  column: number;
  source: string;
  kind: string;
  suggestion: string | null;
  message: string;
  path: string;
}

/** An owner as written: `@user`, `@org/team` or an email address. */
export type Owner =
  | { kind: 'user'; login: string }
  | { kind: 'team'; org: string; slug: string }
  | { kind: 'email'; email: string };

const USER = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/;
const TEAM = /^@([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function parseOwner(text: string): Owner | null {
  const team = TEAM.exec(text);
  if (team) return { kind: 'team', org: team[1] ?? '', slug: team[2] ?? '' };
  const user = USER.exec(text);
  if (user) return { kind: 'user', login: user[1] ?? '' };
  return EMAIL.test(text) ? { kind: 'email', email: text } : null;
}

/** gitignore syntax CODEOWNERS does not support (GitHub docs, "CODEOWNERS syntax"). */
function patternProblem(pattern: string): string | null {
  if (pattern.startsWith('!')) return 'Negated patterns (`!`) are not supported in CODEOWNERS';
  if (pattern.includes('[') || pattern.includes(']'))
    return 'Character ranges (`[ ]`) are not supported in CODEOWNERS';
  if (pattern.startsWith('\\#')) return 'Escaping `#` with `\\` is not supported in CODEOWNERS';
  return null;
}

/**
 * The errors in one CODEOWNERS file. `ownerKnown` says whether an owner exists and has write
 * access to the repository; an owner that does not is an `Unknown owner`.
 */
export function codeownersErrors(
  path: string,
  text: string,
  ownerKnown: (owner: Owner) => boolean,
): CodeownersError[] {
  const errors: CodeownersError[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const source = raw.replace(/\r$/, '');
    const content = source.replace(/(^|\s)#.*$/, '');
    if (content.trim() === '') return;
    const error = (kind: string, at: number, suggestion: string | null = null) => {
      const column = at + 1;
      errors.push({
        line: index + 1,
        column,
        source,
        kind,
        suggestion,
        message: `${kind} on line ${index + 1}:\n\n  ${source}\n  ${' '.repeat(at)}^`,
        path,
      });
    };
    const tokens = [...content.matchAll(/\S+/g)];
    const [pattern, ...owners] = tokens;
    if (!pattern) return;
    const problem = patternProblem(pattern[0]);
    if (problem) error('Invalid pattern', pattern.index ?? 0, problem);
    else if (pattern[0] === '/')
      error(
        'Invalid pattern',
        pattern.index ?? 0,
        'The pattern `/` will never match anything, did you mean `*` instead?',
      );
    for (const token of owners) {
      const owner = parseOwner(token[0]);
      if (!owner) error('Invalid owner', token.index ?? 0);
      else if (!ownerKnown(owner))
        error(
          'Unknown owner',
          token.index ?? 0,
          `make sure ${token[0]} exists and has write access to the repository`,
        );
    }
  });
  return errors;
}
