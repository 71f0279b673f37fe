// Every `psrt` command explains itself: `--help` on any subcommand exits 0 and
// prints its usage; a usage mistake or a broken configuration gets the exit
// code a script can act on. Run in-process (no database is opened), so
// checking the whole command tree stays fast.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProgram, runCli } from '../../src/cli/program.ts';

/** Every command below `command`, with the words a person types to reach it. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

interface HelpRun {
  exitCode: number;
  code: string;
  out: string;
  err: string;
}

/** Parses `argv` with output captured on every command (settings are copied when commands are created). */
async function run(argv: string[]): Promise<HelpRun> {
  const program = buildProgram();
  const output = { out: '', err: '' };
  const capture = (command: Command) => {
    command.configureOutput({
      writeOut: (text) => {
        output.out += text;
      },
      writeErr: (text) => {
        output.err += text;
      },
    });
    for (const sub of command.commands) capture(sub);
  };
  capture(program);
  try {
    await program.parseAsync(['node', 'psrt', ...argv]);
  } catch (error) {
    const { exitCode, code } = error as { exitCode: number; code: string };
    return { exitCode, code, ...output };
  }
  throw new Error(`psrt ${argv.join(' ')} ran an action instead of stopping at the parser`);
}

const commandTree = buildProgram();
const paths = commandPaths(commandTree);

/**
 * The commands the README shows in code (`psrt report similar|merge`, `npx psrt db migrate` in a
 * block), as command paths: words after `psrt` while each names a subcommand (`a|b` names two);
 * a word that is not one of a group's subcommands is kept, so a misspelt or removed command
 * shows up as a path psrt does not have.
 */
