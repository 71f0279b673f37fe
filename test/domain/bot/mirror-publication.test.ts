// The GHSA's CWE ids and credits are mirrored into the publication like its
// other fields: GitHub's changes are taken, with GitHub's types in CVE's words
// and the name the person gives on GitHub; psrt's own edits are not undone.
import { describe, expect, it } from 'vitest';
import type { GhsaCredit } from '../../../src/domain/bot/ghsa.ts';
import { creditTypeFromGitHub } from '../../../src/domain/bot/ghsa.ts';
import { mirrorFields, reportFromGhsa } from '../../../src/domain/bot/mirror.ts';
import { mirrorPublication } from '../../../src/domain/bot/mirror-publication.ts';
import { emptyPublication } from '../../../src/domain/publication.ts';
import { at } from '../fixtures.ts';
import { ghsaReport, isMember, makeGhsa } from './fixtures.ts';

const now = at('2026-03-05T00:00:00.000Z');
const profiles: Record<string, string> = { 'remy-fixes': 'Rémy Fixer' };
const nameOf = (login: string) => profiles[login] ?? null;

const finder: GhsaCredit = { login: 'finder', type: 'finder', state: 'accepted' };
const remy: GhsaCredit = { login: 'remy-fixes', type: 'remediation developer', state: 'pending' };

