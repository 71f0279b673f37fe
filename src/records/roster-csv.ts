// The devguide's roster files (security/psrt.csv, psrt-emeritus.csv):
// `Name,GitHub username,Notes`, no header row, one file per list. Import then
// export reproduces the published files byte for byte.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainError } from '../domain/errors.ts';
import { githubLoginPattern } from '../domain/identifiers.ts';
import { type RosterEntry, type RosterList, type RosterRole, rosterRoles } from '../domain/report.ts';
import { loginKey, MAX_ROSTER_CSV_BYTES, rosterLimits, rosterLimitsText } from '../domain/roster.ts';

/** How many problems a refusal lists; the rest are counted, so a wrong file cannot flood the terminal. */
export const SHOWN_PROBLEMS = 20;

export interface RosterCsvProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

/**
 * Every problem found in a file, so one round of fixes is enough. The message
 * lists the first SHOWN_PROBLEMS and counts the rest.
 */
export class RosterCsvError extends DomainError {
  override readonly name: string = 'RosterCsvError';
  constructor(
    readonly fileName: string,
    readonly problems: readonly RosterCsvProblem[],
  ) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `${fileName} line ${p.line}: ${p.message}`);
    const more = problems.length - shown.length;
    super(
      more > 0
        ? [...shown, `… and ${more.toLocaleString('en')} more problems in ${fileName}`].join('\n')
        : shown.join('\n'),
    );
  }
}

/** A whole-file problem (too large, too many lines): nothing in it is read. */
function fileProblem(fileName: string, message: string): RosterCsvError {
  return new RosterCsvError(fileName, [{ line: 1, message }]);
}

/** A value from the file as a message quotes it: never more than a glimpse of a long one. */
const quote = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** The devguide's file names, used in messages when the caller names none. */
export const rosterCsvFileName: Record<RosterList, string> = {
  member: 'psrt.csv',
  emeritus: 'psrt-emeritus.csv',
};

const columns = 'Name,GitHub username,Notes';

// GitHub's rule is stricter (no leading, trailing or doubled hyphen for new
// accounts), but some old accounts predate it; this catches typos and pasted
// spaces without refusing a real login.

// csv-parse reports "at line 1" for our one-line input; say what it means instead.
const quotingProblems: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
  INVALID_OPENING_QUOTE:
    'a quote inside an unquoted field (quote the whole field and double any quote in it)',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote (a field ends at its closing quote)',
};

function parseNotes(notes: string, problem: (message: string) => void): RosterRole[] {
  if (notes.trim() === '') return [];
  const roles: RosterRole[] = [];
  for (const note of notes.split(',').map((n) => n.trim())) {
    const role = rosterRoles.find((r) => r === note);
    if (role === undefined) {
      problem(`unknown role ${quote(note)} (known: ${rosterRoles.join(', ')})`);
    } else if (roles.includes(role)) {
      problem(`role "${role}" is listed twice`);
    } else {
      roles.push(role);
    }
  }
  return roles;
}

/**
 * Reads one list. All or nothing: any problem throws a RosterCsvError listing
 * every problem with its line. Lines are read one at a time (the format has
 * no multi-line fields) so a bad quote on one line cannot hide later ones.
 * A file over the limits (rosterLimitsText) is refused before its lines are.
 */
export function parseRosterCsv(
  text: string,
  list: RosterList,
  fileName: string = rosterCsvFileName[list],
): RosterEntry[] {
  // Characters, not bytes: the caller limits bytes while reading; this holds for any caller.
  if (text.length > MAX_ROSTER_CSV_BYTES)
    throw fileProblem(
      fileName,
      `the file is larger than ${MAX_ROSTER_CSV_BYTES / 1024 / 1024} MiB (${rosterLimitsText})`,
    );
  const problems: RosterCsvProblem[] = [];
  const entries: RosterEntry[] = [];
  const loginLines = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  // The file ends with a newline, which leaves one empty piece after it.
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > rosterLimits.entries)
    throw fileProblem(
      fileName,
      `the file has ${lines.length.toLocaleString('en')} lines; a list holds at most ${rosterLimits.entries.toLocaleString('en')} people (${rosterLimitsText})`,
    );

  lines.forEach((raw, index) => {
    const line = index + 1;
    const problem = (message: string) => problems.push({ line, message });
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '') {
      problem('blank line (remove it: every line is one person)');
      return;
    }
    if (line === 1 && content.trim().toLowerCase() === columns.toLowerCase()) {
      problem(`this is a header row; the devguide format has none (remove "${columns}")`);
      return;
    }
    let fields: string[];
    try {
      [fields = []] = parse(content, { relax_column_count: true }) as string[][];
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      problem(`bad quoting: ${quotingProblems[code] ?? `cannot be read as CSV (${code || String(error)})`}`);
      return;
    }
    if (fields.length !== 3) {
      problem(`expected 3 columns (${columns}), found ${fields.length}`);
      return;
    }
    const [name = '', login = '', notes = ''] = fields;
    if (name.trim() === '') problem('the name is blank');
    if (/\p{Cc}/u.test(name)) problem('the name contains a control character (remove it)');
    if (name.length > rosterLimits.nameLength)
      problem(
        `the name is ${name.length.toLocaleString('en')} characters long; at most ${rosterLimits.nameLength}`,
      );
    if (notes.length > rosterLimits.notesLength) {
      problem(
        `the notes are ${notes.length.toLocaleString('en')} characters long; at most ${rosterLimits.notesLength}`,
      );
      return;
    }
    if (login.trim() === '') {
      if (list === 'member')
        problem('the GitHub username is blank (only the emeritus list may leave it blank)');
    } else if (!githubLoginPattern.test(login)) {
      problem(`${quote(login)} is not a GitHub username`);
    } else {
      const first = loginLines.get(loginKey(login));
      if (first !== undefined) {
        problem(
          `GitHub username ${quote(login)} is already on line ${first} (usernames are case-insensitive)`,
        );
      } else {
        loginLines.set(loginKey(login), line);
      }
    }
    const roles = parseNotes(notes, problem);
    entries.push({ list, position: entries.length + 1, name, login: login === '' ? null : login, roles });
  });

  if (problems.length > 0) throw new RosterCsvError(fileName, problems);
  return entries;
}

/**
 * Writes one list in position order, roles in the devguide's order. csv-stringify
 * quotes only fields that need it and writes `\n` after every record, which is
 * exactly the devguide files' form (e.g. `"Admin, Release Manager"`, `woodruffw,`).
 */
export function serializeRosterCsv(entries: readonly RosterEntry[]): string {
  const lists = new Set(entries.map((entry) => entry.list));
  if (lists.size > 1) {
    throw new Error('A roster CSV file holds one list: serialize members and emeritus separately.');
  }
  const rows = [...entries]
    .sort((a, b) => a.position - b.position)
    .map((entry) => [
      entry.name,
      entry.login ?? '',
      rosterRoles.filter((role) => entry.roles.includes(role)).join(', '),
    ]);
  return stringify(rows, { record_delimiter: '\n' });
}
