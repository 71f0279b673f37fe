// The PSRT roster (PEP 811): who is an active member, who is an admin, and
// the rule that the team always keeps at least two admins. Changes are new
// roster arrays; a change that would break the rule is refused here.
import { Refusal } from './errors.ts';
import type { RosterEntry } from './report.ts';

export class RosterError extends Refusal {
  override readonly name: string = 'RosterError';
}

/** PEP 811: the Steering Council designates admins, and there are always at least two. */
export const MIN_ADMINS = 2;

/**
 * How large a list and its fields may be. The real lists have about thirty
 * people each; these limits refuse a wrong or hostile file, never a real team.
 * A login follows GitHub's own rule (identifiers.ts).
 */
export const rosterLimits = {
  /** People on one list. */
  entries: 5_000,
  /** Characters in a name. */
  nameLength: 200,
  /** Characters in the Notes column (the roles). */
  notesLength: 200,
} as const;

/** The largest roster file read: far above any real list (a few kilobytes), far below what would hurt. */
export const MAX_ROSTER_CSV_BYTES = 1024 * 1024;

/** The limits, in words, for --help and for messages. */
export const rosterLimitsText =
  `at most ${MAX_ROSTER_CSV_BYTES / 1024 / 1024} MiB and ${rosterLimits.entries.toLocaleString('en')} people per file, ` +
  `names and notes of at most ${rosterLimits.nameLength} characters, logins as GitHub allows them`;

/**
 * GitHub logins (and team slugs) are case-insensitive: `Yhg1s` and `yhg1s`
 * are one person. `loginKey` is the form to key maps and sets by; compare with
 * `sameLogin`. SQL does the same with `lower(login)`.
 */
export const loginKey = (login: string): string => login.toLowerCase();

export const sameLogin = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && loginKey(a) === loginKey(b);

/** Entries on the member list, in list order. The emeritus list grants nothing. */
export function activeMembers(roster: readonly RosterEntry[]): RosterEntry[] {
  return roster.filter((entry) => entry.list === 'member').sort((a, b) => a.position - b.position);
}

/** The active member with this login, if any. */
export function findMember(roster: readonly RosterEntry[], login: string): RosterEntry | undefined {
  return activeMembers(roster).find((entry) => sameLogin(entry.login, login));
}

/** Active members designated admin. */
export function admins(roster: readonly RosterEntry[]): RosterEntry[] {
  return activeMembers(roster).filter((entry) => entry.roles.includes('Admin'));
}

/**
 * Refuses a roster change that leaves fewer than MIN_ADMINS admins. A change
 * that does not lower the admin count is allowed even below the minimum, so a
 * roster that is already short (a fresh install) can be repaired step by step.
 */
export function checkTwoAdmins(before: readonly RosterEntry[], after: readonly RosterEntry[]): void {
  const remaining = admins(after);
  if (remaining.length >= MIN_ADMINS || remaining.length >= admins(before).length) return;
  const left =
    remaining.length === 0
      ? 'no admin'
      : `${remaining.length} admin${remaining.length === 1 ? '' : 's'} (${remaining.map((e) => e.login).join(', ')})`;
  throw new RosterError(
    `This change would leave ${left}; the PSRT must always have at least ${MIN_ADMINS}. Designate another admin first.`,
  );
}

/** Positions 1..n in the current order, so a CSV export keeps the list order without gaps. */
function renumber(entries: readonly RosterEntry[]): RosterEntry[] {
  return [...entries]
    .sort((a, b) => a.position - b.position)
    .map((entry, i) => ({ ...entry, position: i + 1 }));
}

/**
 * A member leaves (PEP 811: at any time) or is removed: they go to the end of
 * the emeritus list, unless already on it (someone who had rejoined). Admin is
 * a designation for active members, so it is dropped; other roles are history
 * and kept, as the devguide list does.
 */
export function moveToEmeritus(roster: readonly RosterEntry[], login: string): RosterEntry[] {
  const member = findMember(roster, login);
  if (member === undefined) {
    throw new RosterError(`${login} is not on the PSRT member list, so cannot be moved to emeritus.`);
  }
  const members = renumber(roster.filter((entry) => entry !== member && entry.list === 'member'));
  const emeritus = roster.filter((entry) => entry.list === 'emeritus');
  const alreadyEmeritus = emeritus.some((entry) => sameLogin(entry.login, member.login));
  const movedEmeritus = alreadyEmeritus
    ? renumber(emeritus)
    : renumber([
        ...emeritus,
        {
          ...member,
          list: 'emeritus' as const,
          position: Number.MAX_SAFE_INTEGER,
          roles: member.roles.filter((role) => role !== 'Admin'),
        },
      ]);
  const after = [...members, ...movedEmeritus];
  checkTwoAdmins(roster, after);
  return after;
}
