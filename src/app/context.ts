// What every use-case runs with: the store, a clock, a logger and the policy
// settings the rules need. The clock is injected so the scheduler, tests and
// benchmarks can run at any date.

import type { Logger } from '../config/logger.ts';
import { defaultSteeringCouncil } from '../config/steering-council.ts';
import type { BranchStatus } from '../domain/policy-check.ts';
import type { Principal } from '../domain/report.ts';
import type { Store } from '../store/index.ts';

export interface AppContext {
  store: Store;
  now: () => Date;
  log: Logger;
  /**
   * GitHub logins of the Steering Council (config `steeringCouncil`), never
   * assigned a report automatically; the configured default when absent.
   */
  steeringCouncil?: readonly string[];
  /** CPython's branches and their status (config `intake.pythonBranches`); the configured default when absent. */
  pythonBranches?: Readonly<Record<string, BranchStatus>>;
  /** Idle days before a report without a coordinator gets one (config `scheduler.coordinatorIdleDays`; default 3). */
  coordinatorIdleDays?: number;
  /** The PSRT's GitHub team, the canonical member list (config `github.org`, `github.team`; default python/psrt). */
  psrtTeam?: PsrtTeam;
  /** Config `membership` (nominee eligibility, the devguide's lists, drift checks); defaults when absent. */
  membership?: MembershipSettings;
}

export interface MembershipSettings {
  /** Core developers have write access here and triagers triage (`python/cpython`). */
  coreRepository: string;
  /** GitHub logins of PSF staff. */
  psfStaff: readonly string[];
  /** Where the devguide publishes security/psrt.csv and psrt-emeritus.csv (`python/devguide`). */
  devguideRepository: string;
  /** Hours between drift checks of the sync targets; 0: never. */
  driftCheckHours: number;
}

export const membershipSettingsOf = (ctx: AppContext): MembershipSettings =>
  ctx.membership ?? {
    coreRepository: 'python/cpython',
    psfStaff: [],
    devguideRepository: 'python/devguide',
    driftCheckHours: 24,
  };

export interface PsrtTeam {
  org: string;
  team: string;
}

/** The PSRT team on GitHub the membership rules apply to. */
export const psrtTeamOf = (ctx: AppContext): PsrtTeam => ctx.psrtTeam ?? { org: 'python', team: 'psrt' };

/** The Steering Council the rules apply: the context's, else the configured default. */
export const steeringCouncilOf = (ctx: AppContext): readonly string[] =>
  ctx.steeringCouncil ?? defaultSteeringCouncil;

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
