// A report's timeline: its audit events, the GHSA comments psrt answered and the effects psrt
// performs, merged by time, newest first, in plain words; what each person sees follows their access.
import { beforeEach, expect, it } from 'vitest';
import { createReport } from '../../src/app/reports.ts';
import { reportTimeline } from '../../src/app/timeline.ts';
import type { Principal, Report } from '../../src/domain/report.ts';
import { claimEffects, completeEffect } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { anonymous, bot, failsWith, testApp } from './support.ts';
import { timelineStory } from './timeline-story.ts';

forEachEngine('the report timeline', (engine) => {
  const app = testApp(engine);
  let seth: Principal;
  let report: Report;

  beforeEach(async () => {
    report = await timelineStory(app);
    seth = await app.as('sethmlarson');
  });

  /** Performs the report's due effects of `kind` as the runner records them: claimed, then done. */
  async function performed(kind: string): Promise<number[]> {
    const now = app.clock.now();
    const claimed = await claimEffects(app.store().db, { now, workerId: 'test', kinds: [kind], limit: 10 });
    for (const effect of claimed) await completeEffect(app.store().db, effect.id, null, now);
    return claimed.map((effect) => effect.id);
  }

  const lines = async (who: Principal) =>
    (await reportTimeline(app.ctx(), who, report.id)).map((entry) =>
      [entry.who, entry.what, entry.effect?.status].filter(Boolean).join(' '),
    );

  it("a member's timeline: events, the answered comment and the effects with their status, newest first", async () => {
    expect(await lines(seth)).toEqual([
      'psrt move the GHSA to draft pending',
      'psrt reserve a CVE ID at the CNA pending',
      'sethmlarson accepted the report',
      'sethmlarson extended the disclosure deadline by 7 days (the reporter agreed)',
      'psrt add mira-finds-bugs to the GHSA pending',
      'sethmlarson gave mira-finds-bugs access until 14 days after the report is finished',
      'sethmlarson determined the report is a vulnerability',
      'gpshead commented on the GHSA with a command for psrt, which answered it',
      'psrt comment on the GHSA pending',
      'psrt credit sethmlarson as coordinator on the GHSA pending',
      'sethmlarson became coordinator',
      'sethmlarson filed the report',
    ]);
  });

  it('reasons and comment bodies are kept apart from the words, as given', async () => {
    const timeline = await reportTimeline(app.ctx(), seth, report.id);
    expect(timeline.find((e) => e.what.startsWith('extended'))?.text).toBe('a release first');
    expect(timeline.find((e) => e.what.startsWith('gave'))?.text).toBe('the reporter');
    expect(timeline.find((e) => e.what === 'comment on the GHSA')?.text).toContain('@sethmlarson');
  });

  it("an effect's status follows it: done once performed", async () => {
    const [reserve] = await performed('cve.reserve');
    const entry = (await reportTimeline(app.ctx(), seth, report.id)).find((e) => e.effect?.id === reserve);
    expect(entry?.effect?.status).toBe('done');
  });

  it('a collaborator sees the lifecycle and the GHSA comments, and no grant, edit, effect or reason', async () => {
    const mira = await app.as('mira-finds-bugs');
    expect(await lines(mira)).toEqual([
      'sethmlarson accepted the report',
      'sethmlarson extended the disclosure deadline by 7 days (the reporter agreed)',
      'gpshead commented on the GHSA with a command for psrt, which answered it',
      'sethmlarson became coordinator',
      'sethmlarson filed the report',
    ]);
    expect((await reportTimeline(app.ctx(), mira, report.id)).every((entry) => entry.text === null)).toBe(
      true,
    );
  });

  it("psrt's own comments on the GHSA reach a collaborator once posted, as comments", async () => {
    expect(await performed('ghsa.comment')).toHaveLength(1);
    const timeline = await reportTimeline(app.ctx(), await app.as('mira-finds-bugs'), report.id);
    const posted = timeline.find((entry) => entry.source === 'comment' && entry.who === 'psrt');
    expect(posted?.what).toBe('commented on the GHSA');
    expect(posted?.text).toContain('@sethmlarson');
    expect(posted?.effect).toBeUndefined();
  });

  it('a report psrt opened for a GHSA it saw reads as psrt opening it', async () => {
    const opened = await app.newReport('sethmlarson', { ghsaId: 'GHSA-2c3f-4g5h-6j7m' });
    const byBot = await createReport(app.ctx(), bot, {
      repository: 'python/cpython',
      title: 'email: header injection',
      description: 'Seen on GitHub.',
      ghsaId: 'GHSA-3c4f-5g6h-7j8m',
    });
    expect((await reportTimeline(app.ctx(), seth, byBot.id)).at(-1)).toMatchObject({
      who: 'psrt',
      what: 'opened the report from its GHSA',
    });
    expect((await reportTimeline(app.ctx(), seth, opened.id)).at(-1)).toMatchObject({
      who: 'sethmlarson',
      what: 'filed the report',
    });
  });

  it('someone without access gets the same "not found" as for a report that does not exist', async () => {
    for (const who of [await app.as('curious-visitor'), anonymous]) {
      const hidden = await failsWith('not-found', reportTimeline(app.ctx(), who, report.id));
      const missing = await failsWith('not-found', reportTimeline(app.ctx(), who, 'PSRT-2026-9999'));
      expect(hidden.message.replace(report.id, 'ID')).toBe(missing.message.replace('PSRT-2026-9999', 'ID'));
    }
  });
});
