// Hostile roster files: the devguide's psrt.csv and psrt-emeritus.csv format
// is the one CSV psrt reads. Arbitrary bytes and near-valid files are refused
// with a RosterCsvError naming each bad line, or read exactly (export gives
// back what was imported); a refused import changes nothing in the store.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botPrincipal } from '../../src/app/context.ts';
import { UseCaseError } from '../../src/app/errors.ts';
import { exportRoster, importRoster } from '../../src/app/roster.ts';
import type { RosterEntry, RosterList } from '../../src/domain/report.ts';
import { rosterRoles } from '../../src/domain/report.ts';
import { parseRosterCsv, RosterCsvError, serializeRosterCsv } from '../../src/records/roster-csv.ts';
import { listRoster } from '../../src/store/index.ts';
import { sandboxFile, testApp } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { fuzz, fuzzAsync, mutated } from './runs.ts';
import { changedTables, snapshot } from './snapshot.ts';

const lists: readonly RosterList[] = ['member', 'emeritus'];

const loginArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,12}$/);
/** Names as people write them: accents, commas, quotes, other scripts; no control characters. */
const nameArb = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .filter((name) => name.trim() !== '' && !/\p{Cc}/u.test(name));
const rolesArb = fc.subarray([...rosterRoles]);

/** A valid list: unique logins (case-insensitively), blank ones only on the emeritus list. */
const validList = (list: RosterList) =>
  fc
    .uniqueArray(
      fc.record({
        name: nameArb,
        login: list === 'member' ? loginArb : fc.option(loginArb, { nil: null }),
        roles: rolesArb,
      }),
      {
        maxLength: 12,
        selector: (entry) => entry.login?.toLowerCase() ?? Symbol(),
      },
    )
    .map((people): RosterEntry[] =>
      people.map((person, index) => ({
        list,
        position: index + 1,
        ...person,
        roles: rosterRoles.filter((r) => person.roles.includes(r)),
      })),
    );

/** Text a roster file might be made of: its separators and quotes are favoured over other characters. */
const csvLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(',', '"', '\n', '\r\n', '\r', ' ', 'Admin', 'PSF Staff', '\uFEFF', 'warsaw'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    {
      maxLength: 40,
    },
  )
  .map((pieces) => pieces.join(''));
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder().decode(bytes)),
  csvLike,
  fc
    .constantFrom(sandboxFile('psrt.csv'), sandboxFile('psrt-emeritus.csv'))
    .chain((text) => mutated(text, csvLike)),
);

/** The number of lines the reader sees in `text`. */
const lineCount = (text: string) => {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return Math.max(lines.length, 1);
};

/** Reads `text`; a refusal must name a line of the file for every problem. */
function readOrRefuse(text: string, list: RosterList): RosterEntry[] | RosterCsvError {
  try {
    return parseRosterCsv(text, list, 'fuzz.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(RosterCsvError);
    const refusal = error as RosterCsvError;
    expect(refusal.problems.length).toBeGreaterThan(0);
    for (const problem of refusal.problems) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lineCount(text));
      expect(problem.message).toMatch(/\S/);
    }
    expect(refusal.message).toMatch(/^fuzz\.csv line \d+: \S/);
    return refusal;
  }
}

describe('roster CSV files, fuzzed', () => {
  it('a valid list written in the devguide format reads back as the same people, and writes the same bytes', () => {
    fuzz(
      fc.property(fc.constantFrom(...lists).chain(validList), (entries) => {
        const text = serializeRosterCsv(entries);
        const read = parseRosterCsv(text, entries[0]?.list ?? 'member');
        expect(read).toEqual(entries);
        expect(serializeRosterCsv(read)).toBe(text);
      }),
      300,
    );
  });

  it('arbitrary and near-valid text is refused with every problem on a line of the file, or read into entries that write back and read the same', () => {
    fuzz(
      fc.property(hostileText, fc.constantFrom(...lists), (text, list) => {
        const read = readOrRefuse(text, list);
        if (read instanceof RosterCsvError) return;
        for (const entry of read) expect(entry.list).toBe(list);
        expect(parseRosterCsv(serializeRosterCsv(read), list)).toEqual(read);
      }),
      800,
    );
  });
});

forEachEngine('roster imports, fuzzed', (engine) => {
  const app = testApp(engine);

  it('a refused import changes nothing, and an accepted one is exported exactly as it was read', async () => {
    await app.importDevguideRoster();
    const members = sandboxFile('psrt.csv');
    const emeritus = sandboxFile('psrt-emeritus.csv');
    const near = (text: string) =>
      fc.oneof(mutated(text, csvLike), mutated(text, fc.constantFrom(',', '"', '\n', 'Admin', '')));
    await fuzzAsync(
      fc.asyncProperty(
        fc.option(near(members), { nil: undefined }),
        fc.option(near(emeritus), { nil: undefined }),
        async (memberText, emeritusText) => {
          const store = app.store();
          const admin = (await listRoster(store.db, 'member')).find((e) => e.roles.includes('Admin'))?.login;
          const actor = admin ? await app.as(admin) : botPrincipal;
          const before = await snapshot(store);
          try {
            await importRoster(app.ctx(), actor, {
              ...(memberText === undefined ? {} : { members: { text: memberText, source: 'psrt.csv' } }),
              ...(emeritusText === undefined
                ? {}
                : { emeritus: { text: emeritusText, source: 'psrt-emeritus.csv' } }),
            });
          } catch (error) {
            expect(error).toBeInstanceOf(UseCaseError);
            expect((error as Error).message).toMatch(/\S/);
            expect(changedTables(before, await snapshot(store))).toEqual([]);
            return;
          }
          if (memberText !== undefined)
            expect(await exportRoster(app.ctx(), 'member')).toBe(
              serializeRosterCsv(parseRosterCsv(memberText, 'member')),
            );
          if (emeritusText !== undefined)
            expect(await exportRoster(app.ctx(), 'emeritus')).toBe(
              serializeRosterCsv(parseRosterCsv(emeritusText, 'emeritus')),
            );
        },
      ),
      25,
    );
  });
});
