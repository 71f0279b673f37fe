// Demo data for the Sync page (for seedSandbox to call once, after the roster
// is imported): a few members' contacts (invented example.org addresses) and a
// mailing list believed to hold a former member's address and to lack one of
// the admins, so the page shows a plan to review.
import type { AppContext } from '../app/context.ts';
import { setMemberContact } from '../app/member-contacts.ts';
import { resolvePrincipal } from '../app/roster.ts';
import { listMemberContacts, saveVenueState } from '../store/index.ts';

const demoContacts = [
  { login: 'warsaw', email: 'warsaw@example.org', discord: 'warsaw' },
  { login: 'ewdurbin', email: 'ewdurbin@example.org', discord: 'ewdurbin' },
  { login: 'sethmlarson', email: 'sethmlarson@example.org', discord: 'sethmlarson' },
  { login: 'gpshead', email: 'gpshead@example.org' },
];

/** Seeds the demo contacts and the mailing list's believed state; nothing when contacts exist already. */
export async function seedRosterSyncDemo(ctx: AppContext): Promise<void> {
  if ((await listMemberContacts(ctx.store.db)).length > 0) return;
  const admin = await resolvePrincipal(ctx, 'sethmlarson');
  for (const contact of demoContacts) await setMemberContact(ctx, admin, contact);
  await ctx.store.transaction((tx) =>
    saveVenueState(tx, {
      venue: 'mailing-list',
      holds: [
        'gpshead@example.org',
        'sethmlarson@example.org',
        'warsaw@example.org',
        'former-member@example.org',
      ],
      appliedBy: 'sethmlarson',
      appliedAt: ctx.now(),
    }),
  );
}
