// Dumping and restoring the whole database in psrt's own format (dump-format.ts),
// on either engine. The tables, their columns, keys and order come from the
// database's catalog, which psrt's migrations made from src/store/schema*.ts: a
// table added there is dumped without anyone listing it. Every value travels as
// PostgreSQL's own text form of its type, so bytea, jsonb (a JSON null too),
// timestamps to the microsecond, arrays and tsvectors come back exactly.
import { type SQL, sql } from 'drizzle-orm';
import {
  checkRow,
  DumpError,
  type DumpHeader,
  type DumpSequence,
  type DumpTable,
  dependencyOrder,
  dumpFormat,
  dumpFormatVersion,
  headerLine,
  parseHeader,
  parseSection,
  parseSequences,
  parseTrailer,
  schemaDifferences,
  sectionLine,
  sequencesLine,
  trailerLine,
} from './dump-format.ts';
import { type Db, type Engine, migrationJournal, type Tx } from './engine.ts';

interface TableShape extends DumpTable {
  /** The primary key's columns: rows are dumped in its order, so a database always dumps the same. */
  key: string[];
  /** Whether a column is GENERATED ALWAYS AS IDENTITY: its values are restored with OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export interface TableCount {
  table: string;
  rows: number;
}

/** Reported while a dump or restore runs: a table begun (`rows` 0), rows done so far, or finished. */
export type TransferProgress = (event: { table: string; rows: number; of: number }) => void;

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** psrt's tables (schema `public`) as the catalog describes them, parents before children. */
async function readTables(db: Db): Promise<TableShape[]> {
  const columns = await rows<{ table: string; name: string; type: string; identity: string }>(
    db,
    sql`select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
          a.attidentity as identity
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keys = await rows<{ table: string; name: string }>(
    db,
    sql`select c.relname as "table", a.attname as name
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
        where n.nspname = 'public' and i.indisprimary
        order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const references = await rows<{ table: string; references: string }>(
    db,
    sql`select c.relname as "table", r.relname as "references"
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
          join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
  );
  const shapes = new Map<string, TableShape>();
  for (const column of columns) {
    const shape = shapes.get(column.table) ?? {
      name: column.table,
      columns: [],
      key: [],
      identityAlways: false,
    };
    shape.columns.push({ name: column.name, type: column.type });
    if (column.identity === 'a') shape.identityAlways = true;
    shapes.set(column.table, shape);
  }
  for (const key of keys) shapes.get(key.table)?.key.push(key.name);
  return dependencyOrder([...shapes.keys()], references).map((name) => shapes.get(name) as TableShape);
}

async function readSequenceNames(db: Db): Promise<string[]> {
  return (
    await rows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
    )
  ).map((row) => row.name);
}

/** The last migration applied here (null tag: one this psrt does not know), or null without a schema. */
export async function appliedMigration(db: Db): Promise<DumpHeader['migration'] | null> {
  const [present] = await rows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!present?.present) return null;
  const [last] = await rows<{ when: string | null }>(
    db,
    sql`select max(created_at)::text as "when" from drizzle.__drizzle_migrations`,
  );
  if (last?.when === null || last?.when === undefined) return null;
  const when = Number(last.when);
  return { tag: migrationJournal().find((entry) => entry.when === when)?.tag ?? null, when };
}

/** psrt's tables that hold rows, with how many. */
export async function tablesWithRows(db: Db): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of await readTables(db)) {
    const [row] = await rows<{ count: string }>(
      db,
      sql.raw(`select count(*)::text as count from ${quoted(table.name)}`),
    );
    const count = Number(row?.count ?? 0);
    if (count > 0) counts.push({ table: table.name, rows: count });
  }
  return counts;
}

/** Text forms that read back the same on either engine, whatever the server's defaults. */
async function fixTextForms(tx: Tx): Promise<void> {
  for (const setting of [
    "set local timezone = 'UTC'",
    "set local datestyle = 'ISO, YMD'",
    "set local intervalstyle = 'postgres'",
    "set local bytea_output = 'hex'",
    'set local extra_float_digits = 3',
  ])
    await tx.execute(sql.raw(setting));
}

const fetchSize = 500;

/**
 * The database as dump lines, read in `tx`, which must be a new transaction:
 * its first statement makes it one REPEATABLE READ snapshot, so a dump taken
 * while psrt serve writes is consistent.
 */
export async function* dumpLines(
  tx: Tx,
  engine: Engine,
  options: { now?: Date; onHeader?: (header: DumpHeader) => void; onProgress?: TransferProgress } = {},
): AsyncGenerator<string> {
  await tx.execute(sql`set transaction isolation level repeatable read, read only`);
  await fixTextForms(tx);
  const migration = await appliedMigration(tx);
  if (!migration) throw new Error('This database has no psrt schema: there is nothing to dump.');
  const tables = await readTables(tx);
  const header: DumpHeader = {
    format: dumpFormat,
    version: dumpFormatVersion,
    migration,
    engine,
    createdAt: (options.now ?? new Date()).toISOString(),
    tables: tables.map(({ name, columns }) => ({ name, columns })),
  };
  options.onHeader?.(header);
  yield headerLine(header);
  let total = 0;
  for (const table of tables) {
    const [counted] = await rows<{ count: string }>(
      tx,
      sql.raw(`select count(*)::text as count from ${quoted(table.name)}`),
    );
    const count = Number(counted?.count ?? 0);
    yield sectionLine({ table: table.name, rows: count });
    options.onProgress?.({ table: table.name, rows: 0, of: count });
    const values = table.columns.map((column) => `${quoted(column.name)}::text`).join(', ');
    const order = table.key.length > 0 ? ` order by ${table.key.map(quoted).join(', ')}` : '';
    await tx.execute(
      sql.raw(
        `declare psrt_dump no scroll cursor for select array_to_json(array[${values}]::text[])::text as line from ${quoted(table.name)}${order}`,
      ),
    );
    let done = 0;
    for (;;) {
      const batch = await rows<{ line: string }>(tx, sql.raw(`fetch forward ${fetchSize} from psrt_dump`));
      for (const row of batch) yield `${row.line}\n`;
      done += batch.length;
      if (batch.length > 0) options.onProgress?.({ table: table.name, rows: done, of: count });
      if (batch.length < fetchSize) break;
    }
    await tx.execute(sql`close psrt_dump`);
    // The count and the rows come from one snapshot: they can only differ if the snapshot broke.
    if (done !== count)
      throw new Error(`Table ${table.name} changed during the dump (${count} rows counted, ${done} read).`);
    total += done;
  }
  // Read after the rows: a sequence is not part of the snapshot, so it is at least as far as any row read.
  const sequences: DumpSequence[] = [];
  for (const name of await readSequenceNames(tx)) {
    const [position] = await rows<{ last: string; called: boolean }>(
      tx,
      sql.raw(`select last_value::text as last, is_called as called from ${quoted(name)}`),
    );
    if (position) sequences.push({ name, ...position });
  }
  yield sequencesLine(sequences);
  yield trailerLine({ tables: tables.length, rows: total });
}

/** What a restore put back, and from which dump. */
export interface RestoreSummary {
  header: DumpHeader;
  tables: TableCount[];
  rows: number;
  /** Whether rows that were there before were replaced (`replace`); otherwise the database was empty. */
  replaced: TableCount[];
}

/** A restore that would lose or mix data: the database is not empty, or not at the dump's migration. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

const batchRows = 500;
const batchChars = 4_000_000;

/** Numbered lines, and what to say when the input itself fails (a damaged gzip stream, a read error). */
async function* numbered(lines: AsyncIterable<string>): AsyncGenerator<{ text: string; number: number }> {
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      yield { text, number };
    }
  } catch (error) {
    if (error instanceof DumpError || error instanceof RestoreRefused) throw error;
    const where = number === 0 ? 'at its start' : `after line ${number}`;
    throw new DumpError(
      `the dump cannot be read ${where} (${(error as Error).message}): it is damaged or cut short`,
      { cause: error },
    );
  }
}

/** Why PostgreSQL refused a row, without the row's values (which may be embargoed report text). */
function refusal(error: unknown): string {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code, constraint, column } = e as { code?: unknown; constraint?: unknown; column?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const where =
        typeof constraint === 'string'
          ? `, constraint ${constraint}`
          : typeof column === 'string'
            ? `, column ${column}`
            : '';
      return `PostgreSQL refused the row (SQLSTATE ${code}${where})`;
    }
  }
  return 'PostgreSQL refused the row';
}

/**
 * Restores a dump into `tx`'s database, which must hold psrt's schema at the
 * dump's migration and no rows (unless `replace`: then every row there is
 * deleted first). Meant to run as the whole of one transaction: any problem
 * throws, naming the line, and nothing the transaction did remains.
 */
export async function restoreLines(
  tx: Tx,
  lines: AsyncIterable<string>,
  options: { replace?: boolean; onProgress?: TransferProgress } = {},
): Promise<RestoreSummary> {
  const input = numbered(lines)[Symbol.asyncIterator]();
  let lastLine = 0;
  const next = async (expecting: string): Promise<{ text: string; number: number }> => {
    const line = await input.next();
    if (line.done)
      throw new DumpError(
        `the dump ends after line ${lastLine}, where ${expecting} should follow: it is cut short`,
      );
    lastLine = line.value.number;
    return line.value;
  };

  const header = parseHeader((await next('the dump header')).text);
  await fixTextForms(tx);
  const migration = await appliedMigration(tx);
  if (!migration)
    throw new RestoreRefused('This database has no psrt schema: run `psrt db migrate` first, then restore.');
  if (migration.when !== header.migration.when) {
    const dumpAt = header.migration.tag ?? `an unknown migration (${header.migration.when})`;
    throw new RestoreRefused(
      migration.when < header.migration.when && header.migration.tag
        ? `The dump was made at schema migration ${dumpAt}; this database is at the older ${migration.tag}. ` +
            'Run `psrt db migrate` on it first, then restore.'
        : `The dump was made at schema migration ${dumpAt}; this database is at ${migration.tag}. Restore it ` +
            'with the psrt version that made it, into a new database, then upgrade that with `psrt db migrate`.',
    );
  }
  const tables = await readTables(tx);
  const differences = schemaDifferences(header.tables, tables);
  if (differences.length > 0)
    throw new RestoreRefused(`The dump does not match this database's schema: ${differences.join('; ')}.`);

  const occupied = await tablesWithRows(tx);
  if (occupied.length > 0 && !options.replace)
    throw new RestoreRefused(
      `This database is not empty (${occupied.map((t) => `${t.table}: ${t.rows} rows`).join(', ')}). ` +
        'Restore into a new, empty database, or pass --replace to delete everything in this one first.',
    );
  if (occupied.length > 0)
    await tx.execute(
      sql.raw(`truncate table ${tables.map((t) => quoted(t.name)).join(', ')} restart identity`),
    );
  // The rows are restored as they were: no trigger may add to or change them (report_search's
  // words come from the dump too). DISABLE TRIGGER is transactional, undone with the rest on failure.
  for (const table of tables)
    await tx.execute(sql.raw(`alter table ${quoted(table.name)} disable trigger user`));

  const shapes = new Map(tables.map((table) => [table.name, table]));
  const restored: TableCount[] = [];
  let total = 0;
  for (const expected of header.tables) {
    const sectionAt = await next(`table ${expected.name}`);
    const section = parseSection(sectionAt.text, sectionAt.number);
    if (section.table !== expected.name)
      throw new DumpError(
        `line ${sectionAt.number}: expected table ${expected.name} (the header's order), found table ${section.table}`,
      );
    const shape = shapes.get(expected.name) as TableShape;
    options.onProgress?.({ table: shape.name, rows: 0, of: section.rows });
    const insert = insertStatement(shape);
    let batch: { text: string; number: number }[] = [];
    let chars = 0;
    let done = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await insertBatch(tx, insert, batch, shape.name);
      done += batch.length;
      batch = [];
      chars = 0;
      options.onProgress?.({ table: shape.name, rows: done, of: section.rows });
    };
    for (let i = 0; i < section.rows; i++) {
      const row = await next(`row ${i + 1} of ${section.rows} of table ${shape.name}`);
      checkRow(row.text, shape.columns.length, row.number, shape.name);
      batch.push(row);
      chars += row.text.length;
      if (batch.length >= batchRows || chars >= batchChars) await flush();
    }
    await flush();
    restored.push({ table: shape.name, rows: done });
    total += done;
  }

  const sequencesAt = await next("the sequences' positions");
  const known = new Set(await readSequenceNames(tx));
  for (const sequence of parseSequences(sequencesAt.text, sequencesAt.number)) {
    if (!known.has(sequence.name))
      throw new DumpError(`line ${sequencesAt.number}: sequence ${sequence.name} is not in this database`);
    await tx.execute(
      sql`select setval(${quoted(sequence.name)}::regclass, ${sequence.last}::bigint, ${sequence.called})`,
    );
  }
  const trailerAt = await next('the end of the dump');
  const trailer = parseTrailer(trailerAt.text, trailerAt.number);
  if (trailer.tables !== header.tables.length || trailer.rows !== total)
    throw new DumpError(
      `line ${trailerAt.number}: the dump's end counts ${trailer.tables} tables and ${trailer.rows} rows; ` +
        `it held ${header.tables.length} tables and ${total} rows`,
    );
  const extra = await input.next();
  if (!extra.done && extra.value.text.trim() !== '')
    throw new DumpError(`line ${extra.value.number}: there is more after the end of the dump`);

  for (const table of tables)
    await tx.execute(sql.raw(`alter table ${quoted(table.name)} enable trigger user`));
  return { header, tables: restored, rows: total, replaced: occupied };
}

/** Rows as a JSON array of arrays in $1, each value cast from its text form to its column's type. */
function insertStatement(table: TableShape): (rowsJson: string) => SQL {
  const names = table.columns.map((column) => quoted(column.name)).join(', ');
  const values = table.columns.map((column, i) => `(r->>${i})::${column.type}`).join(', ');
  const overriding = table.identityAlways ? ' overriding system value' : '';
  return (rowsJson) =>
    sql`${sql.raw(`insert into ${quoted(table.name)} (${names})${overriding} select ${values} from json_array_elements(`)}${rowsJson}${sql.raw('::json) as r')}`;
}

/**
 * Inserts a batch in a savepoint; if PostgreSQL refuses it, tries its rows one
 * by one to name the line it refused.
 */
async function insertBatch(
  tx: Tx,
  insert: (rowsJson: string) => SQL,
  batch: { text: string; number: number }[],
  table: string,
): Promise<void> {
  const asJson = (rows: { text: string }[]) => `[${rows.map((row) => row.text).join(',')}]`;
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.execute(insert(asJson(batch)));
    });
    return;
  } catch (batchError) {
    for (const row of batch) {
      try {
        await tx.transaction(async (savepoint) => {
          await savepoint.execute(insert(asJson([row])));
        });
      } catch (error) {
        throw new DumpError(`line ${row.number} (table ${table}): ${refusal(error)}`);
      }
    }
    const first = batch[0]?.number ?? 0;
    throw new DumpError(
      `lines ${first}–${first + batch.length - 1} (table ${table}): ${refusal(batchError)}`,
    );
  }
}
