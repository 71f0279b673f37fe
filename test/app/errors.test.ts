// What a person or a log sees when something fails: a report's text never,
// whatever the failure. Input with a NUL character (which PostgreSQL cannot
// store) is refused by name; a failed query is reduced to what the database
// said, without the statement, its parameters or the values it quotes.
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { loggableError, safeErrorMessage } from '../../src/app/errors.ts';
import { editReport, extendDeadline } from '../../src/app/reports.ts';
import { forEachEngine } from '../support/engines.ts';
import { failsWith, testApp } from './support.ts';

const secret = 'EMBARGOED heap overflow in zipfile';

forEachEngine('errors that carry report text', (engine) => {
  const app = testApp(engine);
  beforeEach(() => app.importDevguideRoster());

  /** The error a statement fails with, as drizzle throws it. */
  async function failedQuery(statement: ReturnType<typeof sql>): Promise<Error> {
    try {
      await engine.store().db.execute(statement);
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the statement to fail');
  }

  it('a report whose description has a NUL character is refused by name, without echoing the description', async () => {
    const error = await failsWith(
      'invalid',
      app.newReport('sethmlarson', { description: `${secret}\0 and more` }),
    );
    expect(error.message).toContain('description contains a NUL character');
    expect(error.message).not.toContain('EMBARGOED');
    expect((await app.trail('PSRT-2026-0001')).audit).toEqual([]);
  });

  it('a title edit with a NUL character is refused by name', async () => {
    const report = await app.newReport('sethmlarson');
    const error = await failsWith(
      'invalid',
      editReport(app.ctx(), await app.as('sethmlarson'), report.id, { title: `${secret}\0` }),
    );
    expect(error.message).toContain('title contains a NUL character');
    expect(error.message).not.toContain('EMBARGOED');
  });

  it("the safe message of a real failed query never contains the query's secret parameter", async () => {
    for (const statement of [
      sql`select ${secret}::int`, // the database quotes the value it cannot read
      sql`select ${`${secret}\0`}::text`, // PostgreSQL cannot store a NUL
      sql`select ${secret} from no_such_table`,
    ]) {
      const error = await failedQuery(statement);
      expect(error).toBeInstanceOf(DrizzleQueryError);
      expect(error.message).toContain('EMBARGOED'); // what drizzle would have printed
      const safe = safeErrorMessage(error);
      expect(safe).toMatch(/^database error [0-9A-Z]{5}: /);
      expect(safe).not.toContain('EMBARGOED');
      expect(safe).not.toContain('select');
      expect(JSON.stringify(loggableError(error))).not.toContain('EMBARGOED');
    }
  });

  it('the safe message keeps what the database said where it names no value', async () => {
    const error = await failedQuery(sql`select ${secret} from no_such_table`);
    expect(safeErrorMessage(error)).toBe('database error 42P01: relation "no_such_table" does not exist');
    const nul = await failedQuery(sql`select ${`${secret}\0`}::text`);
    expect(safeErrorMessage(nul)).toContain('NUL character');
  });

  it('an error wrapping a failed query keeps its own words and loses the parameters it embedded', async () => {
    const cause = await failedQuery(sql`select ${secret}::int`);
    const wrapped = new Error(`could not save: ${cause.message}`, { cause });
    const safe = safeErrorMessage(wrapped);
    expect(safe).toMatch(/^could not save: database error 22P02: /);
    expect(safe).not.toContain('EMBARGOED');
    // A wrapper renamed to look harmless is judged by what it carries, not its name.
    const renamed = Object.assign(new Error(`Failed query: select $1\nparams: ${secret}`), {
      name: 'Error',
      query: 'select $1',
      params: [secret],
    });
    expect(safeErrorMessage(renamed)).toBe('a database query failed');
  });

  it('text the database refuses deep in a use-case fails without the text reaching the message', async () => {
    const report = await app.newReport('sethmlarson');
    const call = extendDeadline(app.ctx(), await app.as('sethmlarson'), report.id, {
      days: 10,
      reason: `${secret}\0`,
      reporterAgreed: false,
    });
    const error: unknown = await call.then(
      () => expect.fail('a NUL in the reason must not be stored'),
      (thrown: unknown) => thrown,
    );
    expect(String(error)).toContain('EMBARGOED'); // what would have been printed before
    expect(safeErrorMessage(error)).toMatch(/^database error [0-9A-Z]{5}: /);
    expect(safeErrorMessage(error)).not.toContain('EMBARGOED');
  });
});

describe('errors that are not database errors', () => {
  it('keep their message', () => {
    expect(safeErrorMessage(new Error('the config file is missing'))).toBe('the config file is missing');
    expect(safeErrorMessage('plain')).toBe('plain');
  });
});
