import { describe, expect, it } from 'vitest';
import {
  checkVote,
  closesAtFor,
  eligibilityFrom,
  eligibilityWords,
  type Nomination,
  type NominationVote,
  nominationOutcome,
} from '../../src/domain/nominations.ts';

const opened = new Date('2026-12-01T10:00:00.000Z');
const closes = closesAtFor(opened);
const nomination: Nomination = {
  id: 1,
  login: 'new-person',
  name: 'New Person',
  nominatedBy: 'sethmlarson',
  why: 'Fixed three CVEs this year.',
  openedAt: opened,
  closesAt: closes,
  eligibility: { known: true, applies: ['core developer'] },
  withdrawn: null,
};
const hour = (n: number) => new Date(opened.getTime() + n * 3_600_000);
const votes = (inFavour: number, against: number, at = hour(1)): NominationVote[] => [
  ...Array.from({ length: inFavour }, (_, i) => ({ voter: `yes${i}`, inFavour: true, at })),
  ...Array.from({ length: against }, (_, i) => ({ voter: `no${i}`, inFavour: false, at })),
];
const afterClose = new Date(closes.getTime() + 1);

describe('a nomination vote (PEP 811: one week, two thirds of the votes cast)', () => {
  it('stays open for exactly one week from the nomination', () => {
    expect(closes.toISOString()).toBe('2026-12-08T10:00:00.000Z');
    const open = nominationOutcome(nomination, votes(2, 0), null, new Date(closes.getTime() - 1));
    expect(open.status).toBe('open');
    expect(open.rule).toContain('open until 2026-12-08 10:00 UTC');
    expect(nominationOutcome(nomination, votes(2, 0), null, closes).status).toBe('passed');
  });

  it('passes with five of six votes cast in favour, and says which rule decided it', () => {
    const outcome = nominationOutcome(nomination, votes(5, 1), null, afterClose);
    expect(outcome).toMatchObject({ status: 'passed', inFavour: 5, against: 1 });
    expect(outcome.rule).toBe('passed: 5 of 6 votes cast in favour, at least two thirds');
  });

  it('passes with exactly two thirds in favour', () => {
    expect(nominationOutcome(nomination, votes(2, 1), null, afterClose).status).toBe('passed');
    expect(nominationOutcome(nomination, votes(4, 2), null, afterClose).status).toBe('passed');
  });

  it('fails with fewer than two thirds in favour', () => {
    const outcome = nominationOutcome(nomination, votes(3, 2), null, afterClose);
    expect(outcome.status).toBe('failed');
    expect(outcome.rule).toBe('failed: 3 of 5 in favour, fewer than two thirds');
    expect(nominationOutcome(nomination, votes(1, 1), null, afterClose).status).toBe('failed');
  });

  it('fails when nobody voted', () => {
    expect(nominationOutcome(nomination, [], null, afterClose)).toMatchObject({
      status: 'failed',
      rule: 'failed: no votes cast',
    });
  });

  it('counts each member once, with their latest vote before the close', () => {
    const changed: NominationVote[] = [
      { voter: 'gpshead', inFavour: false, at: hour(1) },
      { voter: 'encukou', inFavour: true, at: hour(2) },
      { voter: 'GPShead', inFavour: true, at: hour(30) },
    ];
    expect(nominationOutcome(nomination, changed, null, afterClose)).toMatchObject({
      status: 'passed',
      inFavour: 2,
      against: 0,
    });
  });

  it('ignores a vote cast at the close, and refuses it', () => {
    const late: NominationVote[] = [
      { voter: 'gpshead', inFavour: true, at: hour(1) },
      { voter: 'encukou', inFavour: false, at: closes },
    ];
    expect(nominationOutcome(nomination, late, null, afterClose)).toMatchObject({
      status: 'passed',
      against: 0,
    });
    expect(() => checkVote(nomination, null, { login: 'encukou', member: true }, closes)).toThrow(
      'The vote closed on 2026-12-08 10:00 UTC',
    );
    expect(() => checkVote(nomination, null, { login: 'encukou', member: true }, hour(167))).not.toThrow();
  });

  it('refuses a vote by someone who is not a member', () => {
    expect(() => checkVote(nomination, null, { login: 'outsider', member: false }, hour(1))).toThrow(
      'Only PSRT members vote',
    );
  });

  it('sets aside the vote of someone who stopped being a member before the close, and says so', () => {
    const outcome = nominationOutcome(nomination, votes(2, 1), null, afterClose, ['yes0', 'yes1']);
    expect(outcome).toMatchObject({ status: 'passed', inFavour: 2, against: 0, setAside: 1 });
    expect(outcome.rule).toContain('1 vote set aside: cast by someone no longer a member at the close');
  });
});

describe("the Steering Council's veto", () => {
  it('ends the nomination when made inside the week, whatever the votes', () => {
    const veto = { by: 'corona10', at: hour(100), decision: 'SC vote of 2026-12-04' };
    expect(nominationOutcome(nomination, votes(6, 0), veto, hour(101))).toMatchObject({
      status: 'vetoed',
      rule: 'vetoed by the Steering Council on 2026-12-05 (SC vote of 2026-12-04)',
    });
    expect(nominationOutcome(nomination, votes(6, 0), veto, afterClose).status).toBe('vetoed');
  });

  it('does not count once the week is over', () => {
    const late = { by: 'corona10', at: closes, decision: 'too late' };
    expect(nominationOutcome(nomination, votes(6, 0), late, afterClose).status).toBe('passed');
  });
});

describe("a nominee's eligibility (core developer, triager or PSF staff)", () => {
  it('reads write, maintain or admin on the core repository as a core developer, triage as a triager', () => {
    for (const role of ['admin', 'maintain', 'write'])
      expect(eligibilityFrom(role, false)).toEqual({ known: true, applies: ['core developer'] });
    expect(eligibilityFrom('triage', true)).toEqual({ known: true, applies: ['triager', 'PSF staff'] });
  });

  it('warns when none applies, and says when GitHub could not be asked', () => {
    expect(eligibilityWords(eligibilityFrom('read', false))).toMatch(
      /^none applies: new members are expected/,
    );
    expect(eligibilityWords({ known: false, why: 'GitHub is not configured' })).toBe(
      'unknown: GitHub is not configured',
    );
  });
});
