// A report's timeline through the JSON API (`GET /api/v1/reports/{id}/timeline`), with a token
// and with a session, on both engines: what its page shows, newest first, effects with their
// status for members, the collaborator's narrower view, ETags, and the embargo (a report one may
// not see answers exactly as one that does not exist).
import { describe, expect, it } from 'vitest';
import { assignCoordinator } from '../../src/app/reports.ts';
import { reportTimeline } from '../../src/app/timeline.ts';
import { timelineStory } from '../app/timeline-story.ts';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld, type CredentialKind } from './api-support.ts';

type Entry = {
  at: string;
  source: string;
  who: string;
  what: string;
  text: string | null;
  effect?: { status: string; attempts: number };
};
type Timeline = { reportId: string; entries: Entry[] };

const MINUTE = 60_000;

forEachEngine('a report timeline through the API', (engine) => {
  const { t, call, credentials } = apiWorld(engine);

  /** The timeline the report page shows `login`, as JSON carries it. */
  const onThePage = async (login: string, id: string) =>
    JSON.parse(JSON.stringify(await reportTimeline(t.ctx(), await t.as(login), id))) as Entry[];

  const lines = (timeline: Timeline) =>
    timeline.entries.map((e) => [e.who, e.what, e.effect?.status].filter(Boolean).join(' '));

  describe.each<CredentialKind>(['token', 'session'])('with a %s', (kind) => {
    it('a member reads the timeline as the report page shows it: newest first, reasons as text, effects with their status', async () => {
      const report = await timelineStory(t);
      const read = await call<Timeline>(
        await credentials(kind, 'gpshead'),
        'GET',
        `/v1/reports/${report.id}/timeline`,
      );
      expect(read.status).toBe(200);
      expect(read.body.reportId).toBe(report.id);
      // Exactly what the report page shows gpshead (the same use-case), times as ISO text.
      expect(read.body.entries).toEqual(await onThePage('gpshead', report.id));
      expect(read.body.entries).toHaveLength(12);
      const accepted = read.body.entries[2];
      expect(accepted).toMatchObject({ source: 'event', at: t.clock.now().toISOString() });
      expect(read.body.entries[3]).toMatchObject({ source: 'event', text: 'a release first' });
      expect(read.body.entries[0]).toMatchObject({
        source: 'effect',
        effect: { status: 'pending', attempts: 0 },
      });
      expect(read.body.entries[7]).toMatchObject({ source: 'comment', who: 'gpshead', text: null });
    });
  });

  it('answers 304 to a client that has the timeline, until something happens to the report', async () => {
    const report = await timelineStory(t);
    const seth = await credentials('token', 'sethmlarson');
    const path = `/v1/reports/${report.id}/timeline`;
    const first = await call(seth, 'GET', path);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    t.clock.advance(MINUTE);
    const again = await call(seth, 'GET', path, undefined, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await assignCoordinator(t.ctx(), await t.as('sethmlarson'), report.id, 'gpshead');
    const changed = await call<Timeline>(seth, 'GET', path, undefined, {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.entries.map((e) => e.what)).toContain('assigned gpshead as coordinator');
  });

  it('a collaborator gets what GitHub shows them: no grant, effect or reason', async () => {
    const report = await timelineStory(t);
    const mira = await credentials('token', 'mira-finds-bugs');
    const read = await call<Timeline>(mira, 'GET', `/v1/reports/${report.id}/timeline`);
    expect(read.status).toBe(200);
    expect(read.body.entries).toEqual(await onThePage('mira-finds-bugs', report.id));
    expect(lines(read.body)).toEqual([
      'sethmlarson accepted the report',
      'sethmlarson extended the disclosure deadline by 7 days (the reporter agreed)',
      'gpshead commented on the GHSA with a command for psrt, which answered it',
      'sethmlarson became coordinator',
      'sethmlarson filed the report',
    ]);
    expect(read.body.entries.every((e) => e.text === null && e.effect === undefined)).toBe(true);
  });

  it('a report someone may not see is the same 404, byte for byte, as one that does not exist', async () => {
    const report = await timelineStory(t);
    const unknown = report.id.replace(/\d{4}$/, '9999');
    for (const who of [await credentials('token', 'curious-visitor'), {}]) {
      const denied = await call(who, 'GET', `/v1/reports/${report.id}/timeline`);
      const missing = await call(who, 'GET', `/v1/reports/${unknown}/timeline`);
      expect(denied.status).toBe(404);
      expect(denied.text).toBe(missing.text.replaceAll(unknown, report.id));
      expect(denied.text).not.toContain('GHSA-7x2c-3vq9-h4mf');
    }
  });
});
