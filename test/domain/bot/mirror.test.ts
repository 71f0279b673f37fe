// GitHub is canonical for an advisory's own fields: what changed on GitHub
// between two sightings is written into the report; what psrt decided but has
// not written to GitHub yet is never undone by an older view of GitHub.
import { describe, expect, it } from 'vitest';
import { ghsaAsReported, isStale } from '../../../src/domain/bot/ghsa.ts';
import { mirrorFields, mirrorState, reportFromGhsa } from '../../../src/domain/bot/mirror.ts';
import { at } from '../fixtures.ts';
import { ghsaReport, isMember, makeGhsa } from './fixtures.ts';

const now = at('2026-03-05T00:00:00.000Z');

describe('a new advisory on GitHub', () => {
  it('a private vulnerability report in triage becomes a triage report, its reporter and receipt time from GitHub', () => {
    const opened = reportFromGhsa('PSRT-2026-0007', makeGhsa(), isMember, now);
    expect(opened?.report).toMatchObject({
      id: 'PSRT-2026-0007',
      ghsaId: 'GHSA-2x3v-4w5c-6f7g',
      state: 'triage',
      reporter: 'finder',
      receivedAt: at('2026-03-01T00:00:00.000Z'),
      coordinator: null,
    });
    expect(opened?.effects).toEqual([]);
  });

  it('a draft a maintainer opened is an accepted report, and a CVE ID is reserved for it', () => {
    const opened = reportFromGhsa(
      'PSRT-2026-0007',
      makeGhsa({ state: 'draft', privatelyReported: false }),
      isMember,
      now,
    );
    expect(opened?.report).toMatchObject({
      state: 'accepted',
      determination: 'vulnerability',
      reporter: null,
    });
    expect(opened?.effects.map((e) => e.kind)).toEqual(['cve.reserve']);
  });

  it('its coordinator credit names its coordinator when that person is a PSRT member, and is ignored otherwise', () => {
    const credited = reportFromGhsa('PSRT-2026-0007', makeGhsa({ coordinator: 'encukou' }), isMember, now);
    expect(credited?.report.coordinator).toBe('encukou');
    const stranger = reportFromGhsa('PSRT-2026-0007', makeGhsa({ coordinator: 'somebody' }), isMember, now);
    expect(stranger?.report.coordinator).toBeNull();
  });

  it('an advisory already closed or published before psrt watched it opens no report', () => {
    expect(reportFromGhsa('PSRT-2026-0007', makeGhsa({ state: 'closed' }), isMember, now)).toBeNull();
    expect(reportFromGhsa('PSRT-2026-0007', makeGhsa({ state: 'published' }), isMember, now)).toBeNull();
  });
});

describe('changes made on GitHub', () => {
  const before = makeGhsa();

  it('an edited title and description are written into the report', () => {
    const report = ghsaReport();
    const next = mirrorFields(
      report,
      before,
      makeGhsa({ title: 'zipfile: heap overflow', description: 'new' }),
      isMember,
      now,
    );
    expect(next).toMatchObject({ title: 'zipfile: heap overflow', description: 'new', lastActivityAt: now });
  });

  it('a change psrt made that GitHub does not show yet is kept: the CVE ID psrt reserved is not cleared', () => {
    const report = ghsaReport({ cveId: 'CVE-2026-1234' });
    expect(mirrorFields(report, before, makeGhsa({ updatedAt: now }), isMember, now)).toBe(report);
  });

  it('the coordinator credit moved to another member makes them the coordinator; removed, the report has none', () => {
    const report = ghsaReport({ coordinator: 'encukou', coordinatorSince: at('2026-03-02T00:00:00.000Z') });
    const withCredit = makeGhsa({ coordinator: 'encukou' });
    expect(
      mirrorFields(report, withCredit, makeGhsa({ coordinator: 'sethmlarson' }), isMember, now),
    ).toMatchObject({
      coordinator: 'sethmlarson',
      coordinatorSince: now,
    });
    expect(
      mirrorFields(report, withCredit, makeGhsa({ coordinator: null }), isMember, now).coordinator,
    ).toBeNull();
  });

  it('"Accept as draft" on GitHub accepts the report without psrt writing the state back, and reserves a CVE ID', () => {
    const mirrored = mirrorState(ghsaReport(), 'triage', 'draft', now);
    expect(mirrored.report.state).toBe('accepted');
    expect(mirrored.effects.map((e) => e.kind)).toEqual(['cve.reserve']);
  });

  it('a GHSA closed by hand rejects the report with no reason recorded and no reply sent', () => {
    const mirrored = mirrorState(ghsaReport(), 'triage', 'closed', now);
    expect(mirrored.report).toMatchObject({ state: 'rejected', rejection: null, finishedAt: now });
    expect(mirrored.effects).toEqual([]);
  });

  it('"Publish advisory" pressed on GitHub, which the devguide forbids, tells the coordinator and the admins by mail', () => {
    const mirrored = mirrorState(
      ghsaReport({ state: 'accepted', coordinator: 'encukou' }),
      'draft',
      'published',
      now,
    );
    expect(mirrored.report.state).toBe('published');
    expect(mirrored.effects).toMatchObject([
      { kind: 'mail.send', to: ['admins', 'team'], text: expect.stringContaining('@encukou (coordinator)') },
    ]);
  });

  it('a report already where GitHub is going (psrt moved it first) is left alone', () => {
    const accepted = ghsaReport({ state: 'accepted' });
    expect(mirrorState(accepted, 'triage', 'draft', now).report).toBe(accepted);
  });
});

describe('sightings', () => {
  it('a sighting older than the last one mirrored is stale; the same moment again is not', () => {
    const last = makeGhsa({ updatedAt: at('2026-03-03T00:00:00.000Z') });
    expect(isStale(makeGhsa({ updatedAt: at('2026-03-02T00:00:00.000Z') }), last)).toBe(true);
    expect(isStale(makeGhsa({ updatedAt: at('2026-03-03T00:00:00.000Z') }), last)).toBe(false);
    expect(isStale(makeGhsa(), null)).toBe(false);
  });

  it('a report filed in psrt is compared with the advisory as psrt wrote it', () => {
    expect(ghsaAsReported(ghsaReport({ state: 'accepted' }))?.state).toBe('draft');
    expect(ghsaAsReported(ghsaReport({ ghsaId: null }))).toBeNull();
  });
});
