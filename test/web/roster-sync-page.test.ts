// The Sync page (/members/sync) through `app.request()`, over the sandbox's
// GitHub simulator: admins see every venue against the member list and apply
// the team's plan with one button; the mailing list's plan downloads as text
// and is marked applied; anyone else is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importRoster } from '../../src/app/roster.ts';
import { checkRosterDrift } from '../../src/app/roster-drift-check.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import { createLogger } from '../../src/config/logger.ts';
import { type SandboxServices, startSandboxServices } from '../../src/sandbox/index.ts';
import { listAudit, listRoster, openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { devguideRoster } from '../app/support.ts';
import { type SignedIn, setCookie, signIn } from '../support/sign-in.ts';
import { page, sessionSecret } from './pages-world.ts';

let store: Store;
let services: SandboxServices;
let app: ReturnType<typeof createWebApp>;
let admin: SignedIn;

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  const ctx: AppContext = { store, now: () => new Date(), log: createLogger('silent') };
  await importRoster(ctx, { kind: 'system', name: 'bot' }, devguideRoster());
  services = await startSandboxServices(await listRoster(store.db));
  const { github } = serviceClients(
    { github: { ...services.github, serializeWrites: false } },
    { log: ctx.log },
  );
  app = createWebApp({ ctx, sandbox: true, sessionSecret, github, gitHubSignIn: services.github.signIn });
  admin = await signIn(app, 'warsaw');
});
afterAll(async () => {
  await services.close();
  await store.close();
});

const post = (path: string, fields: Record<string, string>, who: SignedIn = admin) =>
  app.request(path, {
    method: 'POST',
    headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
  });
/** The page an action redirected to, with the message it left. */
const landing = (response: Response) =>
  page(app, '/members/sync', `${admin.cookie}; ${setCookie(response, 'psrt_flash') ?? ''}`);
const section = (html: string, name: string) => {
  const start = html.indexOf(`data-section="${name}"`);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('the Sync page', () => {
  it('is for admins: someone signed out signs in first, a member who is not an admin is refused', async () => {
    expect(await page(app, '/members/sync')).toMatchObject({ status: 303, location: '/signin' });
    const member = await signIn(app, 'gpshead');
    const { status, html } = await page(app, '/members/sync', member.cookie);
    expect(status).toBe(403);
    expect(html).toContain('Only PSRT admins may do this');
    expect((await post('/members/sync/github', {}, member)).status).toBe(403);
  });

  it("shows the team's plan and applies it with one button: the team then matches the member list", async () => {
    const owner = services.simulators.adminOf('python') as string;
    await fetch(`${services.github.url}/orgs/python/teams/psrt/memberships/jaraco`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${services.simulators.github.userToken(owner)}` },
    });
    const before = await page(app, '/members/sync', admin.cookie);
    expect(before.status).toBe(200);
    const team = section(before.html, 'team');
    expect(team).toContain('<ul data-plan="remove"><li>@jaraco</li></ul>');
    expect(team).toContain('Apply to the GitHub team');
    expect(section(before.html, 'devguide')).toContain('the same as psrt&#39;s export, byte for byte');

    const plan = /name="plan" value="([0-9a-f]+)"/.exec(team)?.[1] ?? '';
    const applied = await post('/members/sync/github', { plan });
    expect(applied.status).toBe(303);
    const after = await landing(applied);
    expect(after.html).toContain('GitHub team python/psrt: removed @jaraco.');
    expect(section(after.html, 'team')).toContain('In sync with the member list.');
    const audit = await listAudit(store.db, 'roster');
    expect(audit.at(-1)).toMatchObject({
      actor: 'warsaw',
      action: 'team.member-removed',
      change: { login: 'jaraco' },
    });
  });

  it("a member's address set on the page is planned for subscription; the plan downloads as text and is marked applied", async () => {
    expect(
      (await post('/members/sync/contacts', { login: 'gpshead', email: 'greg@krypto.org', discord: '' }))
        .status,
    ).toBe(303);
    const current = 'former@example.org\n';
    const download = await post('/members/sync/mailing-list', { do: 'download', current });
    expect(download.headers.get('content-disposition')).toBe(
      'attachment; filename="psrt-mailing-list-plan.txt"',
    );
    const text = await download.text();
    expect(text).toContain('Subscribe (Mass subscription, one address a line):\ngreg@krypto.org\n');
    expect(text).toContain('Unsubscribe (Mass removal, one address a line):\nformer@example.org\n');

    const applied = await post('/members/sync/mailing-list', { do: 'applied', current });
    expect(applied.status).toBe(303);
    const after = await landing(applied);
    expect(after.html).toContain('Mailing list: marked applied; psrt takes it to hold 1 from now on.');
    expect(section(after.html, 'mailing-list')).toContain('Nothing to change.');
  });

  it("the last scheduled check heads the admins' report lists while a venue differs; members see nothing of it", async () => {
    const owner = services.simulators.adminOf('python') as string;
    await fetch(`${services.github.url}/orgs/python/teams/psrt/memberships/ethanfurman`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${services.simulators.github.userToken(owner)}` },
    });
    const { github } = serviceClients(
      { github: { ...services.github, serializeWrites: false } },
      { log: createLogger('silent') },
    );
    const ctx: AppContext = { store, now: () => new Date(), log: createLogger('silent') };
    await checkRosterDrift(ctx, github);
    const { html } = await page(app, '/reports', admin.cookie);
    expect(html).toMatch(/The GitHub team[^<]* differs? from the PSRT member list/);
    expect(html).toContain('<a href="/members/sync">Keeping the venues in sync</a>');
    const member = await signIn(app, 'gpshead');
    expect((await page(app, '/reports', member.cookie)).html).not.toContain('data-roster-drift');
  });
});
