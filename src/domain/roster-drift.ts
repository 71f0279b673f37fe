// Where the venues that follow the PSRT's member list (PEP 811: the GitHub
// team, the mailing list, the Discord role, the devguide's published CSVs)
// differ from it, and the plan that closes each gap. Pure: every input, the
// time included, is passed in. Changes still on their way to the team are
// shown as such, never as drift.
import { createTwoFilesPatch } from 'diff';
import { canonicalJson } from './audit.ts';
import { sha256 } from './digest.ts';
import type { MembershipChangeKind } from './membership.ts';
import type { RosterEntry } from './report.ts';
import { activeMembers, loginKey } from './roster.ts';

/** GitHub lets an invitation to an organisation wait seven days, then drops it. */
export const INVITATION_DAYS = 7;

/** A change decided in psrt that the team does not have yet. */
export interface OnItsWay {
  login: string;
  name: string;
  kind: MembershipChangeKind;
}

export interface Person {
  login: string;
  name: string;
}

export interface TeamDrift {
  /** `org/team`. */
  team: string;
  /** PSRT members not on the team: PUT their membership. */
  add: Person[];
  /** Team members who are not PSRT members (added on GitHub by hand): DELETE their membership. */
  remove: { login: string }[];
  /** Members invited to the organisation who have not accepted yet: nothing to do but wait. */
  invited: (Person & { invitedAt: Date })[];
  onItsWay: OnItsWay[];
}

export interface TeamInput {
  team: string;
  roster: readonly RosterEntry[];
  /** Who GitHub lists on the team now. */
  teamLogins: readonly string[];
  /** Invitations psrt sent (a PUT GitHub answered `pending`), with when. */
  invitations: readonly { login: string; at: Date }[];
  pending: readonly OnItsWay[];
  now: Date;
}

const byLogin = (pending: readonly OnItsWay[]) => new Set(pending.map((change) => loginKey(change.login)));

/** The team against the member list: who to add, who to remove, who is invited, what is on its way. */
export function teamDrift(input: TeamInput): TeamDrift {
  const waiting = byLogin(input.pending);
  const onTeam = new Set(input.teamLogins.map(loginKey));
  const invitedSince = input.now.getTime() - INVITATION_DAYS * 24 * 3_600_000;
  const invitations = new Map<string, Date>();
  for (const invitation of input.invitations)
    if (invitation.at.getTime() > invitedSince) invitations.set(loginKey(invitation.login), invitation.at);
  const members = activeMembers(input.roster).flatMap((entry) =>
    entry.login ? [{ login: entry.login, name: entry.name }] : [],
  );
  const memberKeys = new Set(members.map((member) => loginKey(member.login)));
  const missing = members.filter(
    (member) => !onTeam.has(loginKey(member.login)) && !waiting.has(loginKey(member.login)),
  );
  return {
    team: input.team,
    add: missing.filter((member) => !invitations.has(loginKey(member.login))),
    invited: missing.flatMap((member) => {
      const at = invitations.get(loginKey(member.login));
      return at ? [{ ...member, invitedAt: at }] : [];
    }),
    remove: input.teamLogins
      .filter((login) => !memberKeys.has(loginKey(login)) && !waiting.has(loginKey(login)))
      .sort((a, b) => loginKey(a).localeCompare(loginKey(b)))
      .map((login) => ({ login })),
    onItsWay: [...input.pending],
  };
}

/** The venues psrt cannot read or change itself: it plans, a person applies. */
export const venues = ['mailing-list', 'discord'] as const;
export type Venue = (typeof venues)[number];

/** What a venue is compared with: the list the admin gave, the last plan marked applied, or nothing. */
export type VenueBasis =
  | { kind: 'given' }
  | { kind: 'last-applied'; at: Date; by: string }
  | { kind: 'unknown' };

export interface VenueDrift {
  venue: Venue;
  basis: VenueBasis;
  /** Subscribe (mailing list) or grant the role (Discord). */
  add: { value: string; login: string }[];
  /** Unsubscribe, or revoke the role; `login` when the value is a known (former) member's. */
  remove: { value: string; login: string | null }[];
  /** Members whose address (or Discord name) psrt does not know: set their contact. */
  missing: Person[];
  onItsWay: OnItsWay[];
  /** What the venue holds once the plan is applied (recorded by "Mark applied"). */
  after: string[];
}

export interface VenueInput {
  venue: Venue;
  roster: readonly RosterEntry[];
  /** Each login's address (mailing list) or Discord name, when known. */
  contacts: ReadonlyMap<string, string>;
  /** The venue's current members, when known; null: nothing known. */
  current: readonly string[] | null;
  basis: VenueBasis;
  pending: readonly OnItsWay[];
}

/** Addresses and Discord names are compared without case or surrounding spaces. */
export const venueKey = (value: string): string => value.trim().toLowerCase();

