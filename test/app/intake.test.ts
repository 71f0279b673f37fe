// Mail to security@ as admins rely on it: stored once, read into threads,
// acknowledged, and triaged with each decision audited and its reply sent once.
import { beforeEach, describe, expect, it } from 'vitest';
import { readPendingMail, receiveMail } from '../../src/app/intake.ts';
import { listIntake, showThread } from '../../src/app/intake-queue.ts';
import { triageThread } from '../../src/app/intake-triage.ts';
import { assignCoordinator } from '../../src/app/reports.ts';
import { runClockTick } from '../../src/app/scheduler.ts';
import { missingInformation } from '../../src/domain/policy-check.ts';
import { listAudit, listEffects } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { mail } from './intake-mail.ts';
import { at, failsWith, testApp } from './support.ts';

const settings = { teamKey: null, acknowledgeDays: 7, ownAddresses: ['security@python.org'] };
const forwardTo = [{ name: 'PyPI', address: 'PyPI Security <security@pypi.org>' }];

forEachEngine('security@ intake', (engine) => {
  const app = testApp(engine, at('2026-12-04T09:00:00.000Z'));
  beforeEach(() => app.importDevguideRoster());

  const receive = (raw: Buffer) =>
    receiveMail(app.ctx(), { raw, source: 'smtp', envelopeTo: ['security@python.org'] });
  const readAll = () => readPendingMail(app.ctx(), settings);
  const queue = async () =>
    (await listIntake(app.ctx(), await app.as('sethmlarson'), { status: 'queue', limit: 50, offset: 0 }))
      .threads;

  describe('receiving', () => {
    it('stores a re-delivered message once, even when a relay added trace headers', async () => {
      const first = await receive(mail({ id: 'a1@example.org' }));
      const again = await receive(
        Buffer.concat([Buffer.from('Received: from mx2.example.org\r\n'), mail({ id: 'a1@example.org' })]),
      );
      expect(first.stored).toBe(true);
      expect(again).toEqual({ id: first.id, stored: false });
    });

    it('keeps a message stored before it is read: a reader that comes later (after a crash) still files it', async () => {
      await receive(mail({ id: 'a2@example.org' }));
      expect(await queue()).toEqual([]);
      const page = await listIntake(app.ctx(), await app.as('sethmlarson'), {
        status: 'queue',
        limit: 50,
        offset: 0,
      });
      expect(page.unread).toBe(1);
      expect(await readAll()).toBe(1);
      expect((await queue()).map((t) => t.subject)).toEqual(['tarfile: path traversal in extractall']);
      expect(await readAll()).toBe(0);
    });

    it('puts a reply in the thread it answers, and a new subject in a thread of its own', async () => {
      await receive(mail({ id: 'b1@example.org' }));
      app.clock.advance(60_000);
      await receive(mail({ id: 'b2@example.org', inReplyTo: 'b1@example.org', body: 'Also affects 3.12.' }));
      await receive(mail({ id: 'c1@example.org', subject: 'zipfile: quadratic time' }));
      await readAll();
      const threads = await queue();
      expect(threads.map((t) => [t.subject, t.messageCount])).toEqual([
        ['tarfile: path traversal in extractall', 2],
        ['zipfile: quadratic time', 1],
      ]);
      const view = await showThread(app.ctx(), await app.as('sethmlarson'), threads[0]?.id ?? 0);
      expect(view.messages.map((m) => m.text?.trim())).toEqual([
        'Extracting a crafted archive writes outside the target. Tested on 3.13.1.',
        'Also affects 3.12.',
      ]);
      expect(view.history.map((t) => t.subject)).toEqual(['zipfile: quadratic time']);
    });

    it('acknowledges a new report once, promising an update by the configured day, and never answers automatic mail', async () => {
      await receive(mail({ id: 'd1@example.org' }));
      await receive(mail({ id: 'd2@example.org', inReplyTo: 'd1@example.org' }));
      await receive(
        mail({ id: 'e1@example.org', subject: 'Out of office', headers: ['Auto-Submitted: auto-replied'] }),
      );
      await receive(mail({ id: 'f1@example.org', from: 'PSRT <security@python.org>', subject: 'Our own' }));
      await readAll();
      const replies = await listEffects(app.store().db, {});
      expect(replies.map((e) => e.kind)).toEqual(['intake.reply']);
      const [thread] = await queue();
      expect(thread?.nextUpdateBy).toEqual(at('2026-12-11T09:00:00.000Z'));
      expect((replies[0]?.payload as { text?: string } | undefined)?.text).toContain('2026-12-11');
    });
  });

  describe('triage', () => {
    const oneThread = async () => {
      await receive(mail({ id: 't1@example.org' }));
      await readAll();
      const [thread] = await queue();
      if (!thread) throw new Error('no thread');
      return thread;
    };
    const replyKinds = async () =>
      (await listEffects(app.store().db, {}))
        .map((e) => e.payload as { kind: string; purpose?: string; destination?: string })
        .filter((p) => p.purpose !== 'acknowledgement')
        .map((p) => p.purpose ?? p.destination ?? p.kind);

    it('discards spam without a reply, audited, and out of the queue', async () => {
      const thread = await oneThread();
      const result = await triageThread(
        app.ctx(),
        await app.as('sethmlarson'),
        thread.id,
        { action: 'spam' },
        { forwardTo },
      );
      expect(result.thread.status).toBe('spam');
      expect(await queue()).toEqual([]);
      expect(await replyKinds()).toEqual([]);
      const [event] = await listAudit(app.store().db, `mail-thread:${thread.id}`);
      expect(event).toMatchObject({ actor: 'sethmlarson', action: 'intake.spam' });
    });

    it("answers not-a-vulnerability with the devguide's reply, forwards to a configured destination, and asks for what is missing", async () => {
      const admin = await app.as('sethmlarson');
      const thread = await oneThread();
      await triageThread(
        app.ctx(),
        admin,
        thread.id,
        { action: 'needs-information', missing: ['the Python versions tested'] },
        { forwardTo },
      );
      expect((await queue()).map((t) => t.status)).toEqual(['needs-information']);
      await triageThread(app.ctx(), admin, thread.id, { action: 'not-a-vulnerability' }, { forwardTo });
      await triageThread(
        app.ctx(),
        admin,
        thread.id,
        { action: 'forward', destination: 'PyPI' },
        { forwardTo },
      );
      expect(await replyKinds()).toEqual(['needs-information', 'not-a-vulnerability', 'forwarded', 'PyPI']);
      const effects = await listEffects(app.store().db, {});
      const texts = effects.map((e) => (e.payload as { text?: string }).text ?? '');
      expect(texts.some((t) => t.includes("We've determined that the report doesn't constitute"))).toBe(true);
      expect(texts.some((t) => t.includes('the Python versions tested'))).toBe(true);
      expect(effects.at(-1)?.payload).toMatchObject({ kind: 'intake.forward', to: 'security@pypi.org' });
    });

    it('refuses a forward to somewhere not configured, naming the destinations there are', async () => {
      const thread = await oneThread();
      const error = await failsWith(
        'invalid',
        triageThread(
          app.ctx(),
          await app.as('sethmlarson'),
          thread.id,
          { action: 'forward', destination: 'elsewhere' },
          { forwardTo },
        ),
      );
      expect(error.message).toBe('Forward to one of the configured destinations: PyPI.');
    });

    it("redirects a plausible report to the repository's GHSA form with the devguide's reply", async () => {
      const thread = await oneThread();
      await triageThread(
        app.ctx(),
        await app.as('sethmlarson'),
        thread.id,
        { action: 'redirect', repository: 'python/cpython' },
        { forwardTo },
      );
      const [effect] = (await listEffects(app.store().db, {})).filter(
        (e) => (e.payload as { purpose: string }).purpose === 'submit-using-ghsa',
      );
      expect((effect?.payload as { text?: string } | undefined)?.text).toContain(
        'https://github.com/python/cpython/security/advisories/new',
      );
    });

    it("files a plausible report on the reporter's behalf, received when the email was, crediting them", async () => {
      const thread = await oneThread();
      app.clock.advance(3 * 86_400_000);
      const admin = await app.as('sethmlarson');
      const { report } = await triageThread(
        app.ctx(),
        admin,
        thread.id,
        { action: 'file', repository: 'python/cpython', title: 'tarfile: path traversal' },
        { forwardTo },
      );
      expect(report?.receivedAt).toEqual(at('2026-12-04T09:00:00.000Z'));
      expect(report?.state).toBe('triage');
      expect(report?.publication.credits).toEqual([
        { name: 'Finder', type: 'finder', login: null, state: 'pending' },
      ]);
      expect((await showThread(app.ctx(), admin, thread.id)).thread).toMatchObject({
        status: 'reported',
        reportId: report?.id,
      });
    });

    it("links a thread to a report filed later through GHSA: the report's clock starts at the email", async () => {
      const thread = await oneThread();
      app.clock.advance(5 * 86_400_000);
      const ghsaReport = await app.newReport('sethmlarson');
      const { report } = await triageThread(
        app.ctx(),
        await app.as('sethmlarson'),
        thread.id,
        { action: 'link', reportId: ghsaReport.id },
        { forwardTo },
      );
      expect(report?.receivedAt).toEqual(at('2026-12-04T09:00:00.000Z'));
      const audit = await listAudit(app.store().db, ghsaReport.id);
      expect(audit.map((e) => e.action)).toContain('report.link-mail');
    });

    it('lets only admins read or triage the queue', async () => {
      const thread = await oneThread();
      const member = await app.as('gpshead');
      await failsWith('forbidden', listIntake(app.ctx(), member, { status: 'queue', limit: 10, offset: 0 }));
      await failsWith('forbidden', showThread(app.ctx(), member, thread.id));
      await failsWith(
        'forbidden',
        triageThread(app.ctx(), member, thread.id, { action: 'spam' }, { forwardTo }),
      );
    });

    it('refuses to decide again on a thread that is a report now', async () => {
      const thread = await oneThread();
      const admin = await app.as('sethmlarson');
      await triageThread(
        app.ctx(),
        admin,
        thread.id,
        { action: 'file', repository: 'python/cpython', title: 'x' },
        { forwardTo },
      );
      const error = await failsWith(
        'refused',
        triageThread(app.ctx(), admin, thread.id, { action: 'spam' }, { forwardTo }),
      );
      expect(error.message).toBe('This thread is linked to a report already: decide on the report instead.');
    });
  });

  describe('the update an acknowledgement promises', () => {
    const tick = () => runClockTick(app.ctx());
    const owed = async () =>
      (await listEffects(app.store().db, {}))
        .map((e) => e.payload as { purpose?: string; to?: string[]; text?: string })
        .filter((p) => p.purpose === 'intake.update-owed');

    it('reminds the admins a day before it is due, once, while the thread waits in the queue', async () => {
      await receive(mail({ id: 'u1@example.org' }));
      await readAll();
      app.clock.set(at('2026-12-10T08:59:59.000Z'));
      await tick();
      expect(await owed()).toEqual([]);
      app.clock.set(at('2026-12-10T09:00:00.000Z'));
      await tick();
      await tick();
      const reminders = await owed();
      expect(reminders.map((p) => p.to)).toEqual([['admins']]);
      expect(reminders[0]?.text).toContain('an update by 2026-12-11 09:00 UTC');
    });

    it('is kept by an answer: a thread decided with a reply is reminded of no more', async () => {
      await receive(mail({ id: 'u2@example.org' }));
      await readAll();
      const [thread] = await queue();
      await triageThread(
        app.ctx(),
        await app.as('sethmlarson'),
        thread?.id ?? 0,
        { action: 'not-a-vulnerability' },
        { forwardTo },
      );
      app.clock.set(at('2026-12-12T09:00:00.000Z'));
      await tick();
      expect(await owed()).toEqual([]);
    });

    it("passes to the report's coordinator once the thread is filed as a report", async () => {
      await receive(mail({ id: 'u3@example.org' }));
      await readAll();
      const [thread] = await queue();
      const admin = await app.as('sethmlarson');
      const { report } = await triageThread(
        app.ctx(),
        admin,
        thread?.id ?? 0,
        { action: 'file', repository: 'python/cpython', title: 'tarfile' },
        { forwardTo },
      );
      await assignCoordinator(app.ctx(), admin, report?.id ?? '', 'gpshead');
      app.clock.set(at('2026-12-10T12:00:00.000Z'));
      await tick();
      const [reminder] = await owed();
      expect(reminder?.to).toEqual(['team']);
      expect(reminder?.text).toContain(`gpshead, the coordinator of ${report?.id}, owes it.`);
    });
  });

  describe('what psrt finds in a thread for the admin deciding', () => {
    it('checks it against the security policy: what is missing is what the reply would ask for', async () => {
      await receive(
        mail({
          id: 'p1@example.org',
          body: 'The tarfile module lets a crafted archive escape the target folder.',
        }),
      );
      await readAll();
      const [thread] = await queue();
      const view = await showThread(app.ctx(), await app.as('sethmlarson'), thread?.id ?? 0);
      expect(view.policy.missing).toEqual([missingInformation.versions, missingInformation.proofOfConcept]);
      expect(view.notice.isNotice).toBe(false);
    });

    it("recognises a manufacturer's notice under CRA Art. 13(6)", async () => {
      await receive(
        mail({
          id: 'n1@example.org',
          from: 'Acme PSIRT <psirt@acme-industrial.example>',
          subject: 'Vulnerability notification',
          body: 'Acme Industrial GmbH is the manufacturer of a product with digital elements which integrates CPython 3.12 as a component. In accordance with Article 13(6) of Regulation (EU) 2024/2847 (Cyber Resilience Act) we report a vulnerability in this component.',
        }),
      );
      await readAll();
      const [thread] = await queue();
      const view = await showThread(app.ctx(), await app.as('sethmlarson'), thread?.id ?? 0);
      expect(view.notice.isNotice).toBe(true);
      expect(view.notice.vendor).toBe('Acme Industrial GmbH');
    });

    it('suggests the report an earlier thread from the same reporter became, and the reasons', async () => {
      await receive(mail({ id: 's1@example.org' }));
      await readAll();
      const [first] = await queue();
      const admin = await app.as('sethmlarson');
      const { report } = await triageThread(
        app.ctx(),
        admin,
        first?.id ?? 0,
        { action: 'file', repository: 'python/cpython', title: 'tarfile: path traversal in extractall' },
        { forwardTo },
      );
      app.clock.advance(86_400_000);
      await receive(mail({ id: 's2@example.org' }));
      await readAll();
      const [second] = await queue();
      const view = await showThread(app.ctx(), admin, second?.id ?? 0);
      expect(view.similar[0]).toMatchObject({ id: report?.id });
      expect(view.similar[0]?.reasons.length).toBeGreaterThan(0);
    });
  });
});
