// The sandbox page's "Send a report to security@": a real mail, by SMTP, to psrt's own intake
// server, which stores it; read into a thread, it is in the admins' queue. Through
// `app.request()` and a real SMTP server (src/mail/smtp-intake).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { readPendingMail, receiveMail } from '../../src/app/intake.ts';
import { listIntake } from '../../src/app/intake-queue.ts';
import { importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { createLogger } from '../../src/config/logger.ts';
import { type SmtpIntake, startSmtpIntake } from '../../src/mail/smtp-intake.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { bot, devguideRoster } from '../app/support.ts';
import { type SignedIn, signIn, testGitHubSignIn, wayBack } from '../support/sign-in.ts';

const sessionSecret = 'test-session-secret-0123456789abcdef';
let store: Store;
let ctx: AppContext;
let smtp: SmtpIntake;
let app: ReturnType<typeof createWebApp>;
let visitor: SignedIn;

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  ctx = { store, now: () => new Date(), log: createLogger('silent') };
  await importRoster(ctx, bot, devguideRoster());
  smtp = await startSmtpIntake(
    { host: '127.0.0.1', port: 0, maxMessageBytes: 1024 * 1024 },
    async (mail) => {
      await receiveMail(ctx, { raw: mail.raw, source: 'smtp', envelopeTo: mail.envelopeTo });
    },
    ctx.log,
  );
  app = createWebApp({
    ctx,
    sandbox: true,
    sessionSecret,
    gitHubSignIn: testGitHubSignIn(),
    intakeSmtpUrl: () => smtp.url,
  });
  // A reporter, not a member: anyone signed in to the sandbox may mail security@.
  visitor = await signIn(app, 'curious-visitor');
});

afterAll(async () => {
  await smtp?.close();
  await store?.close();
});

const send = (fields: Record<string, string>, who: SignedIn | null = visitor) =>
  app.request('/sandbox/intake', {
    method: 'POST',
    headers: who ? who.headers : { origin: 'http://localhost' },
    body: new URLSearchParams(fields),
  });

describe('sending a report to security@ from the sandbox page', () => {
  it('mails it to psrt’s SMTP intake, where it is stored and then read into a thread in the admins’ queue', async () => {
    const page = await (await app.request('/sandbox', { headers: { cookie: visitor.cookie } })).text();
    expect(page).toContain('action="/sandbox/intake"');
    const response = await send({
      from: 'Ana <ana@example.org>',
      subject: 'zipfile: quadratic time on crafted archives',
      body: 'A crafted archive takes minutes to list. Tested on 3.13.1.',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sandbox');
    const flash = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const landed = await (
      await app.request('/sandbox', { headers: { cookie: `${visitor.cookie}; ${flash}` } })
    ).text();
    expect(landed).toContain('Sent to security@python.org');

    expect(await readPendingMail(ctx, { teamKey: null, acknowledgeDays: 7, ownAddresses: [] })).toBe(1);
    const queue = await listIntake(ctx, await resolvePrincipal(ctx, 'sethmlarson'), {
      status: 'queue',
      limit: 10,
      offset: 0,
    });
    expect(queue.threads.map((t) => [t.subject, t.fromAddress])).toEqual([
      ['zipfile: quadratic time on crafted archives', 'ana@example.org'],
    ]);
  });

  it('refuses a From that is no address, keeping what was written, and sends nothing', async () => {
    const response = await send({ from: 'not an address', subject: 'kept subject', body: 'kept body' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('From must be an email address');
    expect(html).toContain('value="kept subject"');
    expect(await readPendingMail(ctx, { teamKey: null, acknowledgeDays: null, ownAddresses: [] })).toBe(0);
  });

  it('asks the signed-out to sign in first, and exists only in the sandbox', async () => {
    const signedOut = await send({ from: 'a@example.org', subject: 's', body: 'b' }, null);
    expect(signedOut.status).toBe(303);
    expect(wayBack(signedOut)).toBe('/sandbox');
    const production = createWebApp({ ctx, sandbox: false, sessionSecret, gitHubSignIn: testGitHubSignIn() });
    const session = await signIn(production, 'curious-visitor');
    const refused = await production.request('/sandbox/intake', {
      method: 'POST',
      headers: session.headers,
      body: new URLSearchParams({ from: 'a@example.org', subject: 's', body: 'b' }),
    });
    expect(refused.status).toBe(404);
  });
});
