// Members' contacts for the venues psrt plans but cannot read: the address the
// mailing list should hold, and the Discord name that should have the role.
// The devguide's lists hold neither; the member sets their own, or an admin does.
import type { Principal } from '../domain/report.ts';
import { findMember, sameLogin } from '../domain/roster.ts';
import {
  appendAudit,
  listMemberContacts,
  listRoster,
  type MemberContact,
  saveMemberContact,
} from '../store/index.ts';
import { authorize, isAllowed } from './authorize.ts';
import { type AppContext, actorName } from './context.ts';
import { UseCaseError } from './errors.ts';

/** An address as mail takes it: one @, no spaces; not a full check, a guard against typos. */
const addressPattern = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
/** Discord's usernames: 2 to 32 of lower-case letters, digits, `_` and `.` (older ones may carry `#1234`). */
const discordPattern = /^[A-Za-z0-9_.]{2,32}(#\d{4})?$/;

export interface ContactInput {
  login: string;
  /** The address to subscribe; '' clears it; undefined keeps it. */
  email?: string | undefined;
  /** The Discord username; '' clears it; undefined keeps it. */
  discord?: string | undefined;
}

function cleaned(value: string | undefined, pattern: RegExp, what: string): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (!pattern.test(trimmed))
    throw new UseCaseError('invalid', `${JSON.stringify(trimmed.slice(0, 80))} is not ${what}.`);
  return trimmed;
}

/** Sets a member's contact: the member themself, or an admin. Audited. */
export async function setMemberContact(
  ctx: AppContext,
  actor: Principal,
  input: ContactInput,
): Promise<MemberContact> {
  const own = actor.kind === 'user' && sameLogin(actor.login, input.login);
  if (!own) authorize(actor, 'roster.sync');
  const email = cleaned(input.email, addressPattern, 'an email address (name@example.org)');
  const discord = cleaned(
    input.discord,
    discordPattern,
    'a Discord username (2 to 32 letters, digits, _ or .)',
  );
  if (email === undefined && discord === undefined)
    throw new UseCaseError('invalid', 'Nothing to set: give an email address, a Discord username or both.');
  const member = findMember(await listRoster(ctx.store.db, 'member'), input.login);
  if (!member?.login)
    throw new UseCaseError(
      'not-found',
      `${input.login} is not a PSRT member: contacts are kept for members only.`,
    );
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const saved = await saveMemberContact(tx, {
      login: member.login as string,
      email,
      discord,
      updatedBy: actorName(actor),
      updatedAt: now,
    });
    await appendAudit(tx, {
      actor: actorName(actor),
      action: 'roster.contact-set',
      subject: 'roster',
      at: now,
      change: {
        login: saved.login,
        ...(email !== undefined ? { email } : {}),
        ...(discord !== undefined ? { discord } : {}),
      },
    });
    return saved;
  });
}

/** Every member's contact (admins); a member sees their own alone. */
export async function listContactsAs(ctx: AppContext, actor: Principal): Promise<MemberContact[]> {
  const contacts = await listMemberContacts(ctx.store.db);
  if (isAllowed(actor, 'roster.sync')) return contacts;
  if (actor.kind === 'user' && actor.member) return contacts.filter((c) => sameLogin(c.login, actor.login));
  throw new UseCaseError('forbidden', 'Only PSRT members may see their contact; admins see everyone’s.');
}
