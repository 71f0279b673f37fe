import { describe, expect, it } from 'vitest';
import {
  type Action,
  actions,
  can,
  canSeeReport,
  principalFor,
  reportScope,
} from '../../src/domain/access.ts';
import type { RosterEntry } from '../../src/domain/report.ts';
import { type Grant, type Principal, type Report, reportStates } from '../../src/domain/report.ts';
import { makeReport } from './fixtures.ts';
import { admin, anonymous, bot, expert, member, releaseManager, stranger } from './principals.ts';

const received = new Date('2026-03-02T09:00:00Z');
const now = new Date('2026-03-20T12:00:00Z');

function report(overrides: Partial<Report> = {}): Report {
  return makeReport({
    id: 'PSRT-2026-0007',
    ghsaId: 'GHSA-abcd-efgh-ijkl',
    title: 'Secret title of an embargoed report',
    description: 'Secret details',
    state: 'accepted',
    receivedAt: received,
    lastActivityAt: received,
    coordinator: 'encukou',
    coordinatorSince: received,
    determination: 'vulnerability',
    cveId: 'CVE-2026-12345',
    createdAt: received,
    updatedAt: received,
    ...overrides,
  });
}

function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'grant-1',
    reportId: 'PSRT-2026-0007',
    login: 'expert',
    grantedBy: 'encukou',
    reason: 'CODEOWNER of Lib/tarfile.py',
    grantedAt: received,
    expiresAt: null,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}

describe('who can see a report', () => {
  it('an embargoed report is invisible to the public', () => {
    expect(canSeeReport(anonymous, report(), [], now)).toBe(false);
    expect(canSeeReport(anonymous, report({ state: 'triage' }), [], now)).toBe(false);
    expect(canSeeReport(anonymous, report({ state: 'rejected' }), [], now)).toBe(false);
  });

  it('a published advisory is visible to everyone', () => {
    expect(canSeeReport(anonymous, report({ state: 'published' }), [], now)).toBe(true);
    expect(canSeeReport(stranger, report({ state: 'published' }), [], now)).toBe(true);
  });

  it('a signed-in GitHub user without a grant sees no embargoed report', () => {
    expect(canSeeReport(stranger, report(), [grant()], now)).toBe(false);
  });

  it('every member sees every report, in every state', () => {
    for (const state of reportStates) {
      expect(canSeeReport(member, report({ state }), [], now)).toBe(true);
      expect(canSeeReport(releaseManager, report({ state }), [], now)).toBe(true);
    }
  });

  it('the bot sees every report', () => {
    expect(canSeeReport(bot, report({ state: 'triage' }), [], now)).toBe(true);
  });

  it('a collaborator with a grant sees the report they were granted', () => {
    expect(canSeeReport(expert, report(), [grant()], now)).toBe(true);
  });

  it('a grant is matched to the GitHub login regardless of case', () => {
    expect(canSeeReport(expert, report(), [grant({ login: 'Expert' })], now)).toBe(true);
  });

  it('a collaborator sees only the report they were granted, not others', () => {
    expect(canSeeReport(expert, report({ id: 'PSRT-2026-0008' }), [grant()], now)).toBe(false);
  });

  it('a collaborator whose grant expired no longer sees the report', () => {
    const expired = grant({ expiresAt: new Date('2026-03-20T12:00:00Z') });
    expect(canSeeReport(expert, report(), [expired], now)).toBe(false);
    const stillValid = grant({ expiresAt: new Date('2026-03-20T12:00:00.001Z') });
    expect(canSeeReport(expert, report(), [stillValid], now)).toBe(true);
  });

  it('a collaborator whose grant was revoked no longer sees the report', () => {
    const revoked = grant({ revokedAt: new Date('2026-03-10T00:00:00Z'), revokedBy: 'encukou' });
    expect(canSeeReport(expert, report(), [revoked], now)).toBe(false);
  });

  it('an emeritus member is treated like any other signed-in user', () => {
    const emeritus: Principal = { kind: 'user', login: 'tiran', member: false, roles: [] };
    expect(canSeeReport(emeritus, report(), [], now)).toBe(false);
  });
});

// That the store's query gives each of them exactly the reports canSeeReport allows is checked
// against the real query on both engines (test/store/access.test.ts).
describe('whose reports a listing may show', () => {
  it('members and the bot get every report; other users their grants plus published; the public published', () => {
    expect(reportScope(member)).toEqual({ kind: 'all' });
    expect(reportScope(bot)).toEqual({ kind: 'all' });
    expect(reportScope(expert)).toEqual({ kind: 'granted', login: 'expert' });
    expect(reportScope(anonymous)).toEqual({ kind: 'published' });
  });
});

