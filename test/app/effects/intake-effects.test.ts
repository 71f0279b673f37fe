// What security@ triage does outside, performed by the effect runner against
// a real SMTP server and the GitHub simulator: replies in the reporter's own
// thread, forwards with the report attached, and a GHSA opened on the
// reporter's behalf that the bot does not mistake for an acceptance.
import { expect, it } from 'vitest';
import type { BotSettings } from '../../../src/app/bot/observe.ts';
import { pollAdvisories } from '../../../src/app/bot/poller.ts';
import { readPendingMail, receiveMail } from '../../../src/app/intake.ts';
import { listIntake } from '../../../src/app/intake-queue.ts';
import { triageThread } from '../../../src/app/intake-triage.ts';
import { showReport } from '../../../src/app/reports.ts';
import { reportTimeline } from '../../../src/app/timeline.ts';
import { forEachEngine } from '../../support/engines.ts';
import { mail } from '../intake-mail.ts';
import { effectsWorld } from './world.ts';

const bot: BotSettings = { team: 'psrt', name: 'psrt-bot', outsiders: async () => [] };
const forwardTo = [{ name: 'PyPI', address: 'security@pypi.org' }];

forEachEngine('security@ triage acts outside', (engine) => {
  const world = effectsWorld(engine);
  const { app } = world;
  const seth = () => app.as('sethmlarson');

  async function deliver(raw: Buffer) {
    await receiveMail(app.ctx(), { raw, source: 'smtp' });
    await readPendingMail(app.ctx(), { teamKey: null, acknowledgeDays: 7, ownAddresses: [] });
  }

  async function thread(raw = mail({ id: 'r1@example.org' })) {
    await deliver(raw);
    const { threads } = await listIntake(app.ctx(), await seth(), { status: 'queue', limit: 5, offset: 0 });
    const [first] = threads;
    if (!first) throw new Error('no thread');
    return first;
  }

  it("acknowledges the reporter in their own thread, and the devguide's reply follows in it", async () => {
    const { id } = await thread();
    await triageThread(app.ctx(), await seth(), id, { action: 'not-a-vulnerability' }, { forwardTo });
    await world.settle();
    const sent = world.mail();
    expect(sent.map((m) => m.to)).toEqual([['finder@example.org'], ['finder@example.org']]);
    for (const message of sent) {
      expect(message.subject).toBe('Re: tarfile: path traversal in extractall');
      expect(message.raw).toMatch(/^In-Reply-To: <r1@example\.org>/m);
    }
    // Both go out in one pass of the runner, so they may reach the server in either order.
    expect(sent.filter((m) => m.raw.includes("doesn't constitute"))).toHaveLength(1);
    expect(sent.filter((m) => m.raw.includes('We will send you an update by'))).toHaveLength(1);
  });

  it('forwards the thread to another project with the original message attached whole', async () => {
    const { id } = await thread();
    await triageThread(
      app.ctx(),
      await seth(),
      id,
      { action: 'forward', destination: 'PyPI' },
      { forwardTo },
    );
    await world.settle();
    const forwarded = world.mail().find((m) => m.to.includes('security@pypi.org'));
    expect(forwarded?.subject).toBe('Fwd: tarfile: path traversal in extractall');
    expect(forwarded?.raw).toContain('Content-Type: message/rfc822');
    expect(forwarded?.raw).toContain('Message-ID: <r1@example.org>');
  });

  it("opens the GHSA of a filed report on the reporter's behalf, crediting them, and the bot leaves the report in triage", async () => {
    const { id } = await thread();
    const { report } = await triageThread(
      app.ctx(),
      await seth(),
      id,
      {
        action: 'file',
        repository: 'python/cpython',
        title: 'tarfile: path traversal',
        reporterLogin: 'mira-finds-bugs',
      },
      { forwardTo },
    );
    const deps = world.deps();
    await world.settle(deps);
    const { report: filed } = await showReport(app.ctx(), await seth(), report?.id ?? '');
    expect(filed.ghsaId).toMatch(/^GHSA-/);
    const advisory = world.advisory(filed.ghsaId ?? '');
    expect(advisory).toMatchObject({ state: 'draft', summary: 'tarfile: path traversal' });
    expect(advisory.credits).toContainEqual(
      expect.objectContaining({ login: 'mira-finds-bugs', type: 'reporter' }),
    );
    await pollAdvisories(app.ctx(), deps.services.github as never, bot);
    await world.settle(deps);
    const { report: after } = await showReport(app.ctx(), await seth(), filed.id);
    expect(after.state).toBe('triage');
    expect(after.cveId).toBeNull();
  });

  it("puts the reporter's later mail on the report's timeline, for members", async () => {
    const { id } = await thread();
    const { report } = await triageThread(
      app.ctx(),
      await seth(),
      id,
      { action: 'file', repository: 'python/cpython', title: 'tarfile: path traversal' },
      { forwardTo },
    );
    app.clock.advance(60_000);
    await deliver(
      mail({ id: 'r2@example.org', inReplyTo: 'r1@example.org', body: 'A smaller PoC: tar -x evil.tar' }),
    );
    const timeline = await reportTimeline(app.ctx(), await app.as('gpshead'), report?.id ?? '');
    const fromMail = timeline.filter((entry) => entry.source === 'mail');
    expect(fromMail.map((e) => [e.who, e.text?.trim()])).toEqual([
      ['Finder', 'A smaller PoC: tar -x evil.tar'],
      ['Finder', 'Extracting a crafted archive writes outside the target. Tested on 3.13.1.'],
    ]);
  });
});
