// Only `psrt db migrate` and `psrt serve` change the schema. Any other command
// on a database that is not up to date stops with one line saying to run
// `psrt db migrate` (exit 78, like a configuration to fix), and changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, serverProblem } from '../support/engines.ts';
import { cleanEnv, json, psrt, type Workspace, workspace } from './psrt.ts';
import { lines } from './serve-support.ts';

const ws: Workspace = workspace();
afterAll(() => ws.remove());

describe('psrt db migrate, and commands before it', () => {
  it('a command on a data folder never migrated exits 78 with one line saying to run psrt db migrate', async () => {
    const result = await psrt(ws.dir, ['roster', 'list']);
    expect(result.code).toBe(78);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^psrt: The database in .* is not up to date .*: run `psrt db migrate`, then try again\.$/,
      ),
    ]);
    expect(result.stderr).toContain(ws.dataDir);
    expect(result.stdout).toBe('');
  });

  it('the refusal changed nothing: the next command is refused the same way', async () => {
    const result = await psrt(ws.dir, ['roster', 'list']);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('psrt db migrate');
  });

  it('psrt db migrate brings it up to date, and then commands run', async () => {
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
