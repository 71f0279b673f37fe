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
 * The message of an unexpected error, safe to print or log. A failed query's
 * message carries the statement's parameters (which can be report text), so
 * only what the database itself said is kept.
 */
export function safeErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'DrizzleQueryError' && error.cause instanceof Error)
    return `database error: ${error.cause.message}`;
  return error.message;
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
