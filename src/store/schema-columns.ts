// The column and check builders the schema files share (schema.ts, schema-inbox.ts).
import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, timestamp } from 'drizzle-orm/pg-core';

/** A UTC instant, read back as a Date. */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** `col in ('a', 'b')` from a list of constants, for checks and index predicates. */
export const oneOf = (column: SQL | AnyPgColumn, values: readonly string[]): SQL =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
