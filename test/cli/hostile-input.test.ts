// The psrt command given hostile input, the way an operator would meet it:
// report text with a NUL or terminal escapes, a finished report to list, and
// roster files that are empty or enormous. Each step relies on the ones
// before it (opening the folder costs a second or two, so they share one).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { botPrincipal } from '../../src/app/context.ts';
import { importRoster } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { devguideRoster } from '../app/support.ts';
import { createServerDatabase, serverProblem } from '../support/engines.ts';
import { cleanEnv, json, psrt, rosterWorkspace } from './psrt.ts';

// Migrated, with the devguide's roster (session.test.ts checks what `psrt roster import` says).
const ws = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, ['--as', 'sethmlarson', ...args]);
const secret = 'EMBARGOED: zipfile heap overflow';
const ESC = '\u001b';
/** A title that would clear the screen and retitle the window if printed raw. */
const hostileTitle = `${ESC}]0;pwned\u0007${ESC}[2J${ESC}[31mred\u009b1m title`;
/** A control character other than the line breaks between lines of output. */
const rawControl = /(?!\n)\p{Cc}/u;
const nulFile = join(ws.dir, 'nul-description.txt');
writeFileSync(nulFile, `${secret}\0 more text`);

/**
 * Creates a report whose description has a NUL byte (as plain output on PGlite, --json on the server);
 * the refusal must name the NUL and not echo the text.
 */
async function expectNulRefused(env?: NodeJS.ProcessEnv) {
  const asJson = env ? ['--json'] : [];
  const result = await psrt(
    ws.dir,
    ['--as', 'sethmlarson', 'report', 'create', '--repo', 'python/cpython', '--title', 't', ...asJson].concat(
      ['--description-file', nulFile],
    ),
    env,
  );
  expect(result.stderr).toContain('description contains a NUL character');
  expect(result.stderr).not.toContain('EMBARGOED');
  expect(result.stderr).not.toContain('insert');
  expect(result.code).toBe(2);
}

let hostileId = '';

describe('hostile input at the psrt command', () => {
  it('a report whose description has a NUL byte is refused with a clear error, never the description [pglite]', async () => {
    await expectNulRefused();
  });

  it.runIf(!serverProblem)(
    'a report whose description has a NUL byte is refused with a clear error, never the description [postgres]',
    async () => {
      const database = await createServerDatabase();
      try {
        // Migrated, with the devguide's members, in this process (two commands' time saved).
        const store = await openStore({ databaseUrl: database.url });
        try {
          await store.migrate();
          const ctx = { store, now: () => new Date(), log: createLogger('silent') };
          await importRoster(ctx, botPrincipal, { members: devguideRoster().members });
        } finally {
          await store.close();
        }
        await expectNulRefused(cleanEnv({ DATABASE_URL: database.url }));
      } finally {
        await database.drop();
      }
    },
  );

  it('report show prints escape sequences in a title, description or reason as visible text, never raw', async () => {
    const created = json<{ id: string }>(
      await run(
        'report',
        'create',
        '--json',
        '--repo',
        'python/cpython',
        '--title',
        hostileTitle,
        '--description',
        `first line\nsecond ${ESC}[1mline`,
      ),
    );
    hostileId = created.id;
    // Rejecting is the coordinator's call, after their determination.
    expect((await run('report', 'assign', hostileId)).code).toBe(0);
    expect((await run('report', 'determine', hostileId, 'not-a-vulnerability')).code).toBe(0);
    const rejected = await run(
      'report',
      'reject',
      hostileId,
      '--reason',
      'not-a-vulnerability',
      '--detail',
      `works as documented ${ESC}[8m hidden`,
    );
    expect(rejected.code).toBe(0);
    const shown = await run('report', 'show', hostileId);
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toMatch(rawControl);
    expect(shown.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x9b1m title');
    // The description keeps its lines; the rejection detail is shown too, escaped.
    expect(shown.stdout).toContain('first line\nsecond \\x1b[1mline');
    expect(shown.stdout).toContain('rejected      not-a-vulnerability: works as documented \\x1b[8m hidden');
  });

  it('--json output carries the same text, escaped as JSON and read back exactly', async () => {
    const result = await run('report', 'show', hostileId, '--json');
    expect(result.stdout).not.toMatch(rawControl);
    expect(json<{ report: { title: string } }>(result).report.title).toBe(hostileTitle);
  });

  it('report list shows only open reports; with --all the finished ones too', async () => {
    await run('report', 'create', '--repo', 'python/cpython', '--title', 'still open');
    const open = await run('report', 'list', '--json');
    const all = await run('report', 'list', '--all', '--json');
    const ids = (result: typeof open) =>
      json<{ reports: { report: { id: string } }[] }>(result).reports.map((r) => r.report.id);
    expect(ids(open)).not.toContain(hostileId);
    expect(ids(open)).toHaveLength(1);
    expect(ids(all)).toContain(hostileId);
    expect(ids(all)).toEqual(expect.arrayContaining(ids(open)));
    expect(ids(all)).toHaveLength(2);
    const listed = await run('report', 'list', '--all');
    expect(listed.stdout).not.toMatch(rawControl);
    expect(listed.stdout).toContain(hostileId);
    expect(listed.stdout).toContain('2 of 2');
  });

  it('an empty roster file does not wipe a list unless --allow-empty says so', async () => {
    const empty = join(ws.dir, 'empty.csv');
    writeFileSync(empty, '');
    const refused = await run('roster', 'import', '--emeritus', empty);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('empty.csv has nobody in it');
    expect(refused.stderr).toContain('--allow-empty');
    const listed = await run('roster', 'list', '--list', 'emeritus', '--json');
    expect(json<unknown[]>(listed).length).toBeGreaterThan(0);
    const allowed = await run('roster', 'import', '--emeritus', empty, '--allow-empty');
    expect(allowed.stdout).toContain('imported 0 emeritus entries');
    expect(allowed.code).toBe(0);
  });

  it('a 10 MB roster file is refused in a few words naming the limit, before it is read', async () => {
    const big = join(ws.dir, 'big.csv');
    writeFileSync(big, 'not,a,valid,line\n'.repeat(600_000));
    const result = await run('roster', 'import', '--members', big);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('psrt: --members: "big.csv" is larger than 1 MiB, the most it may be\n');
  });

  it('roster import --help says the limits', async () => {
    const result = await psrt(ws.dir, ['roster', 'import', '--help']);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('at most 1 MiB and 5,000 people per file');
    expect(result.stdout).toContain('--allow-empty');
  });
});
