// The one permission check of the use-cases: domain/access decides who may do
// what, and a refusal becomes the "forbidden" use-case error every interface
// shows as-is. A use-case never calls `can` itself, nor builds that error.
import { type Action, can, type GrantContext } from '../domain/access.ts';
import type { Principal, Report } from '../domain/report.ts';
import { UseCaseError } from './errors.ts';

/** Whether the actor may take the action (on the report, when given); for what a page shows. */
export function isAllowed(actor: Principal, action: Action, report?: Report, access?: GrantContext): boolean {
  return can(actor, action, report, access).allowed;
}

/**
 * Fails with "forbidden" unless the actor may take the action. Pass the
 * report and its grants so a collaborator is recognised.
 */
export function authorize(actor: Principal, action: Action, report?: Report, access?: GrantContext): void {
  const decision = can(actor, action, report, access);
  if (!decision.allowed) throw new UseCaseError('forbidden', decision.reason);
}

/**
 * The login of the person acting, for the few actions taken in one's own name
 * (a handoff, an extension's grantor): the bot cannot take them.
 */
export function personActing(actor: Principal): string {
  if (actor.kind !== 'user') throw new UseCaseError('forbidden', 'Only a person can do this.');
  return actor.login;
}
