// A report's timeline through the JSON API (`GET /api/v1/reports/{id}/timeline`), with a token
// and with a session, on both engines: what its page shows, newest first, effects with their
// status for members, the collaborator's narrower view, ETags, and the embargo (a report one may
// not see answers exactly as one that does not exist).
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { assignCoordinator, determineReport, extendDeadline } from '../../src/app/reports.ts';
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

  /** A report with a coordinator (an effect: the GHSA credit), a determination, a grant and an extension. */
  async function storied() {
    await t.importDevguideRoster();
    const seth = await t.as('sethmlarson');
    const report = await t.newReport('sethmlarson', { ghsaId: 'GHSA-7x2c-3vq9-h4mf' });
    t.clock.advance(MINUTE);
    await assignCoordinator(t.ctx(), seth, report.id, 'sethmlarson');
    t.clock.advance(MINUTE);
    await determineReport(t.ctx(), seth, report.id, 'vulnerability');
    t.clock.advance(MINUTE);
    await grantAccess(t.ctx(), seth, report.id, { login: 'mira-finds-bugs', reason: 'the reporter' });
    t.clock.advance(MINUTE);
    await extendDeadline(t.ctx(), seth, report.id, {
      days: 7,
      reason: 'a release first',
      reporterAgreed: true,
    });
    return report;
  }

  const lines = (timeline: Timeline) =>
    timeline.entries.map((e) => [e.who, e.what, e.effect?.status].filter(Boolean).join(' '));

  describe.each<CredentialKind>(['token', 'session'])('with a %s', (kind) => {
    it('a member reads the timeline as the report page shows it: newest first, reasons as text, effects with their status', async () => {
      const report = await storied();
      const read = await call<Timeline>(
        await credentials(kind, 'gpshead'),
        'GET',
        `/v1/reports/${report.id}/timeline`,
      );
      expect(read.status).toBe(200);
      expect(read.body.reportId).toBe(report.id);
      expect(lines(read.body)).toEqual([
        'sethmlarson extended the disclosure deadline by 7 days (the reporter agreed)',
        'psrt add mira-finds-bugs to the GHSA pending',
        'sethmlarson gave mira-finds-bugs access until 14 days after the report is finished',
        'sethmlarson determined the report is a vulnerability',
        'psrt comment on the GHSA pending',
        'psrt credit sethmlarson as coordinator on the GHSA pending',
        'sethmlarson became coordinator',
        'sethmlarson filed the report',
      ]);
      const extended = read.body.entries[0];
      expect(extended).toMatchObject({ source: 'event', text: 'a release first' });
      expect(extended?.at).toBe(t.clock.now().toISOString());
      expect(read.body.entries[1]?.effect).toMatchObject({ status: 'pending', attempts: 0 });
    });
  });

  it('answers 304 to a client that has the timeline, until something happens to the report', async () => {
    const report = await storied();
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
    const report = await storied();
    const mira = await credentials('token', 'mira-finds-bugs');
    const read = await call<Timeline>(mira, 'GET', `/v1/reports/${report.id}/timeline`);
    expect(read.status).toBe(200);
    expect(lines(read.body)).toEqual([
      'sethmlarson extended the disclosure deadline by 7 days (the reporter agreed)',
      'sethmlarson became coordinator',
      'sethmlarson filed the report',
    ]);
    expect(read.body.entries.every((e) => e.text === null && e.effect === undefined)).toBe(true);
  });

  it('a report someone may not see is the same 404, byte for byte, as one that does not exist', async () => {
    const report = await storied();
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
