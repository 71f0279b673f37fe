// `/members`: the PSRT's member and emeritus lists, for anyone; roles and
// work for members (the read model decides what the one asking sees). The
// lists as the devguide's CSV files for anyone, and `POST /members/roster`
// replacing one from its CSV for admins (`psrt roster import`/`export`).
import { Hono } from 'hono';
import { isAllowed } from '../../app/authorize.ts';
import { UseCaseError } from '../../app/errors.ts';
import { teamAs } from '../../app/members.ts';
import { leavePsrt, membershipHistory, setMemberRole } from '../../app/membership.ts';
import { exportRoster, importRoster } from '../../app/roster.ts';
import { roleWords } from '../../domain/membership.ts';
import type { RosterList } from '../../domain/report.ts';
import { rosterRoles } from '../../domain/report.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { leaveFlash, takeFlash } from '../flash.ts';
import { MembersPage } from '../pages/members.tsx';
import { rosterFiles } from '../pages/roster.tsx';
import { signInFirst } from './signin.tsx';

const lists = Object.keys(rosterFiles) as RosterList[];
/** The Members page's one-time message after a membership action. */
const flashScope = { path: '/members', key: 'members' };
const countPattern = /^\d{1,5}$/;

export function membersRoutes({ ctx, sandbox }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/members', async (c) => {
    const principal = c.get('principal');
    const team = await teamAs(ctx, principal);
    const list = c.req.query('imported');
    const count = c.req.query('count');
    const notice =
      lists.includes(list as RosterList) && count !== undefined && countPattern.test(count)
        ? `Imported ${rosterFiles[list as RosterList]}: the ${list} list now has ${count} ${count === '1' ? 'entry' : 'entries'}.`
        : takeFlash(c, flashScope);
    const member = principal.kind === 'user' && principal.member;
    return c.render(
      <MembersPage
        team={team}
        now={ctx.now()}
        canImport={isAllowed(principal, 'roster.manage')}
        changes={member ? await membershipHistory(ctx, principal, 20) : null}
        viewer={member ? principal.login : null}
        notice={notice}
        sandbox={sandbox}
      />,
    );
  });

  for (const list of lists) {
    app.get(`/members/${rosterFiles[list]}`, async (c) =>
      c.body(await exportRoster(ctx, list), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${rosterFiles[list]}"`,
      }),
    );
  }

  app.post('/members/roster', async (c) => {
    // The very first import (an empty roster) is made at the server with `psrt roster import`,
    // never by whoever reaches a new installation's page first.
    if (!c.get('login')) return signInFirst(c);
    const principal = c.get('principal');
    if (!isAllowed(principal, 'roster.manage'))
      throw new UseCaseError('forbidden', 'Only PSRT admins may import the roster (PEP 811); ask an admin.');
    const form = await c.req.parseBody();
    const list = form.list;
    if (typeof list !== 'string' || !lists.includes(list as RosterList))
      throw new UseCaseError('invalid', 'Choose the list to import: member or emeritus.');
    // A browser sends a textarea's lines ending in CRLF; the devguide's files end them in LF.
    const text = typeof form.csv === 'string' ? form.csv.replaceAll('\r\n', '\n') : '';
    const source = rosterFiles[list as RosterList];
    const result = await importRoster(ctx, principal, {
      [list === 'member' ? 'members' : 'emeritus']: { text, source },
      allowEmpty: form.allowEmpty === 'yes',
    });
    const count = list === 'member' ? result.members : result.emeritus;
    return c.redirect(`/members?imported=${list}&count=${count ?? 0}`, 303);
  });
  app.post('/members/leave', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const form = await c.req.parseBody();
    if (form.confirm !== 'yes')
      throw new UseCaseError('invalid', 'Tick "I am leaving the PSRT" to leave: nothing was changed.');
    const change = await leavePsrt(ctx, c.get('principal'));
    leaveFlash(
      c,
      flashScope,
      `You are leaving the PSRT: psrt takes you off the GitHub team, then lists you as emeritus (change ${change.id}). Thank you for your work.`,
    );
    return c.redirect('/members', 303);
  });

  app.post('/members/roles', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const form = await c.req.parseBody();
    const role = rosterRoles.find((r) => r === form.role);
    if (!role) throw new UseCaseError('invalid', `Choose a role: ${rosterRoles.join(', ')}.`);
    if (form.on !== 'yes' && form.on !== 'no')
      throw new UseCaseError('invalid', 'Choose whether to give the role or take it.');
    const entry = await setMemberRole(ctx, c.get('principal'), {
      login: typeof form.login === 'string' ? form.login : '',
      role,
      on: form.on === 'yes',
      decision: typeof form.decision === 'string' ? form.decision : '',
    });
    leaveFlash(
      c,
      flashScope,
      `${entry.name} ${form.on === 'yes' ? 'is' : 'is no longer'} ${roleWords[role]} (recorded).`,
    );
    return c.redirect('/members', 303);
  });
  return app;
}
