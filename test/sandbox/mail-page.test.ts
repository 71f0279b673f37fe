// The sandbox's "Outgoing mail" page: real mail sent by nodemailer to the sandbox's SMTP
// server, read back through the dashboard (`app.request()`). Mail carries embargoed report
// text, so only members may read it.
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importRoster } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import {
  demoVisitors,
  type SandboxServices,
  sandboxRoster,
  startSandboxServices,
} from '../../src/sandbox/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { bot, devguideRoster } from '../app/support.ts';
import { signIn as signInThroughGitHub } from '../support/sign-in.ts';

const sessionSecret = 'test-session-secret-0123456789abcdef';
const embargoedSubject = '[PSRT-2026-0042] tarfile: extraction filter bypass';
const body = 'The fix is in <script>alert("mail")</script> the private fork.\nSecond line.';

let store: Store;
let services: SandboxServices;
let app: ReturnType<typeof createWebApp>;

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  const ctx: AppContext = { store, now: () => new Date(), log: createLogger('silent') };
  await importRoster(ctx, bot, devguideRoster());
  services = await startSandboxServices(await sandboxRoster(ctx));
  app = createWebApp({
    ctx,
    sandbox: true,
    sessionSecret,
    gitHubSignIn: services.github.signIn,
    outgoingMail: services.outgoingMail,
  });
  const mailer = createTransport({ host: services.smtp.host, port: services.smtp.port, secure: false });
  await mailer.sendMail({ from: 'psrt@python.org', to: 'mira@example.org', subject: 'First', text: 'one' });
  await mailer.sendMail({
    from: 'psrt@python.org',
    to: ['mira@example.org', 'psrt@python.org'],
    subject: embargoedSubject,
    text: body,
  });
  mailer.close();
});

afterAll(async () => {
  await services?.close();
  await store?.close();
});

/** Signs in through GitHub (the sandbox's simulator): the session cookie. */
const signIn = async (login: string): Promise<string> => (await signInThroughGitHub(app, login)).cookie;

const mailPage = async (cookie?: string) => {
  const response = await app.request('/sandbox/mail', { headers: cookie ? { cookie } : {} });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
};

describe('the outgoing mail page', () => {
  it('a member reads every sent message, newest first, with subject, recipients, time and text', async () => {
    const { status, html } = await mailPage(await signIn('sethmlarson'));
    expect(status).toBe(200);
    const subjects = [...html.matchAll(/<h2 class="subject">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(subjects).toEqual([embargoedSubject, 'First']);
    expect(html).toContain('mira@example.org, psrt@python.org');
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>/);
    expect(html).toContain('Second line.');
  });

  it('a message body is shown as text, never as markup', async () => {
    const { html } = await mailPage(await signIn('sethmlarson'));
    expect(html).not.toContain('<script>alert("mail")</script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;mail&quot;)&lt;/script&gt;');
  });

  it('members find the page from the navigation; others have no link to it', async () => {
    const member = await (
      await app.request('/reports', { headers: { cookie: await signIn('gpshead') } })
    ).text();
    expect(member).toContain('href="/sandbox/mail"');
    const reporter = await (
      await app.request('/reports', { headers: { cookie: await signIn('mira-finds-bugs') } })
    ).text();
    expect(reporter).not.toContain('href="/sandbox/mail"');
  });

  it.each(demoVisitors.map((visitor) => [visitor.label, visitor.login]))(
    'the embargo holds: %s, not a member, is refused and sees no mail',
    async (_label, login) => {
      const { status, html } = await mailPage(await signIn(login));
      expect(status).toBe(403);
      expect(html).not.toContain('tarfile');
      expect(html).not.toContain('PSRT-2026-0042');
    },
  );

  it('someone not signed in is sent to sign in', async () => {
    const { status, location, html } = await mailPage();
    expect(status).toBe(303);
    expect(location).toBe('/signin');
    expect(html).not.toContain('tarfile');
  });

  it('outside the sandbox there is no such page', async () => {
    const production = createWebApp({
      ctx: { store, now: () => new Date(), log: createLogger('silent') },
      sandbox: false,
      sessionSecret,
    });
    expect((await production.request('/sandbox/mail')).status).toBe(404);
  });
});
