// What every use-case runs with: the store, a clock and a logger. The clock is
// injected so the scheduler, tests and benchmarks can run at any date.
import type { Logger } from '../config/logger.ts';
import type { Principal } from '../domain/report.ts';
import type { Store } from '../store/index.ts';

export interface AppContext {
  store: Store;
  now: () => Date;
  log: Logger;
}

/** How an actor is written in the audit log. */
export function actorName(principal: Principal): string {
  switch (principal.kind) {
    case 'user':
      return principal.login;
    case 'system':
      return `system:${principal.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** The bot and the scheduler act as this principal. */
export const botPrincipal: Principal = { kind: 'system', name: 'bot' };
