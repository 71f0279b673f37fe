// The coordinator drops a credit still waiting for acceptance (or any other):
// it leaves the publication, and the GHSA too when it came from there.
import { describe, expect, it } from 'vitest';
import { dropCredit } from '../../src/domain/credits.ts';
import { type Credit, emptyPublication } from '../../src/domain/publication.ts';
import { at, readyToPublish } from './fixtures.ts';

const now = at('2026-03-12T00:00:00.000Z');
const credits: Credit[] = [
  { name: 'A. Finder', type: 'finder', login: 'finder', state: 'accepted' },
  { name: 'Rémy Fixer', type: 'remediation developer', login: 'remy-fixes', state: 'pending' },
  { name: 'coordinator', type: 'coordinator', login: 'coordinator', state: 'pending' },
  { name: 'Noriko Totsuka of JPCERT/CC', type: 'other', login: null, state: 'accepted' },
];
const report = readyToPublish({ publication: { ...emptyPublication(), credits } });

describe('dropping a credit', () => {
  it('a pending GHSA credit named by its login leaves the publication, and an effect takes it off the GHSA', () => {
    const drop = dropCredit(report, '@remy-fixes', now);
    expect(drop.report.publication.credits.map((c) => c.name)).toEqual([
      'A. Finder',
      'coordinator',
      'Noriko Totsuka of JPCERT/CC',
    ]);
    expect(drop.effects).toEqual([
      expect.objectContaining({
        kind: 'ghsa.remove-credit',
        ghsaId: report.ghsaId,
        login: 'remy-fixes',
        creditType: 'remediation developer',
      }),
    ]);
  });

  it('a credit given outside GitHub is named by its printed name and leaves the publication only', () => {
    const drop = dropCredit(report, 'noriko totsuka of jpcert/cc', now);
    expect(drop.dropped.map((c) => c.name)).toEqual(['Noriko Totsuka of JPCERT/CC']);
    expect(drop.effects).toEqual([]);
  });

  it("the coordinator's own credit leaves the publication but stays on the GHSA, where it follows the coordinator", () => {
    const drop = dropCredit(report, 'coordinator', now);
    expect(drop.report.publication.credits.some((c) => c.type === 'coordinator')).toBe(false);
    expect(drop.effects).toEqual([]);
  });

  it('a published report keeps its credits: its records are out, and are updated through publication', () => {
    const published = { ...report, state: 'published' as const };
    expect(() => dropCredit(published, 'remy-fixes', now)).toThrow(
      /is published; reopen it before dropping a credit/,
    );
  });

  it('a name no credit carries is refused, saying where the credits are listed', () => {
    expect(() => dropCredit(report, 'nobody', now)).toThrow(
      /No credit of PSRT-\d{4}-\d{4} names "nobody".*credit list/,
    );
  });
});
