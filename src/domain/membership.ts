// Changes of who is on the PSRT (PEP 811), decided in psrt: someone joins (a
// nomination passed), a member leaves (at any time), or the Steering Council
// removes one (the yearly inactivity report). Each is applied to the GitHub
// team first, then recorded on the roster; until then it is pending, and the
// two-admin rule already counts it.
import { type RosterEntry, type RosterRole, rosterRoles } from './report.ts';
import {
  activeMembers,
  checkTwoAdmins,
  findMember,
  moveToEmeritus,
  RosterError,
  sameLogin,
} from './roster.ts';

export const membershipChangeKinds = ['join', 'leave', 'removal'] as const;
export type MembershipChangeKind = (typeof membershipChangeKinds)[number];

/** What decided a change: a nomination, the member themself, the Council on an inactivity report, an admin. */
export type MembershipSource =
  | { kind: 'nomination'; id: number }
  | { kind: 'inactivity-report'; id: number }
  | { kind: 'own-choice' }
  | { kind: 'admin' };

export interface MembershipDecision {
  kind: MembershipChangeKind;
  login: string;
  /** The name the devguide lists (joins); leaves and removals keep the roster's. */
  name?: string | undefined;
  /** Why, in words for the audit log and the members page. */
  reason: string;
  source: MembershipSource;
}

export const membershipChangeStatuses = ['pending', 'applied'] as const;
export type MembershipChangeStatus = (typeof membershipChangeStatuses)[number];

export interface MembershipChange extends MembershipDecision {
  id: number;
  name: string;
  decidedBy: string;
  decidedAt: Date;
  status: MembershipChangeStatus;
  /** When the team had the change and the roster recorded it. */
  appliedAt: Date | null;
  /** GitHub's word on a join: `active`, or `pending` while an invitation to the organisation waits. */
  teamState: string | null;
}

/**
 * Someone joins: at the end of the member list, with no roles (the Council
 * designates admins separately). A former member comes off the emeritus list,
 * as the devguide did when Kushal Das rejoined.
 */
export function joinRoster(roster: readonly RosterEntry[], login: string, name: string): RosterEntry[] {
  if (findMember(roster, login)) throw new RosterError(`${login} is already a PSRT member.`);
  const members = activeMembers(roster);
  const emeritus = roster
    .filter((entry) => entry.list === 'emeritus' && !sameLogin(entry.login, login))
    .sort((a, b) => a.position - b.position)
    .map((entry, i) => ({ ...entry, position: i + 1 }));
  const joined: RosterEntry = { list: 'member', position: members.length + 1, name, login, roles: [] };
  return [...members, joined, ...emeritus];
}

/** The roster once this change is recorded. */
export function applyMembershipChange(
  roster: readonly RosterEntry[],
  change: Pick<MembershipDecision, 'kind' | 'login'> & { name: string },
): RosterEntry[] {
  return change.kind === 'join'
    ? joinRoster(roster, change.login, change.name)
    : moveToEmeritus(roster, change.login);
}

/** The roster as it will be once every pending change is recorded, in the order decided. */
export function rosterAfterPending(
  roster: readonly RosterEntry[],
  pending: readonly Pick<MembershipChange, 'kind' | 'login' | 'name'>[],
): RosterEntry[] {
  return pending.reduce<RosterEntry[]>((after, change) => applyMembershipChange(after, change), [...roster]);
}

/**
 * Checks a new decision against the roster and the changes still pending:
 * one pending change per person, joins only for non-members, leaves only for
 * members, and never fewer than two admins. Returns the name to record.
 */
export function checkMembershipDecision(
  roster: readonly RosterEntry[],
  pending: readonly Pick<MembershipChange, 'kind' | 'login' | 'name'>[],
  decision: MembershipDecision,
): string {
  const waiting = pending.find((change) => sameLogin(change.login, decision.login));
  if (waiting) {
    throw new RosterError(
      `A change for ${decision.login} (${waiting.kind}) is already on its way to the GitHub team; wait until it is applied.`,
    );
  }
  const before = rosterAfterPending(roster, pending);
  const member = findMember(before, decision.login);
  if (decision.kind === 'join') {
    const name = decision.name?.trim() ?? '';
    if (name === '') throw new RosterError(`Give the name ${decision.login} is to be listed under.`);
    if (member) throw new RosterError(`${decision.login} is already a PSRT member.`);
    return name;
  }
  if (!member) throw new RosterError(`${decision.login} is not a PSRT member.`);
  checkTwoAdmins(before, applyMembershipChange(before, { ...decision, name: member.name }));
  return member.name;
}

/** How a change reads on the members page and in mail. */
export function describeMembershipChange(change: Pick<MembershipChange, 'kind' | 'login' | 'name'>): string {
  switch (change.kind) {
    case 'join':
      return `${change.name} (@${change.login}) joins the PSRT`;
    case 'leave':
      return `${change.name} (@${change.login}) leaves the PSRT (to emeritus)`;
    case 'removal':
      return `${change.name} (@${change.login}) is removed by the Steering Council (to emeritus)`;
  }
}

/** A role as sentences say it: "is already an admin". */
export const roleWords: Record<RosterRole, string> = {
  Admin: 'an admin',
  'Release Manager': 'a release manager',
  'Steering Council': 'on the Steering Council',
  'PSF Staff': 'PSF staff',
};

/**
 * A role psrt keeps beside the team is given or taken: admins as the Council
 * designates them (PEP 811), release managers, the Steering Council, PSF
 * staff. Roles are for active members; ending an admin designation must leave
 * two admins, counting pending leaves.
 */
export function setRosterRole(
  roster: readonly RosterEntry[],
  pending: readonly Pick<MembershipChange, 'kind' | 'login' | 'name'>[],
  login: string,
  role: RosterRole,
  on: boolean,
): RosterEntry[] {
  const member = findMember(roster, login);
  if (!member) throw new RosterError(`${login} is not a PSRT member: roles are for members.`);
  if (member.roles.includes(role) === on)
    throw new RosterError(`${member.login} is ${on ? 'already' : 'not'} ${roleWords[role]}.`);
  if (on && pending.some((change) => change.kind !== 'join' && sameLogin(change.login, login)))
    throw new RosterError(`${member.login} is leaving the PSRT: they cannot be made ${roleWords[role]}.`);
  // In the devguide's order of roles ("Admin, Release Manager"), as the export writes them.
  const roles = rosterRoles.filter((r) => (r === role ? on : member.roles.includes(r)));
  const after = roster.map((entry) => (entry === member ? { ...entry, roles } : entry));
  checkTwoAdmins(rosterAfterPending(roster, pending), rosterAfterPending(after, pending));
  return after;
}
