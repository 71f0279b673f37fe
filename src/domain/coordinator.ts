// Every open report has one coordinator. Who may be chosen automatically
// (least loaded first), manual assignment, and the handoff in which the old
// coordinator stays responsible until the named successor accepts.
import type { Effect } from './effects.ts';
import { Refusal } from './errors.ts';
import { coordinatorNotices } from './notices.ts';
import { isOpen, type Report, type RosterEntry } from './report.ts';
import { activeMembers, findMember, loginKey, sameLogin } from './roster.ts';

/** A new coordinator, and what follows it: the GHSA credit moves, and they are told (domain/notices). */
export interface CoordinatorChange {
  report: Report;
  effects: Effect[];
}

/** A refused coordinator change. Messages name logins, never report text. */
export class CoordinatorError extends Refusal {
  override readonly name: string = 'CoordinatorError';
}

/** A member's load, as the store counts it (`coordinatorLoads`). */
export interface CoordinatorLoad {
  /** Open reports the member currently coordinates. */
  openReports: number;
  /** When the member last became coordinator of a report they still coordinate, open or not. */
  lastAssignedAt: Date | null;
}

/**
 * Members who may be picked automatically. Release managers and Steering
 * Council members stay members but are never auto-assigned (devguide, PEP
 * 811). The devguide roster notes only Admin and Release Manager, so the
 * Council's logins come from the caller (the `steeringCouncil` setting); a
 * roster entry noted "Steering Council" counts as well.
 */
export function eligibleCoordinators(
  roster: readonly RosterEntry[],
  steeringCouncil: readonly string[],
): RosterEntry[] {
  return activeMembers(roster).filter(
    (entry) =>
      entry.login !== null &&
      !entry.roles.includes('Release Manager') &&
      !entry.roles.includes('Steering Council') &&
      !steeringCouncil.some((login) => sameLogin(login, entry.login)),
  );
}

export interface CoordinatorChoice {
  /** GitHub logins of the Steering Council, never chosen automatically. */
  steeringCouncil: readonly string[];
  /** Logins kept out of this choice, e.g. the reporter. */
  exclude?: readonly string[];
}

const noLoad: CoordinatorLoad = { openReports: 0, lastAssignedAt: null };

/**
 * The member to assign: fewest open reports, then longest since their last
 * assignment (never assigned first), then login case-insensitively, so the
 * choice is the same on every run. `exclude` keeps out e.g. the reporter.
 */
export function chooseCoordinator(
  roster: readonly RosterEntry[],
  loads: ReadonlyMap<string, CoordinatorLoad>,
  { steeringCouncil, exclude = [] }: CoordinatorChoice,
): string | null {
  const loadByLogin = new Map([...loads].map(([login, load]) => [loginKey(login), load]));
  const candidates = eligibleCoordinators(roster, steeringCouncil)
    .map((entry) => entry.login as string)
    .filter((login) => !exclude.some((excluded) => sameLogin(excluded, login)))
    .map((login) => ({ login, load: loadByLogin.get(loginKey(login)) ?? noLoad }));
  candidates.sort(
    (a, b) =>
      a.load.openReports - b.load.openReports ||
      (a.load.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) -
        (b.load.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) ||
      compareLogins(a.login, b.login),
  );
  return candidates[0]?.login ?? null;
}

function compareLogins(a: string, b: string): number {
  const [x, y] = [loginKey(a), loginKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function requireOpen(report: Report): void {
  if (!isOpen(report.state)) {
    throw new CoordinatorError(`The report is ${report.state}; coordinators change only on open reports.`);
  }
}

function requireMember(roster: readonly RosterEntry[], login: string): string {
  const entry = findMember(roster, login);
  if (entry === undefined || entry.login === null) {
    throw new CoordinatorError(`${login} is not an active PSRT member, so cannot coordinate a report.`);
  }
  // The roster's spelling of the login, so later comparisons and GHSA credits agree.
  return entry.login;
}

const touched = (now: Date): Pick<Report, 'updatedAt' | 'lastActivityAt'> => ({
  updatedAt: now,
  lastActivityAt: now,
});

/**
 * A volunteer or a manual assignment. Any active member may be assigned,
 * release managers and Steering Council members included: they are only kept
 * out of the automatic choice. Overrides a pending handoff. Assigning the
 * current coordinator again changes nothing and returns the report as is.
 */
export function assignCoordinator(
  report: Report,
  login: string,
  roster: readonly RosterEntry[],
  now: Date,
  how: { automatic: boolean } = { automatic: false },
): CoordinatorChange {
  requireOpen(report);
  const coordinator = requireMember(roster, login);
  if (sameLogin(report.coordinator, coordinator) && report.handoff === null) return { report, effects: [] };
  const assigned = { ...report, coordinator, coordinatorSince: now, handoff: null, ...touched(now) };
  return { report: assigned, effects: coordinatorNotices(report, assigned, how.automatic) };
}

/**
 * The coordinator names a successor. Nothing changes hands yet: `from` stays
 * coordinator until `to` accepts. Naming someone else replaces a pending request.
 */
export function requestHandoff(
  report: Report,
  from: string,
  to: string,
  roster: readonly RosterEntry[],
  now: Date,
): Report {
  requireOpen(report);
  if (report.coordinator === null || !sameLogin(report.coordinator, from)) {
    throw new CoordinatorError(
      `Only the current coordinator can hand off the report, and ${from} is not it.`,
    );
  }
  const successor = requireMember(roster, to);
  if (sameLogin(successor, from)) {
    throw new CoordinatorError(`${from} already coordinates the report; name another member as successor.`);
  }
  return { ...report, handoff: { to: successor, requestedAt: now }, ...touched(now) };
}

function requirePendingHandoff(report: Report): NonNullable<Report['handoff']> {
  requireOpen(report);
  if (report.handoff === null)
    throw new CoordinatorError('No coordinator handoff is pending on this report.');
  return report.handoff;
}

/** The named successor takes over; from now on they are responsible (and hold the GHSA credit). */
export function acceptHandoff(report: Report, by: string, now: Date): CoordinatorChange {
  const handoff = requirePendingHandoff(report);
  if (!sameLogin(handoff.to, by)) {
    throw new CoordinatorError(`The handoff names ${handoff.to}; only they can accept it.`);
  }
  const handedOver = {
    ...report,
    coordinator: handoff.to,
    coordinatorSince: now,
    handoff: null,
    ...touched(now),
  };
  return { report: handedOver, effects: coordinatorNotices(report, handedOver, false) };
}

/** The successor declines, or the coordinator withdraws the request; the coordinator stays as is. */
export function declineHandoff(report: Report, by: string, now: Date): Report {
  const handoff = requirePendingHandoff(report);
  if (!sameLogin(handoff.to, by) && !sameLogin(report.coordinator, by)) {
    throw new CoordinatorError(
      `Only ${handoff.to} (the successor) or the current coordinator can decline or withdraw the handoff.`,
    );
  }
  return { ...report, handoff: null, ...touched(now) };
}
