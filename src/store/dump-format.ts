// psrt's own dump format, engine-neutral: JSON lines (gzip'd on disk). A header
// names the format, the schema migration and every table with its columns; then
// each table, parents before children, as a line with its row count followed by
// one line per row (every value in PostgreSQL's text form, so any type round-trips
// exactly); then the sequences' positions; then a trailer with the totals. Pure:
// parsing and checking lines, and the table order; the database side is dump.ts.
import { z } from 'zod';

export const dumpFormat = 'psrt-dump';
export const dumpFormatVersion = 1;

const columnSchema = z.object({ name: z.string().min(1), type: z.string().min(1) });

const headerSchema = z.object({
  format: z.literal(dumpFormat),
  version: z.number().int(),
  /** The last schema migration applied to the database dumped: its tag, and drizzle's `when`. */
  migration: z.object({ tag: z.string().nullable(), when: z.number().int() }),
  engine: z.enum(['pglite', 'postgres']),
  createdAt: z.string(),
  tables: z.array(z.object({ name: z.string().min(1), columns: z.array(columnSchema).min(1) })),
});

const sectionSchema = z.object({ table: z.string().min(1), rows: z.number().int().nonnegative() });

const sequencesSchema = z.object({
  sequences: z.array(
    z.object({ name: z.string().min(1), last: z.string().regex(/^-?\d+$/), called: z.boolean() }),
  ),
});

const trailerSchema = z.object({
  end: z.literal(dumpFormat),
  tables: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});

export type DumpHeader = z.infer<typeof headerSchema>;
export type DumpTable = DumpHeader['tables'][number];
export type DumpColumn = z.infer<typeof columnSchema>;
export type DumpSection = z.infer<typeof sectionSchema>;
export type DumpSequence = z.infer<typeof sequencesSchema>['sequences'][number];
export type DumpTrailer = z.infer<typeof trailerSchema>;

/** A dump that cannot be restored as it is: the message names the line (and table) and what is wrong. */
export class DumpError extends Error {
  override name = 'DumpError';
}

const json = (value: unknown): string => `${JSON.stringify(value)}\n`;
export const headerLine = (header: DumpHeader): string => json(header);
export const sectionLine = (section: DumpSection): string => json(section);
export const sequencesLine = (sequences: DumpSequence[]): string => json({ sequences });
export const trailerLine = (trailer: Omit<DumpTrailer, 'end'>): string =>
  json({ end: dumpFormat, ...trailer });

function parsed<T>(schema: z.ZodType<T>, text: string, lineNumber: number, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DumpError(`line ${lineNumber}: expected ${what}, found text that is not JSON (damaged?)`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new DumpError(`line ${lineNumber}: expected ${what}, found something else`);
  return result.data;
}

/** The first line: a psrt dump's header, in a format version this psrt reads. */
export function parseHeader(text: string): DumpHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if ((value as { format?: unknown } | undefined)?.format !== dumpFormat)
    throw new DumpError('line 1: this is not a psrt dump (it does not start with a psrt-dump header)');
  const { version } = value as { version?: unknown };
  if (version !== dumpFormatVersion)
    throw new DumpError(
      `line 1: this dump is in format version ${String(version)}; this psrt reads version ${dumpFormatVersion}. ` +
        'Restore it with the psrt version that made it.',
    );
  return parsed(headerSchema, text, 1, 'the dump header');
}

export const parseSection = (text: string, lineNumber: number): DumpSection =>
  parsed(sectionSchema, text, lineNumber, 'the start of a table');

export const parseSequences = (text: string, lineNumber: number): DumpSequence[] =>
  parsed(sequencesSchema, text, lineNumber, "the sequences' positions").sequences;

export const parseTrailer = (text: string, lineNumber: number): DumpTrailer =>
  parsed(trailerSchema, text, lineNumber, 'the end of the dump');

/**
 * One row: a JSON array of exactly `width` values, each a string (the column's
 * PostgreSQL text form) or null. The error names the line, never the values.
 */
export function checkRow(text: string, width: number, lineNumber: number, table: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DumpError(`line ${lineNumber} (table ${table}): the row is not JSON (damaged?)`);
  }
  if (
    !Array.isArray(value) ||
    value.length !== width ||
    !value.every((item) => item === null || typeof item === 'string')
  )
    throw new DumpError(
      `line ${lineNumber} (table ${table}): expected a row of ${width} values (text or null), found something else`,
    );
}

/**
 * Tables in an order where every table comes after the tables it references,
 * so rows restore without deferring foreign keys; otherwise alphabetical, so
 * the same schema always dumps in the same order. A table referencing itself
 * is fine; a cycle between tables is not (psrt's schema has none).
 */
export function dependencyOrder(
  tables: readonly string[],
  references: readonly { table: string; references: string }[],
): string[] {
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { table, references: parent } of references)
    if (table !== parent && parents.has(parent)) parents.get(table)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const remaining = [...tables].sort();
  while (remaining.length > 0) {
    const next = remaining.findIndex((table) =>
      [...(parents.get(table) ?? [])].every((parent) => placed.has(parent)),
    );
    if (next === -1)
      throw new Error(
        `The tables ${remaining.join(', ')} reference each other in a cycle: no order restores them.`,
      );
    const [table] = remaining.splice(next, 1) as [string];
    ordered.push(table);
    placed.add(table);
  }
  return ordered;
}

/** Where two table lists differ, in words; empty when they are the same tables with the same columns. */
export function schemaDifferences(dump: readonly DumpTable[], database: readonly DumpTable[]): string[] {
  const describe = (columns: readonly DumpColumn[]) => columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const inDatabase = new Map(database.map((table) => [table.name, table]));
  const inDump = new Set(dump.map((table) => table.name));
  const differences: string[] = [];
  for (const table of dump) {
    const there = inDatabase.get(table.name);
    if (!there) differences.push(`table ${table.name} is in the dump but not in the database`);
    else if (describe(there.columns) !== describe(table.columns))
      differences.push(`table ${table.name} has other columns in the dump than in the database`);
  }
  for (const table of database)
    if (!inDump.has(table.name))
      differences.push(`table ${table.name} is in the database but not in the dump`);
  return differences;
}
