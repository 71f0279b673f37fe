// Storage of the venues' sync: members' contacts, what each venue is believed
// to hold, the team invitations psrt sent, and the last scheduled drift check.
import { and, eq } from 'drizzle-orm';
import { loginKey } from '../domain/roster.ts';
import type { Venue } from '../domain/roster-drift.ts';
import type { Db, Tx } from './engine.ts';
import {
  type DriftSummary,
  driftChecks,
  memberContacts,
  membershipChanges,
  teamInvitations,
  venueStates,
} from './schema.ts';

export interface MemberContact {
  login: string;
  email: string | null;
  discord: string | null;
  updatedBy: string;
  updatedAt: Date;
}

/**
 * Sets a member's contact; a field left undefined keeps its value, null
 * clears it. Returns the contact as stored.
 */
export async function saveMemberContact(
  tx: Tx,
  contact: {
    login: string;
    email?: string | null | undefined;
    discord?: string | null | undefined;
    updatedBy: string;
    updatedAt: Date;
  },
): Promise<MemberContact> {
  const set = {
    login: contact.login,
    updatedBy: contact.updatedBy,
    updatedAt: contact.updatedAt,
    ...(contact.email !== undefined ? { email: contact.email } : {}),
    ...(contact.discord !== undefined ? { discord: contact.discord } : {}),
  };
  const [row] = await tx
    .insert(memberContacts)
    .values({ loginKey: loginKey(contact.login), email: null, discord: null, ...set })
    .onConflictDoUpdate({ target: memberContacts.loginKey, set })
    .returning();
  if (!row) throw new Error('the contact was not stored');
  const { loginKey: _, ...stored } = row;
  return stored;
}

export async function listMemberContacts(db: Db): Promise<MemberContact[]> {
  const rows = await db.select().from(memberContacts).orderBy(memberContacts.loginKey);
  return rows.map(({ loginKey: _, ...contact }) => contact);
}

export interface VenueState {
  venue: Venue;
  holds: string[];
  appliedBy: string;
  appliedAt: Date;
}

export async function getVenueState(db: Db, venue: Venue): Promise<VenueState | null> {
  const [row] = await db.select().from(venueStates).where(eq(venueStates.venue, venue));
  return row ?? null;
}

/** Records what a venue holds since a plan was marked applied. */
export async function saveVenueState(tx: Tx, state: VenueState): Promise<void> {
  const { venue, ...rest } = state;
  await tx.insert(venueStates).values(state).onConflictDoUpdate({ target: venueStates.venue, set: rest });
}

export async function recordTeamInvitation(
  tx: Tx,
  invitation: { login: string; invitedBy: string; invitedAt: Date },
): Promise<void> {
  const row = { loginKey: loginKey(invitation.login), ...invitation };
  await tx
    .insert(teamInvitations)
    .values(row)
    .onConflictDoUpdate({ target: teamInvitations.loginKey, set: row });
}

/**
 * The invitations psrt sent: those of a team sync, and those of joins GitHub
 * answered `pending` (the effect runner's PUT to someone outside the organisation).
 */
export async function listTeamInvitations(db: Db): Promise<{ login: string; at: Date }[]> {
  const synced = await db.select().from(teamInvitations);
  const joins = await db
    .select({ login: membershipChanges.login, at: membershipChanges.appliedAt })
    .from(membershipChanges)
    .where(
      and(
        eq(membershipChanges.kind, 'join'),
        eq(membershipChanges.status, 'applied'),
        eq(membershipChanges.teamState, 'pending'),
      ),
    );
  return [
    ...synced.map((row) => ({ login: row.login, at: row.invitedAt })),
    ...joins.flatMap((row) => (row.at ? [{ login: row.login, at: row.at }] : [])),
  ];
}

export interface DriftCheck {
  checkedAt: Date;
  digest: string;
  /** The targets that differ from the member list. */
  drifts: string[];
  summary: DriftSummary;
}

export async function saveDriftCheck(tx: Tx, check: DriftCheck): Promise<void> {
  const values = {
    checkedAt: check.checkedAt,
    digest: check.digest,
    drifts: check.drifts,
    summary: check.summary,
  };
  await tx
    .insert(driftChecks)
    .values({ id: 'last', ...values })
    .onConflictDoUpdate({ target: driftChecks.id, set: values });
}

export async function getDriftCheck(db: Db): Promise<DriftCheck | null> {
  const [row] = await db.select().from(driftChecks).where(eq(driftChecks.id, 'last'));
  if (!row) return null;
  const { id: _, ...check } = row;
  return check;
}
