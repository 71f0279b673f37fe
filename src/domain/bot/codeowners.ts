// CODEOWNERS as GitHub reads it: each line a pattern and its owners
// (`@user`, `@org/team`; e-mail addresses are kept out, the bot can only add
// GitHub accounts); for a file, the LAST matching line wins, and a line with
// no owners means the file has none. Patterns follow gitignore: `/` at the
// start anchors at the root, a `/` elsewhere anchors too, `*` stays within a
// directory, `**` crosses them, a trailing `/` (or a directory name) covers
// everything below.

export interface Owners {
  users: string[];
  /** `org/team` slugs. */
  teams: string[];
}

interface Rule {
  matches: (path: string) => boolean;
  owners: Owners;
}

function toRegExp(pattern: string): RegExp {
  let p = pattern;
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  p = p.replace(/^\//, '');
  const directory = p.endsWith('/');
  p = p.replace(/\/$/, '');
  let source = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] ?? '';
    if (ch === '*' && p[i + 1] === '*') {
      // `**/` any leading directories; `/**` everything below; `**` alone anything.
      if (p[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  // A pattern names a file, or a directory and everything in it.
  const suffix = directory ? '/.*$' : '(?:/.*)?$';
  return new RegExp(prefix + source + suffix);
}

export function parseCodeowners(text: string): Rule[] {
  return text.split(/\r?\n/).flatMap((raw) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return [];
    const [pattern = '', ...names] = line.split(/\s+/);
    const owners: Owners = { users: [], teams: [] };
    for (const name of names) {
      if (!name.startsWith('@')) continue;
      const handle = name.slice(1);
      if (handle.includes('/')) owners.teams.push(handle);
      else owners.users.push(handle);
    }
    const regexp = toRegExp(pattern);
    return [{ matches: (path: string) => regexp.test(path), owners }];
  });
}

/** The owners of one file: those of the last line whose pattern matches it. */
export function ownersOf(rules: readonly Rule[], path: string): Owners {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i];
    if (rule?.matches(path)) return rule.owners;
  }
  return { users: [], teams: [] };
}

/** Everyone who owns any of `paths`, each once (case as first written). */
export function ownersOfAll(text: string, paths: readonly string[]): Owners {
  const rules = parseCodeowners(text);
  const users = new Map<string, string>();
  const teams = new Map<string, string>();
  for (const path of paths) {
    const owners = ownersOf(rules, path);
    for (const user of owners.users) if (!users.has(user.toLowerCase())) users.set(user.toLowerCase(), user);
    for (const team of owners.teams) if (!teams.has(team.toLowerCase())) teams.set(team.toLowerCase(), team);
  }
  return { users: [...users.values()], teams: [...teams.values()] };
}
