// Errors a use-case returns to the web, API and CLI. Messages say what was
// wrong and what to do, and never carry report text: a caller who may not see
// a report gets the same "not found" as for a report that does not exist.

export type UseCaseErrorCode = 'not-found' | 'forbidden' | 'refused' | 'invalid' | 'conflict';

export class UseCaseError extends Error {
  override name = 'UseCaseError';
  constructor(
    readonly code: UseCaseErrorCode,
    message: string,
    /** Structured detail for --json and the API (e.g. a checklist). Never embargoed text. */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

/** Whether a database error (possibly wrapped by the query builder) is a unique-key violation. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * A failed statement: drizzle's DrizzleQueryError, PGlite's error, or anything else carrying the
 * statement or its parameters. Told by those fields (drizzle's error has both), not its class, so
 * this module, which every command loads at once, does not load drizzle.
 */
function isQueryError(error: Error): boolean {
  return 'query' in error || 'params' in error;
}

/** What PostgreSQL itself said: a five-character SQLSTATE and a severity (node-postgres and PGlite alike). */
function isDatabaseError(error: Error): error is Error & { code: string } {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string';
}

/**
 * A database's message with the values it quotes taken out. PostgreSQL quotes
 * names (constraints, columns, users) but also, in data exceptions (SQLSTATE
 * class 22, e.g. `invalid input syntax for type integer: "…"`), the rejected
 * value itself, which can be report text.
 */
function withoutValues(message: string, code: string): string {
  const dataException = code.startsWith('22');
  return message.replace(/"([^"]*)"/g, (quoted, inner: string) =>
    !dataException && /^[A-Za-z_][A-Za-z0-9_$.]{0,62}$/.test(inner) ? quoted : '"…"',
  );
}

/** Plain words for the database errors a person can fix. */
const databaseHints: Record<string, string> = {
  '22021': 'a text contains a NUL character or is not valid UTF-8; remove the character and try again',
};

/**
 * What to tell the person whose input the database refused as text it cannot hold (a NUL
 * character, bytes that are not UTF-8): their mistake to fix, not psrt's failure. Null for any
 * other error. A net under the use-cases' own checks, which name the field.
 */
export function refusedTextOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++)
    if (isDatabaseError(e) && e.code === '22021') return `Refused: ${databaseHints['22021']}.`;
  return null;
}

/**
 * The message of an unexpected error, safe to print or log. A failed query's
 * message carries the statement and its parameters (which can be report
 * text), and a database's own message can quote the rejected value, so what
 * an error IS decides, never its name: an error that is, or wraps, a failed
 * query or a database error is reduced to the SQLSTATE and the database's
 * message without quoted values. A wrapper's own words are kept only with the
 * raw messages it embeds replaced.
 */
export function safeErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && !chain.includes(e); e = e.cause) chain.push(e);
  const firstUnsafe = chain.findIndex((e) => isQueryError(e) || isDatabaseError(e));
  if (firstUnsafe === -1) return error.message;
  const database = chain.slice(firstUnsafe).find(isDatabaseError);
  const safe = database
    ? `database error ${database.code}: ${databaseHints[database.code] ?? withoutValues(database.message, database.code)}`
    : 'a database query failed';
  if (firstUnsafe === 0) return safe;
  let message = error.message;
  for (const inner of chain.slice(firstUnsafe)) {
    if (inner.message !== '') message = message.split(inner.message).join(safe);
  }
  return message.includes(safe) ? message : `${message}: ${safe}`;
}

/** What to log about an unexpected error: its kind, safe message and stack frames (never the raw message line). */
export function loggableError(error: unknown): { name: string; message: string; frames?: string } {
  if (!(error instanceof Error)) return { name: typeof error, message: safeErrorMessage(error) };
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return { name: error.name, message: safeErrorMessage(error), frames };
}

export const reportNotFound = (id: string): UseCaseError =>
  new UseCaseError(
    'not-found',
    `No report ${id} that you can see. Check the id, or ask a PSRT member for access.`,
  );
