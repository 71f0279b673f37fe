// `/members/sync` (admins): every venue against the member list, "Apply to
// the GitHub team", the mailing list's and Discord's plans (compare with a
// list given, download, mark applied) and members' contacts.
import { type Context, Hono } from 'hono';
import { UseCaseError } from '../../app/errors.ts';
import { listContactsAs, setMemberContact } from '../../app/member-contacts.ts';
import {
  applyTeamSyncAs,
  type GivenLists,
  markVenuePlanAppliedAs,
  rosterDriftAs,
  venuePlanAs,
} from '../../app/roster-sync.ts';
import { type Venue, venues } from '../../domain/roster-drift.ts';
import { venuePlanText } from '../../records/venue-plan.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { leaveFlash, takeFlash } from '../flash.ts';
import { RosterSyncPage } from '../pages/roster-sync.tsx';
import { venueWords } from '../pages/roster-sync-venue.tsx';
import { signInFirst } from './signin.tsx';

const flashScope = { path: '/members/sync', key: 'sync' };

/** A textarea's lines: one value a line, blank lines and `#` comments skipped. */
const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

const field = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

export function rosterSyncRoutes({ ctx, sandbox, github = null }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  const page = async (c: Context<WebEnv>, given: { venue: Venue; text: string } | null) => {
    const principal = c.get('principal');
    const lists: GivenLists = given ? { [given.venue]: linesOf(given.text) } : {};
    const drift = await rosterDriftAs(ctx, principal, github, lists);
    const contacts = await listContactsAs(ctx, principal);
    return c.render(
      <RosterSyncPage
        drift={drift}
        contacts={contacts}
        given={given}
        flash={takeFlash(c, flashScope)}
        sandbox={sandbox}
      />,
    );
  };

  app.get('/members/sync', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    return page(c, null);
  });

  app.post('/members/sync/github', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const form = await c.req.parseBody();
    const result = await applyTeamSyncAs(ctx, c.get('principal'), github, {
      plan: field(form, 'plan') || undefined,
    });
    const done = [
      ...result.added.map(
        (a) => `added @${a.login}${a.state === 'pending' ? ' (invited to the organisation)' : ''}`,
      ),
      ...result.removed.map((login) => `removed @${login}`),
    ];
    leaveFlash(
      c,
      flashScope,
      done.length ? `GitHub team ${result.team}: ${done.join(', ')}.` : 'Nothing to apply.',
    );
    return c.redirect('/members/sync', 303);
  });

  app.post('/members/sync/contacts', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const form = await c.req.parseBody();
    // Empty keeps a field; "-" clears it.
    const value = (name: string) => {
      const text = field(form, name).trim();
      return text === '' ? undefined : text === '-' ? '' : text;
    };
    const contact = await setMemberContact(ctx, c.get('principal'), {
      login: field(form, 'login').trim().replace(/^@/, ''),
      email: value('email'),
      discord: value('discord'),
    });
    leaveFlash(c, flashScope, `Saved @${contact.login}'s contact.`);
    return c.redirect('/members/sync', 303);
  });

  for (const venue of venues) {
    app.post(`/members/sync/${venue}`, async (c) => {
      if (!c.get('login')) return signInFirst(c);
      const principal = c.get('principal');
      const form = await c.req.parseBody();
      const text = field(form, 'current');
      const given = linesOf(text).length > 0 ? linesOf(text) : undefined;
      switch (field(form, 'do')) {
        case 'download': {
          const plan = await venuePlanAs(ctx, principal, venue, given);
          return c.body(venuePlanText(plan, ctx.now()), 200, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Content-Disposition': `attachment; filename="psrt-${venue}-plan.txt"`,
          });
        }
        case 'applied': {
          const state = await markVenuePlanAppliedAs(ctx, principal, venue, given);
          leaveFlash(
            c,
            flashScope,
            `${venueWords[venue].title}: marked applied; psrt takes it to hold ${state.holds.length} from now on.`,
          );
          return c.redirect('/members/sync', 303);
        }
        case 'show':
          return page(c, { venue, text });
        default:
          throw new UseCaseError('invalid', 'Choose Compare, Download the plan or Mark applied.');
      }
    });
  }
  return app;
}
