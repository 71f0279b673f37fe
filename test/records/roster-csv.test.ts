import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { RosterEntry } from '../../src/domain/report.ts';
import { parseRosterCsv, RosterCsvError, serializeRosterCsv } from '../../src/records/roster-csv.ts';

// The devguide's security/psrt.csv and psrt-emeritus.csv, vendored unmodified in vendor/python-devguide.
const membersCsv = readFileSync(vendored.devguideRoster('psrt.csv'), 'utf8');
const emeritusCsv = readFileSync(vendored.devguideRoster('psrt-emeritus.csv'), 'utf8');

/** The problems a parse reports, as `line: message` strings. */
function problemsOf(text: string, list: 'member' | 'emeritus' = 'member'): string[] {
  try {
    parseRosterCsv(text, list);
  } catch (error) {
    if (error instanceof RosterCsvError) return error.problems.map((p) => `${p.line}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the devguide roster files survive import and export unchanged', () => {
  it('psrt.csv round-trips byte for byte', () => {
    expect(serializeRosterCsv(parseRosterCsv(membersCsv, 'member'))).toBe(membersCsv);
  });

  it('psrt-emeritus.csv round-trips byte for byte, blank usernames included', () => {
    expect(serializeRosterCsv(parseRosterCsv(emeritusCsv, 'emeritus'))).toBe(emeritusCsv);
  });

  it('reads names, logins, roles and list positions as published', () => {
    const members = parseRosterCsv(membersCsv, 'member');
    expect(members).toHaveLength(31);
    expect(members[0]).toEqual({
      list: 'member',
      position: 1,
      name: 'Adam Turner',
      login: 'AA-Turner',
      roles: [],
    });
    expect(members.find((m) => m.login === 'ned-deily')).toMatchObject({
      name: 'Ned Deily',
      roles: ['Admin', 'Release Manager'],
    });
    expect(members.find((m) => m.login === 'picnixz')?.name).toBe('Bénédikt Tran');
    expect(members.map((m) => m.position)).toEqual(members.map((_, i) => i + 1));
  });

  it('an emeritus member without a GitHub username keeps their name and roles', () => {
    const emeritus = parseRosterCsv(emeritusCsv, 'emeritus');
    expect(emeritus[0]).toEqual({
      list: 'emeritus',
      position: 1,
      name: 'Anthony Baxter',
      login: null,
      roles: ['Release Manager'],
    });
  });

  it('a member who rejoined appears on both lists without complaint', () => {
    // As the devguide had kushaldas until it took him off the emeritus list (python/devguide 550cea59).
    const rejoined = emeritusCsv.replace('Mark Hammond,', 'Kushal Das,kushaldas,\nMark Hammond,');
    const both = [...parseRosterCsv(membersCsv, 'member'), ...parseRosterCsv(rejoined, 'emeritus')];
    expect(both.filter((e) => e.login === 'kushaldas').map((e) => e.list)).toEqual(['member', 'emeritus']);
  });

  it('roles are written in the devguide order whatever order they were given in', () => {
    const entry: RosterEntry = {
      list: 'member',
      position: 1,
      name: 'N',
      login: 'n',
      roles: ['Release Manager', 'Admin'],
    };
    expect(serializeRosterCsv([entry])).toBe('N,n,"Admin, Release Manager"\n');
    expect(parseRosterCsv('N,n,"Release Manager, Admin"\n', 'member')[0]?.roles).toEqual([
      'Release Manager',
      'Admin',
    ]);
  });

  it('export follows list positions, not array order', () => {
    const entries: RosterEntry[] = [
      { list: 'member', position: 2, name: 'B', login: 'b', roles: [] },
      { list: 'member', position: 1, name: 'A', login: 'a', roles: ['PSF Staff', 'Steering Council'] },
    ];
    expect(serializeRosterCsv(entries)).toBe('A,a,"Steering Council, PSF Staff"\nB,b,\n');
  });

  it('names that need quoting are quoted, and only those', () => {
    const entry: RosterEntry = { list: 'member', position: 1, name: 'Smith, "Jo"', login: 'jo', roles: [] };
    const csv = serializeRosterCsv([entry]);
    expect(csv).toBe('"Smith, ""Jo""",jo,\n');
    expect(parseRosterCsv(csv, 'member')[0]?.name).toBe('Smith, "Jo"');
  });

  it('one file holds one list', () => {
    const entries: RosterEntry[] = [
      { list: 'member', position: 1, name: 'A', login: 'a', roles: [] },
      { list: 'emeritus', position: 1, name: 'B', login: 'b', roles: [] },
    ];
    expect(() => serializeRosterCsv(entries)).toThrow(/one list/);
  });

  it('a file without a final newline, with CRLF endings or a BOM is still read', () => {
    expect(parseRosterCsv('\uFEFFA,a,Admin\r\nB,b,', 'member').map((e) => e.login)).toEqual(['a', 'b']);
  });
});

describe('a malformed roster file is refused whole, with every problem and its line', () => {
  it('a missing column names the line and the expected columns', () => {
    const text =
      'Barry Warsaw,warsaw,Admin\nEe Durbin,ewdurbin,Admin\nAdam Turner,AA-Turner,\nEmma Smith,emmatyping\n';
    expect(() => parseRosterCsv(text, 'member')).toThrow(
      'psrt.csv line 4: expected 3 columns (Name,GitHub username,Notes), found 2',
    );
  });

  it('an extra column is refused too', () => {
    expect(problemsOf('A,a,,extra\n')).toEqual([
      '1: expected 3 columns (Name,GitHub username,Notes), found 4',
    ]);
  });

  it('an unknown role is named with the known ones', () => {
    const text = 'A,a,\nB,b,\nC,c,\nD,d,\nE,e,\nF,f,\nG,g,Admn\n';
    expect(problemsOf(text)).toEqual([
      '7: unknown role "Admn" (known: Admin, Release Manager, Steering Council, PSF Staff)',
    ]);
  });

  it('a role listed twice is refused', () => {
    expect(problemsOf('A,a,"Admin, Admin"\n')).toEqual(['1: role "Admin" is listed twice']);
  });

  it('a duplicate GitHub username names both lines, ignoring case', () => {
    expect(problemsOf('Barry Warsaw,warsaw,Admin\nB,b,\nBarry W,Warsaw,\n')).toEqual([
      '3: GitHub username "Warsaw" is already on line 1 (usernames are case-insensitive)',
    ]);
  });

  it('a blank name is refused on either list', () => {
    expect(problemsOf(' ,a,\n')).toEqual(['1: the name is blank']);
    expect(problemsOf(',,\n', 'emeritus')).toEqual(['1: the name is blank']);
  });

  it('a member without a GitHub username is refused, an emeritus one is not', () => {
    expect(problemsOf('A,a,\nB,,\n')).toEqual([
      '2: the GitHub username is blank (only the emeritus list may leave it blank)',
    ]);
    expect(parseRosterCsv('A,a,\nB,,\n', 'emeritus').map((e) => e.login)).toEqual(['a', null]);
  });

  it('two emeritus members without usernames are not duplicates', () => {
    expect(parseRosterCsv('Jesse Noller,,\nNam Nguyen,,\n', 'emeritus')).toHaveLength(2);
  });

  it('a name with a control character (an escape sequence, a NUL) is refused', () => {
    expect(problemsOf('\u001b[2JA,a,\nB\u0000,b,\n')).toEqual([
      '1: the name contains a control character (remove it)',
      '2: the name contains a control character (remove it)',
    ]);
  });

  it('a value quoted in a message shows its control characters escaped and a long one cut short', () => {
    expect(problemsOf(`A,a,\u001b[31m\nB,${'b'.repeat(100)},\n`)).toEqual([
      '1: unknown role "\\u001b[31m" (known: Admin, Release Manager, Steering Council, PSF Staff)',
      `2: "${'b'.repeat(60)}…" is not a GitHub username`,
    ]);
  });

  it('a username that cannot be a GitHub login is refused', () => {
    expect(problemsOf('A,barry warsaw,\n')).toEqual(['1: "barry warsaw" is not a GitHub username']);
  });

  it('bad quoting is reported on its own line, and later lines are still checked', () => {
    const text = 'A,a,\nNed Deily,ned-deily,"Admin, Release Manager\nC,c,Admn\nD,"d"x,\nE,e"e,\n';
    expect(problemsOf(text)).toEqual([
      '2: bad quoting: a quoted field is not closed',
      '3: unknown role "Admn" (known: Admin, Release Manager, Steering Council, PSF Staff)',
      '4: bad quoting: text after a closing quote (a field ends at its closing quote)',
      '5: bad quoting: a quote inside an unquoted field (quote the whole field and double any quote in it)',
    ]);
  });

  it('a header row is refused: the devguide format has none', () => {
    expect(problemsOf('Name,GitHub username,Notes\nA,a,\n')).toEqual([
      '1: this is a header row; the devguide format has none (remove "Name,GitHub username,Notes")',
    ]);
  });

  it('a blank line in the middle is refused rather than silently shifting positions', () => {
    expect(problemsOf('A,a,\n\nB,b,\n')).toEqual(['2: blank line (remove it: every line is one person)']);
  });

  it('all problems come in one error, each prefixed with the file name and line', () => {
    const error = (() => {
      try {
        parseRosterCsv('A,a\n,b,\nC,,Admn\n', 'member', 'members.csv');
      } catch (e) {
        return e as RosterCsvError;
      }
    })();
    expect(error).toBeInstanceOf(RosterCsvError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.fileName).toBe('members.csv');
    expect(error?.message.split('\n')).toEqual([
      'members.csv line 1: expected 3 columns (Name,GitHub username,Notes), found 2',
      'members.csv line 2: the name is blank',
      'members.csv line 3: the GitHub username is blank (only the emeritus list may leave it blank)',
      'members.csv line 3: unknown role "Admn" (known: Admin, Release Manager, Steering Council, PSF Staff)',
    ]);
  });

  it('the emeritus file is named in its messages', () => {
    expect(() => parseRosterCsv('A,a\n', 'emeritus')).toThrow(/^psrt-emeritus\.csv line 1:/);
  });
});
