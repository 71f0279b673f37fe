// Errors the domain rules raise when asked to do something the PSRT process
// does not allow. Messages say what was wrong and what to do, and never carry
// report text, so they are safe to show, log or return from the API.

/** A request the process refuses: the caller shows the message and does nothing. */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
}
