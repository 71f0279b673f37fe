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
  readonly code: 'invalid' | 'refused' = 'invalid';
}

/** A well-formed request that a rule of the process says no to. */
export class Refusal extends DomainError {
  override readonly name: string = 'Refusal';
  override readonly code = 'refused';
}