/** A venue against the member list: what to add and remove, and whose contact is missing. */
export function venueDrift(input: VenueInput): VenueDrift {
  const waiting = byLogin(input.pending);
  const contactOf = (login: string) => input.contacts.get(loginKey(login))?.trim() || null;
  const ownerOf = new Map<string, string>();
  for (const [login, value] of input.contacts) if (value.trim()) ownerOf.set(venueKey(value), login);
  const current = [...new Set((input.current ?? []).map((value) => value.trim()).filter(Boolean))];
  const currentKeys = new Set(current.map(venueKey));
  const members = activeMembers(input.roster).flatMap((entry) =>
    entry.login ? [{ login: entry.login, name: entry.name }] : [],
  );
  const expected = new Map<string, string>();
  const missing: Person[] = [];
  for (const member of members) {
    const value = contactOf(member.login);
    if (value) expected.set(venueKey(value), member.login);
    else missing.push(member);
  }
  // Whoever has a change on its way keeps their place until the team has it.
  const settled = (value: string) => !waiting.has(loginKey(ownerOf.get(venueKey(value)) ?? ''));
  const add = [...expected]
    .filter(([key, login]) => !currentKeys.has(key) && !waiting.has(loginKey(login)))
    .map(([, login]) => ({ value: contactOf(login) as string, login }));
  const remove = current
    .filter((value) => !expected.has(venueKey(value)) && settled(value))
    .map((value) => ({ value, login: ownerOf.get(venueKey(value)) ?? null }));
  const removed = new Set(remove.map((entry) => venueKey(entry.value)));
  const after = [...current.filter((value) => !removed.has(venueKey(value))), ...add.map((a) => a.value)];
  return {
    venue: input.venue,
    basis: input.basis,
    add,
    remove,
    missing,
    onItsWay: [...input.pending],
    after: after.sort((a, b) => venueKey(a).localeCompare(venueKey(b))),
  };
}

/** The devguide's files, at their path in its repository. */
export const devguideFiles = { member: 'security/psrt.csv', emeritus: 'security/psrt-emeritus.csv' } as const;

export interface DevguideFileDrift {
  path: string;
  /** The file as the devguide publishes it; null when it is not there. */
  published: string | null;
  /** psrt's export of the list: the file's new content for a devguide pull request. */
  exported: string;
  same: boolean;
  /** A unified diff from the published file to the export; empty when the bytes are the same. */
  diff: string;
}

/** One devguide file against psrt's export, byte for byte. */
export function devguideFileDrift(
  path: string,
  published: string | null,
  exported: string,
): DevguideFileDrift {
  const same = published === exported;
  return {
    path,
    published,
    exported,
    same,
    // The patch starts with a rule of `=` (an unnamed "Index" header), and its file lines end in a
    // tab (no dates given): the diff is what is left without them.
    diff: same
      ? ''
      : createTwoFilesPatch(`a/${path}`, `b/${path}`, published ?? '', exported, '', '', {
          context: 1,
        })
          .replace(/^=+\n/, '')
          .replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2'),
  };
}

/** A target psrt could not read (GitHub not configured, no installation, an error): why, safe to show. */
export interface TargetProblem {
  problem: string;
}

export interface RosterDrift {
  at: Date;
  team: TeamDrift | TargetProblem;
  mailingList: VenueDrift;
  discord: VenueDrift;
  devguide: DevguideFileDrift[] | TargetProblem;
}

export const isProblem = (target: object): target is TargetProblem => 'problem' in target;

/** Whether a target differs from the member list (a target psrt could not read does not count). */
export function targetDrifts(target: TeamDrift | VenueDrift | DevguideFileDrift[] | TargetProblem): boolean {
  if (isProblem(target)) return false;
  if (Array.isArray(target)) return target.some((file) => !file.same);
  return target.add.length > 0 || target.remove.length > 0;
}

export function hasDrift(drift: RosterDrift): boolean {
  return [drift.team, drift.mailingList, drift.discord, drift.devguide].some(targetDrifts);
}

/** The team's plan as shown, so applying it can check that it is still the plan. */
export const teamPlanDigest = (team: TeamDrift): string =>
  sha256(
    canonicalJson({
      add: team.add.map((p) => loginKey(p.login)),
      remove: team.remove.map((p) => loginKey(p.login)),
    }),
  ).slice(0, 16);

/**
 * A digest of the differences alone (not when they were seen, nor what is on
 * its way): the same drift seen twice has the same digest, so it is mailed once.
 */
export function driftDigest(drift: RosterDrift): string {
  const team = isProblem(drift.team)
    ? null
    : {
        add: drift.team.add.map((p) => loginKey(p.login)),
        remove: drift.team.remove.map((p) => loginKey(p.login)),
      };
  const venue = (v: VenueDrift) => ({
    add: v.add.map((a) => venueKey(a.value)).sort(),
    remove: v.remove.map((r) => venueKey(r.value)).sort(),
  });
  const devguide = isProblem(drift.devguide)
    ? null
    : drift.devguide.map((file) => ({ path: file.path, exported: file.same ? null : sha256(file.exported) }));
  return sha256(
    canonicalJson({ team, mailingList: venue(drift.mailingList), discord: venue(drift.discord), devguide }),
  );
}
