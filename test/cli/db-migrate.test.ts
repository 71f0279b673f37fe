// Only `psrt db migrate` and `psrt serve` change the schema of a database that has one. Any other
// command on a database that is not up to date stops with one line saying to run `psrt db migrate`
// (exit 78, like a configuration to fix), and changes nothing. A new, empty data folder has nothing
// to protect: the first command sets it up.
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, serverProblem } from '../support/engines.ts';
import { cleanEnv, json, psrt, type Workspace, workspace } from './psrt.ts';

const ws: Workspace = workspace();
afterAll(() => ws.remove());

describe('psrt db migrate, and commands before it', () => {
  it('the first command on a new data folder sets the database up and runs', async () => {
    const listed = await psrt(ws.dir, ['roster', 'list', '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(json(listed)).toEqual([]);
  });

  it('psrt db migrate then finds it up to date, and commands go on running', async () => {
    const migrated = await psrt(ws.dir, ['db', 'migrate', '--json']);
    expect(migrated.code).toBe(0);
    expect(json(migrated)).toEqual({ engine: 'pglite', migrated: true });
    const listed = await psrt(ws.dir, ['roster', 'list', '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
  });

  it.runIf(!serverProblem)(
    'on an empty PostgreSQL database too, the command says to migrate first and db migrate does',
    async () => {
      const database = await createServerDatabase();
      try {
        const env = cleanEnv({ DATABASE_URL: database.url });
        const refused = await psrt(ws.dir, ['roster', 'list'], env);
        expect(refused.code).toBe(78);
        expect(refused.stderr).toContain('The database in DATABASE_URL is not up to date');
        expect(refused.stderr).not.toContain(database.url);
        expect((await psrt(ws.dir, ['db', 'migrate'], env)).code).toBe(0);
        expect((await psrt(ws.dir, ['roster', 'list'], env)).code).toBe(0);
      } finally {
        await database.drop();
      }
    },
    60_000,
  );
});