describe('credits', () => {
  it("GitHub's credit types are CVE's, written with a space instead of `_`", () => {
    expect(creditTypeFromGitHub('remediation_developer')).toBe('remediation developer');
    expect(creditTypeFromGitHub('remediation_verifier')).toBe('remediation verifier');
    expect(creditTypeFromGitHub('finder')).toBe('finder');
  });

  it("a new report takes the GHSA's credits, each printed with the person's GitHub name or else the login, and their acceptance", () => {
    const opened = reportFromGhsa(
      'PSRT-2026-0007',
      makeGhsa({ credits: [finder, remy], cweIds: ['CWE-122'] }),
      isMember,
      now,
      nameOf,
    );
    expect(opened?.report.publication.credits).toEqual([
      { name: 'finder', type: 'finder', login: 'finder', state: 'accepted' },
      { name: 'Rémy Fixer', type: 'remediation developer', login: 'remy-fixes', state: 'pending' },
    ]);
    expect(opened?.report.publication.cweIds).toEqual(['CWE-122']);
  });

  it("the coordinator credit names the coordinator and is among the credits, published without waiting: it is psrt's record of who coordinated", () => {
    const coordinator: GhsaCredit = { login: 'encukou', type: 'coordinator', state: 'pending' };
    const opened = reportFromGhsa(
      'PSRT-2026-0007',
      makeGhsa({ coordinator: 'encukou', credits: [coordinator] }),
      isMember,
      now,
    );
    expect(opened?.report.coordinator).toBe('encukou');
    expect(opened?.report.publication.credits).toEqual([
      { name: 'encukou', type: 'coordinator', login: 'encukou', state: 'accepted' },
    ]);
    // Declined on GitHub, it is declined; someone else's coordinator credit waits like any other.
    const declined = mirrorPublication(
      emptyPublication(),
      null,
      makeGhsa({ credits: [{ ...coordinator, state: 'declined' }] }),
      nameOf,
      'encukou',
    );
    expect(declined.credits[0]?.state).toBe('declined');
    const other = mirrorPublication(
      emptyPublication(),
      null,
      makeGhsa({ credits: [coordinator] }),
      nameOf,
      'gpshead',
    );
    expect(other.credits[0]?.state).toBe('pending');
  });

  it('a credit accepted on GitHub since the last sighting is accepted in the publication', () => {
    const report = ghsaReport({
      publication: {
        ...emptyPublication(),
        credits: [
          { name: 'Rémy Fixer', type: 'remediation developer', login: 'remy-fixes', state: 'pending' },
        ],
      },
    });
    const before = makeGhsa({ credits: [remy] });
    const after = makeGhsa({ credits: [{ ...remy, state: 'accepted' }] });
    const next = mirrorFields(report, before, after, isMember, now, nameOf);
    expect(next.publication.credits[0]?.state).toBe('accepted');
    expect(next.updatedAt).toEqual(now);
  });

  it('a credit removed on GitHub leaves the publication; one added there joins it at the end', () => {
    const report = ghsaReport({
      publication: {
        ...emptyPublication(),
        credits: [
          { name: 'finder', type: 'finder', login: 'finder', state: 'accepted' },
          { name: 'Rémy Fixer', type: 'remediation developer', login: 'remy-fixes', state: 'pending' },
        ],
      },
    });
    const reviewer: GhsaCredit = { login: 'sethmlarson', type: 'remediation reviewer', state: 'pending' };
    const next = mirrorFields(
      report,
      makeGhsa({ credits: [finder, remy] }),
      makeGhsa({ credits: [finder, reviewer] }),
      isMember,
      now,
      nameOf,
    );
    expect(next.publication.credits.map((c) => `${c.login} ${c.type}`)).toEqual([
      'finder finder',
      'sethmlarson remediation reviewer',
    ]);
  });

  it('psrt keeps its own edits while GitHub is unchanged: a dropped credit stays dropped, a corrected name stays corrected', () => {
    const report = ghsaReport({
      publication: {
        ...emptyPublication(),
        credits: [{ name: 'Finder of JPCERT/CC', type: 'finder', login: 'finder', state: 'accepted' }],
      },
    });
    const ghsa = makeGhsa({ credits: [finder, remy] });
    expect(mirrorFields(report, ghsa, ghsa, isMember, now, nameOf)).toBe(report);
  });

  it('a second credit of a person psrt already prints keeps the name psrt prints for them', () => {
    const publication = {
      ...emptyPublication(),
      credits: [
        { name: 'Finder of JPCERT/CC', type: 'finder' as const, login: 'finder', state: 'accepted' as const },
      ],
    };
    const analyst: GhsaCredit = { login: 'finder', type: 'analyst', state: 'accepted' };
    const next = mirrorPublication(
      publication,
      makeGhsa({ credits: [finder] }),
      makeGhsa({ credits: [finder, analyst] }),
      nameOf,
    );
    expect(next.credits[1]).toEqual({
      name: 'Finder of JPCERT/CC',
      type: 'analyst',
      login: 'finder',
      state: 'accepted',
    });
  });

  it('a credit GitHub gives no acceptance detail for is held back as pending', () => {
    const next = mirrorPublication(
      emptyPublication(),
      null,
      makeGhsa({ credits: [{ ...remy, state: null }] }),
      nameOf,
    );
    expect(next.credits[0]?.state).toBe('pending');
  });

  it('a sighting stored before credits were mirrored counts as none: the credits GitHub holds are taken', () => {
    const { credits: _credits, cweIds: _cweIds, ...older } = makeGhsa();
    const next = mirrorPublication(
      emptyPublication(),
      older as never,
      makeGhsa({ credits: [finder], cweIds: ['CWE-22'] }),
      nameOf,
    );
    expect(next.credits.map((c) => c.login)).toEqual(['finder']);
    expect(next.cweIds).toEqual(['CWE-22']);
  });
});

describe('CWE ids', () => {
  it('a CWE changed on GitHub is written into the publication; a CWE chosen in psrt stays while GitHub is unchanged', () => {
    const report = ghsaReport({ publication: { ...emptyPublication(), cweIds: ['CWE-22'] } });
    const unchanged = makeGhsa({ cweIds: ['CWE-20'] });
    expect(mirrorFields(report, unchanged, unchanged, isMember, now).publication.cweIds).toEqual(['CWE-22']);
    const changed = mirrorFields(report, unchanged, makeGhsa({ cweIds: ['CWE-59'] }), isMember, now);
    expect(changed.publication.cweIds).toEqual(['CWE-59']);
  });
});