describe('what each role may do', () => {
  const memberActions: Action[] = [
    'report.coordinate',
    'report.transition',
    'report.extend',
    'report.grant',
    'report.comment',
    'nomination.vote',
  ];

  it('a member may coordinate, transition, extend, grant, comment and vote', () => {
    for (const action of memberActions) expect(can(member, action, report()).allowed).toBe(true);
  });

  it('only admins manage the roster and verify the audit log', () => {
    expect(can(member, 'roster.manage')).toEqual({
      allowed: false,
      reason: 'Only PSRT admins may do this (PEP 811); ask an admin.',
    });
    expect(can(member, 'audit.verify').allowed).toBe(false);
    expect(can(admin, 'roster.manage').allowed).toBe(true);
    expect(can(admin, 'audit.verify').allowed).toBe(true);
  });

  it('an admin may do everything a member may', () => {
    for (const action of actions) expect(can(admin, action, report()).allowed).toBe(true);
  });

  it('the Admin role counts only for an active member', () => {
    const formerAdmin: Principal = { kind: 'user', login: 'old', member: false, roles: ['Admin'] };
    expect(can(formerAdmin, 'roster.manage').allowed).toBe(false);
  });

  it('release managers keep every member right', () => {
    for (const action of memberActions) expect(can(releaseManager, action, report()).allowed).toBe(true);
  });

  it('a collaborator may comment on their report and nothing more', () => {
    const access = { grants: [grant()], now };
    expect(can(expert, 'report.comment', report(), access).allowed).toBe(true);
    for (const action of actions.filter((a) => a !== 'report.comment')) {
      expect(can(expert, action, report(), access).allowed).toBe(false);
    }
  });

  it('a collaborator may not comment on another report, or once the grant expired', () => {
    expect(
      can(expert, 'report.comment', report({ id: 'PSRT-2026-0008' }), { grants: [grant()], now }).allowed,
    ).toBe(false);
    const expired = grant({ expiresAt: new Date('2026-03-15T00:00:00Z') });
    expect(can(expert, 'report.comment', report(), { grants: [expired], now }).allowed).toBe(false);
  });

  it('without the report and its grants a non-member is refused', () => {
    expect(can(expert, 'report.comment').allowed).toBe(false);
    expect(can(expert, 'report.comment', report()).allowed).toBe(false);
  });

  it('anonymous visitors may do nothing', () => {
    for (const action of actions)
      expect(can(anonymous, action, report({ state: 'published' })).allowed).toBe(false);
  });

  it('the bot acts on reports and checks the audit log, but never changes the roster or votes', () => {
    for (const action of [
      'report.coordinate',
      'report.transition',
      'report.grant',
      'audit.verify',
    ] as const) {
      expect(can(bot, action, report()).allowed).toBe(true);
    }
    expect(can(bot, 'roster.manage').allowed).toBe(false);
    expect(can(bot, 'nomination.vote').allowed).toBe(false);
  });

  it('a denial never carries report text, id, CVE or repository', () => {
    const secret = report();
    const denials = principals().flatMap((p) =>
      actions.map((action) => can(p, action, secret, { grants: [], now })).filter((d) => !d.allowed),
    );
    expect(denials.length).toBeGreaterThan(0);
    for (const { reason } of denials) {
      expect(reason).not.toMatch(/Secret|PSRT-2026|GHSA-|CVE-|python\/cpython/);
    }
  });

  it('a denial reads the same whether the report exists, is embargoed, or the grant lapsed', () => {
    const noGrant = can(stranger, 'report.comment', report(), { grants: [], now });
    const lapsed = can(expert, 'report.comment', report(), {
      grants: [grant({ expiresAt: new Date('2026-03-01T00:00:00Z') })],
      now,
    });
    const noReport = can(stranger, 'report.comment');
    expect(lapsed.reason).toBe(noGrant.reason);
    expect(noReport.reason).toBe(noGrant.reason);
  });

  function principals(): Principal[] {
    return [anonymous, bot, member, admin, releaseManager, expert, stranger];
  }
});

describe('a principal from the roster', () => {
  const roster: RosterEntry[] = [
    {
      list: 'member',
      position: 1,
      name: 'Ned Deily',
      login: 'ned-deily',
      roles: ['Admin', 'Release Manager'],
    },
    { list: 'member', position: 2, name: 'Petr Viktorin', login: 'encukou', roles: [] },
    { list: 'emeritus', position: 1, name: 'Anthony Baxter', login: 'abaxter', roles: ['Release Manager'] },
  ];

  it('a login on the member list is a member with that entry’s roles', () => {
    expect(principalFor('Ned-Deily', roster)).toEqual({
      kind: 'user',
      login: 'Ned-Deily',
      member: true,
      roles: ['Admin', 'Release Manager'],
    });
  });

  it('an emeritus member is not a member and keeps no roles', () => {
    expect(principalFor('abaxter', roster)).toEqual({
      kind: 'user',
      login: 'abaxter',
      member: false,
      roles: [],
    });
  });

  it('anyone else is a plain signed-in user', () => {
    expect(principalFor('someone', roster)).toEqual({
      kind: 'user',
      login: 'someone',
      member: false,
      roles: [],
    });
  });

  it('a member from the roster may see an embargoed report', () => {
    expect(canSeeReport(principalFor('encukou', roster), report(), [], now)).toBe(true);
  });
});