function readmeCommands(readme: string): string[] {
  const blocks = readme.split('```').filter((_, i) => i % 2 === 1);
  const spans = [...readme.matchAll(/`(?:npx )?psrt ([^`]+)`/g)].map((m) => m[1] ?? '');
  const lines = blocks.flatMap((block) =>
    block.split('\n').flatMap((line) => {
      const m = /^\s*(?:npx )?psrt (.*)$/.exec(line);
      return m?.[1] ? [m[1].split(' #')[0] ?? ''] : [];
    }),
  );
  const found = new Set<string>();
  const walk = (command: Command, words: string[], path: string[]) => {
    const word = words[0];
    if (word === undefined || command.commands.length === 0 || !/^[a-z][a-z|-]*$/.test(word)) {
      if (path.length > 0) found.add(path.join(' '));
      return;
    }
    for (const name of word.split('|')) {
      const sub = command.commands.find((c) => c.name() === name);
      if (sub) walk(sub, words.slice(1), [...path, name]);
      else found.add([...path, name].join(' '));
    }
  };
  for (const text of [...spans, ...lines]) walk(commandTree, text.trim().split(/\s+/), []);
  return [...found].sort();
}

describe('psrt --help', () => {
  it('lists the command groups a coordinator and an admin use', async () => {
    const result = await run(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.out).toMatch(/^Usage: psrt /);
    for (const group of ['report', 'roster', 'audit', 'serve', 'db']) expect(result.out).toContain(group);
  });

  it('has every command the README shows, and --help for each', () => {
    const shown = readmeCommands(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));
    const names = paths.map((path) => path.join(' '));
    // The README's tour and its command list name these, among others; the reader must find them.
    for (const name of ['serve', 'sim github', 'sim cve', 'report create', 'audit verify', 'db dump']) {
      expect(shown).toContain(name);
    }
    for (const name of shown) expect(names, `README shows psrt ${name}`).toContain(name);
  });

  it.each(paths.map((path) => [path.join(' '), path]))(
    'psrt %s --help exits 0 and prints its usage',
    async (name, path) => {
      const result = await run([...(path as string[]), '--help']);
      expect(result.code).toBe('commander.helpDisplayed');
      expect(result.exitCode).toBe(0);
      expect(result.err).toBe('');
      expect(result.out).toMatch(new RegExp(`^Usage: psrt ${String(name)}\\b`));
      expect(result.out).toContain('-h, --help');
    },
  );

  it('an unknown option is a usage error that names the option', async () => {
    const result = await run(['report', 'list', '--bogus']);
    expect(result.code).toBe('commander.unknownOption');
    expect(result.err).toContain("unknown option '--bogus'");
    expect(result.err).toContain('--help');
  });
});

describe('exit codes of usage mistakes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-usage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A configuration whose database folder is inside the temporary folder. */
  const config = () => {
    const file = join(dir, 'psrt.config.json');
    writeFileSync(file, JSON.stringify({ database: { dataDir: 'data' }, log: { level: 'silent' } }));
    return file;
  };

  /** Runs the command line as bin/psrt.js does, capturing what it writes. */
  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const output = { stdout: '', stderr: '' };
    const capture = (stream: 'stdout' | 'stderr') =>
      vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        output[stream] += String(chunk);
        return true;
      });
    const spies = [capture('stdout'), capture('stderr')];
    try {
      return { code: await runCli(['node', 'psrt', ...args]), ...output };
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  it('an unknown option exits 2, names the option and points to --help', async () => {
    const result = await cli('report', 'list', '--bogus');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
    expect(result.stderr).toContain('--help');
  });

  it('a missing required option exits 2 and names it', async () => {
    const result = await cli('report', 'create', '--title', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--repo');
  });

  it('--help exits 0 with the usage on stdout', async () => {
    const result = await cli('report', 'grant', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: psrt report grant');
  });

  // Each of these is refused before the database is opened; the config keeps any slip away from real data.
  it.each([
    ['a page number below 1', ['report', 'list', '--page', '0'], '--page must be a whole number'],
    [
      'a fractional extension',
      ['report', 'extend', 'PSRT-2026-0001', '--days', '1.5', '--reason', 'r'],
      '--days',
    ],
    [
      'an unknown determination',
      ['report', 'determine', 'PSRT-2026-0001', 'maybe'],
      'determination must be one of',
    ],
    [
      'an unknown rejection reason',
      ['report', 'reject', 'PSRT-2026-0001', '--reason', 'nope'],
      'Allowed choices',
    ],
    ['a handoff without --to, --accept or --decline', ['report', 'handoff', 'PSRT-2026-0001'], '--to LOGIN'],
    ['a roster import without a file', ['roster', 'import'], '--members FILE'],
    [
      'a roster file that cannot be read',
      ['roster', 'import', '--members', '/nonexistent/psrt.csv'],
      'cannot read',
    ],
    ['a port that is not a number', ['serve', '--port', 'eighty'], '--port'],
    ['a port in hexadecimal', ['serve', '--port', '0x10'], '--port must be a whole number from 0 to 65535'],
    ...(
      [
        ['a day that does not exist', '2026-02-30', 'is not a date: 2026-02 has no day 30'],
        ['a bare number', '0', 'is not a date'],
        ['a date before Python existed', '1970-01-01', 'is before 1990-01-01'],
        ['a date in the future', '2999-01-01', 'is in the future'],
      ] as const
    ).map(([what, date, message]) => [
      `a received date that is ${what}`,
      ['report', 'create', '--repo', 'python/cpython', '--title', 't', '--received-at', date],
      `--received-at: "${date}" ${message}`,
    ]),
    ...['1e2', '0x10', '1.5'].map((days) => [
      `extension days written as ${days}`,
      ['report', 'extend', 'PSRT-2026-0001', '--days', days, '--reason', 'r'],
      `--days must be a whole number from 1 to 365, in digits, not "${days}"`,
    ]),
    ['a page size over 500', ['report', 'list', '--page-size', '501'], '--page-size must be a whole number'],
    ['an --as that is not a login', ['--as', 'seth larson', 'report', 'list'], '--as must be a GitHub login'],
    [
      'a reporter that is not a login',
      ['report', 'create', '--repo', 'python/cpython', '--title', 't', '--reporter', 'x\u001b[2J'],
      '--reporter must be a GitHub login',
    ],
    [
      'a grant to something that is not a login',
      ['report', 'grant', 'PSRT-2026-0001', 'a b', '--reason', 'r'],
      'LOGIN must be a GitHub login',
    ],
    [
      'a handoff to something that is not a login',
      ['report', 'handoff', 'PSRT-2026-0001', '--to', '-x'],
      '--to must be a GitHub login',
    ],
    [
      'an expiry that is not a date',
      ['report', 'grant', 'PSRT-2026-0001', 'someone', '--reason', 'r', '--expires', 'tomorrow'],
      '--expires: "tomorrow" is not a date',
    ],
  ])('%s is a usage error: exit 2 with a message saying what to give', async (_what, args, message) => {
    const result = await cli('--config', config(), ...(args as string[]));
    expect(result.stderr).toContain(message as string);
    expect(result.code).toBe(2);
  });

  it('a broken configuration file exits 78 naming the file and the field', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ server: { port: 'eighty' } }));
    const result = await cli('--config', file, 'roster', 'list');
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('server.port');
  });
});
