// The roster on the Members page, through `app.request()` as a browser's: the
// devguide's CSV files for anyone to download, byte for byte as imported, and
// the form with which an admin replaces a list (members and others are refused;
// a file with a problem changes nothing and says which line is wrong).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, botPrincipal } from '../../src/app/context.ts';
import { importRoster } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { devguideRoster, sandboxFile, TestClock } from '../app/support.ts';
import { signIn, testGitHubSignIn } from '../support/sign-in.ts';
import { page } from './pages-world.ts';

const clock = new TestClock(new Date('2026-03-10T09:00:00.000Z'));
let store: Store;
let app: ReturnType<typeof createWebApp>;

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  const ctx: AppContext = { store, now: clock.now, log: createLogger('silent') };
  await importRoster(ctx, botPrincipal, devguideRoster());
  app = createWebApp({
    ctx,
    sandbox: false,
    sessionSecret: 'test-session-secret-0123456789abcdef',
    gitHubSignIn: testGitHubSignIn(),
  });
});
afterAll(async () => {
  await store?.close();
});

const importForm = (headers: Record<string, string>, fields: Record<string, string>) => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('the roster files', () => {
  it('anyone downloads the member and emeritus lists, byte for byte as the devguide publishes them', async () => {
    const members = await app.request('/members/psrt.csv');
    expect(members.status).toBe(200);
    expect(members.headers.get('content-type')).toContain('text/csv');
    expect(members.headers.get('content-disposition')).toBe('attachment; filename="psrt.csv"');
    expect(await members.text()).toBe(sandboxFile('psrt.csv'));
    expect(await (await app.request('/members/psrt-emeritus.csv')).text()).toBe(
      sandboxFile('psrt-emeritus.csv'),
    );
    const { html } = await page(app, '/members');
    expect(html).toContain('href="/members/psrt.csv"');
    expect(html).toContain('href="/members/psrt-emeritus.csv"');
    expect(html).not.toContain('action="/members/roster"');
  });
});

describe('importing a list', () => {
  it('only an admin gets the form; a member and an outsider are refused', async () => {
    const member = await signIn(app, 'gpshead');
    expect((await page(app, '/members', member.cookie)).html).not.toContain('action="/members/roster"');
    for (const who of [member, await signIn(app, 'curious-visitor')]) {
      const refused = await app.request(
        '/members/roster',
        importForm(who.headers, { list: 'emeritus', csv: 'Someone,someone,\n' }),
      );
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Only PSRT admins may import the roster');
    }
    const admin = await signIn(app, 'warsaw');
    expect((await page(app, '/members', admin.cookie)).html).toContain('action="/members/roster"');
  });

  it('an admin replaces the emeritus list from text a browser sends; the download is then that file', async () => {
    const admin = await signIn(app, 'warsaw');
    const file = `${sandboxFile('psrt-emeritus.csv')}Grace Hopper,ghopper-example,\n`;
    const imported = await app.request(
      '/members/roster',
      importForm(admin.headers, { list: 'emeritus', csv: file.replaceAll('\n', '\r\n') }),
    );
    expect(imported.status).toBe(303);
    const location = imported.headers.get('location') ?? '';
    const count = file.trim().split('\n').length;
    expect(location).toBe(`/members?imported=emeritus&count=${count}`);
    const { html } = await page(app, location, admin.cookie);
    expect(html).toContain(`Imported psrt-emeritus.csv: the emeritus list now has ${count} entries.`);
    expect(html).toContain('Grace Hopper');
    expect(await (await app.request('/members/psrt-emeritus.csv')).text()).toBe(file);
  });

  it('a member-list file with a problem changes nothing, and the refusal names the line; the fixed file imports', async () => {
    const admin = await signIn(app, 'warsaw');
    const before = await (await app.request('/members/psrt.csv')).text();
    const refused = await app.request(
      '/members/roster',
      importForm(admin.headers, { list: 'member', csv: 'Barry Warsaw,warsaw,Admin\nNo Login,,\n' }),
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await refused.text()).toMatch(/psrt\.csv line 2/);
    expect(await (await app.request('/members/psrt.csv')).text()).toBe(before);
    const fixed = await app.request(
      '/members/roster',
      importForm(admin.headers, { list: 'member', csv: before }),
    );
    expect(fixed.headers.get('location')).toBe(
      `/members?imported=member&count=${before.trim().split('\n').length}`,
    );
  });
});

describe('membership changes on the Members page', () => {
  const afterPost = async (response: Response, session: string) => {
    const flash = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    return page(app, response.headers.get('location') ?? '', `${session}; ${flash}`);
  };

  it('a member leaves with a deliberate tick; the change shows as on its way to the GitHub team', async () => {
    const member = await signIn(app, 'encukou');
    const before = await page(app, '/members', member.cookie);
    expect(before.html).toContain('action="/members/leave"');
    expect(before.html).toContain('href="/nominations"');
    expect(before.html).not.toContain('action="/members/roles"');
    const unticked = await app.request('/members/leave', importForm(member.headers, {}));
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('Tick "I am leaving the PSRT" to leave: nothing was changed.');
    const left = await app.request('/members/leave', importForm(member.headers, { confirm: 'yes' }));
    expect(left.status).toBe(303);
    const shown = await afterPost(left, member.cookie);
    expect(shown.html).toContain('You are leaving the PSRT: psrt takes you off the GitHub team');
    expect(shown.html).toContain('Petr Viktorin (@encukou) leaves the PSRT (to emeritus): left the PSRT.');
    expect(shown.html).toContain('on its way to the GitHub team');
    // Outsiders see the public lists only: no changes, no forms.
    const outsider = await signIn(app, 'curious-visitor');
    const theirs = await page(app, '/members', outsider.cookie);
    expect(theirs.html).not.toContain('Membership changes');
    expect(theirs.html).not.toContain('action="/members/leave"');
  });

  it("an admin records the Council's designation of an admin, and other roles; members may not", async () => {
    const admin = await signIn(app, 'warsaw');
    expect((await page(app, '/members', admin.cookie)).html).toContain('href="/members/sync"');
    const recorded = await app.request(
      '/members/roles',
      importForm(admin.headers, {
        login: 'gpshead',
        role: 'Admin',
        on: 'yes',
        decision: 'SC vote of 2026-03-09',
      }),
    );
    expect(recorded.status).toBe(303);
    const shown = await afterPost(recorded, admin.cookie);
    expect(shown.html).toContain('Gregory P. Smith is an admin (recorded).');
    expect(shown.html).toMatch(/data-login="gpshead"[\s\S]*?badge role admin/);
    const member = await signIn(app, 'hugovk');
    const refused = await app.request(
      '/members/roles',
      importForm(member.headers, { login: 'hugovk', role: 'Admin', on: 'yes', decision: 'none' }),
    );
    expect(refused.status).toBe(403);
  });
});
