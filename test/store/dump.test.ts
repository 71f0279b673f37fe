// A backup is only worth what its restore gives back. The sandbox's whole demo,
// plus the values hardest to carry, is dumped on each engine and restored on
// both: every table of the schema must come back row for row, value for value,
// and the audit chain must verify. A damaged dump or a target holding data is
// refused, and leaves the target exactly as it was.
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyOrder, parseHeader } from '../../src/store/dump-format.ts';
import { migrationJournal } from '../../src/store/engine.ts';
import {
  DumpError,
  dumpLines,
  type Engine,
  openStore,
  RestoreRefused,
  restoreLines,
  type Store,
  verifyAudit,
} from '../../src/store/index.ts';
import * as schema from '../../src/store/schema.ts';
import { createServerDatabase, engines, forEachEngine, serverProblem } from '../support/engines.ts';
import { everyByte, populate, snapshot } from './dump-world.ts';

const schemaTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

/** A new, migrated, empty database on `engine`, and how to get rid of it. */
async function freshDatabase(engine: Engine): Promise<{ store: Store; dispose(): Promise<void> }> {
  if (engine === 'pglite') {
    const store = await openStore({ memory: true });
    await store.migrate();
    return { store, dispose: () => store.close() };
  }
  const database = await createServerDatabase();
  const store = await openStore({ databaseUrl: database.url });
  await store.migrate();
  return {
    store,
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
}

async function dumpOf(store: Store): Promise<string[]> {
  const lines: string[] = [];
  await store.transaction(async (tx) => {
    for await (const line of dumpLines(tx, store.engine)) lines.push(line.replace(/\n$/, ''));
  });
  return lines;
}

async function* fed(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines;
}

const restore = (store: Store, lines: readonly string[], options: { replace?: boolean } = {}) =>
  store.transaction((tx) => restoreLines(tx, fed(lines), options));

/** The error a restore fails with, or a failed test when it succeeds. */
async function restoreError(store: Store, lines: readonly string[], options: { replace?: boolean } = {}) {
  try {
    await restore(store, lines, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the restore succeeded');
}

const targets = engines.filter((engine) => engine === 'pglite' || !serverProblem);

forEachEngine(
  'psrt db dump and restore',
  (engine) => {
    let before: Record<string, string[]>;
    let dump: string[];
    beforeAll(async () => {
      await populate(engine.store());
      before = await snapshot(engine.store());
      dump = await dumpOf(engine.store());
    }, 180_000);

    it('the demo fills every table of the schema, and the dump names each of them', () => {
      const header = parseHeader(dump[0] ?? '');
      expect(header.tables.map((table) => table.name).sort()).toEqual(schemaTables);
      expect(Object.keys(before).sort()).toEqual(schemaTables);
      expect(schemaTables.filter((table) => (before[table]?.length ?? 0) === 0)).toEqual([]);
    });

    for (const target of targets) {
      describe(`restored into a new database on ${target}`, () => {
        let restored: { store: Store; dispose(): Promise<void> };
        beforeAll(async () => {
          restored = await freshDatabase(target);
          await restore(restored.store, dump);
        }, 120_000);
        afterAll(() => restored?.dispose());

        it('every table holds the same rows, value for value, and the audit chain verifies', async () => {
          expect(await snapshot(restored.store)).toEqual(before);
          const verdict = await verifyAudit(restored.store.db);
          expect(verdict).toMatchObject({ ok: true, count: before.audit_events?.length });
          const [attachment] = (
            (await restored.store.db.execute(
              sql`select content from mail_attachments where position = 99`,
            )) as unknown as { rows: { content: Uint8Array }[] }
          ).rows;
          expect(Buffer.from(attachment?.content ?? [])).toEqual(everyByte);
        });

        it('new rows get new ids: the sequences go on from where the source left them', async () => {
          const ids = (
            (await restored.store.db.execute(
              sql`insert into outbox (key, kind, payload, max_attempts, next_attempt_at, created_at)
                values ('after-restore', 'mail.send', '{}', 3, now(), now()) returning id`,
            )) as unknown as { rows: { id: number | string }[] }
          ).rows;
          const [max] = (
            (await engine.store().db.execute(sql`select max(id)::int as max from outbox`)) as unknown as {
              rows: { max: number }[];
            }
          ).rows;
          expect(Number(ids[0]?.id)).toBeGreaterThan(max?.max ?? 0);
          await restored.store.db.execute(sql`delete from outbox where key = 'after-restore'`);
        });

        it('a restore into a database that holds rows is refused, naming them, and changes nothing', async () => {
          const error = await restoreError(restored.store, dump);
          expect(error).toBeInstanceOf(RestoreRefused);
          expect(error.message).toMatch(/not empty \(.*reports: \d+ rows/);
          expect(await snapshot(restored.store)).toEqual(before);
        });

        it('a dump cut short is refused naming where it ends, and the database keeps what it had', async () => {
          const cut = dump.slice(0, Math.floor(dump.length / 2));
          const error = await restoreError(restored.store, cut, { replace: true });
          expect(error).toBeInstanceOf(DumpError);
          expect(error.message).toMatch(new RegExp(`ends after line ${cut.length}, where .* should follow`));
          expect(await snapshot(restored.store)).toEqual(before);
        });

        it('a damaged row is refused naming its line and table, never its values, and nothing changes', async () => {
          const reportsAt = dump.findIndex((line) => line.startsWith('{"table":"reports"'));
          const damaged = [...dump];
          const row = JSON.parse(damaged[reportsAt + 2] ?? '[]') as (string | null)[];
          // received_at, whose value cannot be a time: PostgreSQL quotes such a value in its error.
          const secret = 'embargoed words';
          row[6] = secret;
          damaged[reportsAt + 2] = JSON.stringify(row);
          const error = await restoreError(restored.store, damaged, { replace: true });
          expect(error.message).toBe(
            `line ${reportsAt + 3} (table reports): PostgreSQL refused the row (SQLSTATE 22007)`,
          );
          expect(error.message).not.toContain(secret);
          const torn = [...dump];
          torn[reportsAt + 1] = (torn[reportsAt + 1] ?? '').slice(0, 20);
          expect((await restoreError(restored.store, torn, { replace: true })).message).toBe(
            `line ${reportsAt + 2} (table reports): the row is not JSON (damaged?)`,
          );
          expect(await snapshot(restored.store)).toEqual(before);
        });

        it('a dump made at another schema migration is refused, saying how to restore it', async () => {
          const header = parseHeader(dump[0] ?? '');
          const older = JSON.stringify({ ...header, migration: { tag: '0015_nominations', when: 1 } });
          const error = await restoreError(restored.store, [older, ...dump.slice(1)], { replace: true });
          expect(error).toBeInstanceOf(RestoreRefused);
          expect(error.message).toContain(
            `The dump was made at schema migration 0015_nominations; this database is at ${migrationJournal().at(-1)?.tag}. ` +
              'Restore it with the psrt version that made it',
          );
          expect(await snapshot(restored.store)).toEqual(before);
        });

        it('with replace, a database holding other rows gets exactly the dump', async () => {
          await restored.store.db.execute(
            sql`insert into team_invitations (login_key, login, invited_by, invited_at) values ('other', 'Other', 'x', now())`,
          );
          const summary = await restore(restored.store, dump, { replace: true });
          expect(summary.replaced.map((t) => t.table)).toContain('team_invitations');
          expect(await snapshot(restored.store)).toEqual(before);
        });
      });
    }

    it.runIf(engine.engine === 'postgres')(
      'a dump taken while psrt writes holds one moment: what commits meanwhile is not in it',
      async () => {
        const url = engine.databaseUrl() ?? '';
        const other = await openStore({ databaseUrl: url });
        try {
          const lines: string[] = [];
          await engine.store().transaction(async (tx) => {
            let wrote = false;
            for await (const line of dumpLines(tx, 'postgres')) {
              lines.push(line.replace(/\n$/, ''));
              if (!wrote && line.startsWith('{"table":"audit_events"')) {
                wrote = true;
                await other.db.execute(
                  sql`insert into web_sessions (token_hash, login, csrf, created_at, last_seen_at)
                    values ('written-during-dump', 'x', 'y', now(), now())`,
                );
              }
            }
          });
          expect(lines.join('\n')).not.toContain('written-during-dump');
          expect(lines.slice(1)).toEqual(dump.slice(1));
        } finally {
          await other.db.execute(sql`delete from web_sessions where token_hash = 'written-during-dump'`);
          await other.close();
        }
      },
    );
  },
  { shared: true },
);

describe('the order tables are dumped and restored in', () => {
  it('puts every table after the tables it references, alphabetically otherwise', () => {
    expect(
      dependencyOrder(
        ['votes', 'nominations', 'audit', 'reports', 'grants'],
        [
          { table: 'votes', references: 'nominations' },
          { table: 'grants', references: 'reports' },
          { table: 'reports', references: 'reports' },
        ],
      ),
    ).toEqual(['audit', 'nominations', 'reports', 'grants', 'votes']);
  });

  it('refuses tables that reference each other in a cycle', () => {
    expect(() =>
      dependencyOrder(
        ['a', 'b'],
        [
          { table: 'a', references: 'b' },
          { table: 'b', references: 'a' },
        ],
      ),
    ).toThrow(/cycle/);
  });
});
