// Errors the domain rules raise when asked to do something the PSRT process
// does not allow. Messages say what was wrong and what to do, and never carry
// report text, so they are safe to show, log or return from the API.

/**
 * A request the process does not allow: the caller shows the message and does
 * nothing. `invalid`: the input is malformed; `refused`: the input is fine but
 * a rule of the process says no (a checklist, the two-admin rule, …).
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  readonly code: 'invalid' | 'refused' | 'conflict' | 'not-found' = 'invalid';
}

/** A well-formed request that a rule of the process says no to. */
export class Refusal extends DomainError {
  override readonly name: string = 'Refusal';
  override readonly code = 'refused';
}

/** The request is already satisfied in a way that forbids doing it again (e.g. access already granted). */
export class Conflict extends DomainError {
  override readonly name: string = 'Conflict';
  override readonly code = 'conflict';
}

/** What the request names is not there to act on (e.g. no access to revoke). */
export class NothingThere extends DomainError {
  override readonly name: string = 'NothingThere';
  override readonly code = 'not-found';
}
