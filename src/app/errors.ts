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

export const reportNotFound = (id: string): UseCaseError =>
  new UseCaseError(
    'not-found',
    `No report ${id} that you can see. Check the id, or ask a PSRT member for access.`,
  );
