import { expect, it } from 'vitest';
import { canSeeReport, reportScope } from '../../src/domain/access.ts';
import {
  type Grant,
  type Principal,
  type Report,
  type ReportState,
  reportStates,
} from '../../src/domain/report.ts';
import {
  activeGrantsFor,
  expiredGrants,
  insertGrant,
  insertReport,
  listGrants,
  listReports,
  type ReportScope,
  revokeGrant,
  updateReport,
} from '../../src/store/index.ts';
import { openStates } from '../../src/store/schema.ts';
import { admin, anonymous, bot, expert, member, releaseManager, stranger } from '../domain/principals.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, daysAfter, minimalReport } from './fixtures.ts';

const now = at('2026-06-01T00:00:00Z');

/** Six reports; the deadline is what orders them, not the id or insertion order. */
const catalogue: [id: string, state: ReportState, deadline: string][] = [
  ['PSRT-2026-0001', 'triage', '2026-07-01T00:00:00Z'],
  ['PSRT-2026-0002', 'accepted', '2026-05-20T00:00:00Z'], // overdue
  ['PSRT-2026-0003', 'published', '2026-04-01T00:00:00Z'],
  ['PSRT-2026-0004', 'rejected', '2026-03-01T00:00:00Z'],
  ['PSRT-2026-0005', 'triage', '2026-06-10T00:00:00Z'],
  ['PSRT-2026-0006', 'published', '2026-08-01T00:00:00Z'],
];

const grant = (reportId: string, login: string, extra: { expiresAt?: Date | null } = {}) => ({
  reportId,
  login,
  grantedBy: 'coordinator',
  reason: 'maintains the affected module',
  grantedAt: at('2026-05-01T00:00:00Z'),
  expiresAt: extra.expiresAt ?? null,
  revokedAt: null,
  revokedBy: null,
});

forEachEngine('report access', ({ store }) => {
  async function seed(): Promise<void> {
    for (const [id, state, deadline] of [...catalogue].reverse()) {
      await insertReport(store().db, minimalReport({ id, state }), at(deadline));
    }
  }
  const ids = async (
    scope: ReportScope,
    options: { open?: boolean; limit?: number; offset?: number } = {},
  ) => {
    const page = await listReports(store().db, scope, { now, ...options });
    return { ids: page.reports.map((r: Report) => r.id), total: page.total };
  };

  it('a member sees every report, overdue first, then by disclosure deadline', async () => {
    await seed();
    expect(await ids({ kind: 'all' })).toEqual({
      ids: [
        'PSRT-2026-0004',
        'PSRT-2026-0003',
        'PSRT-2026-0002',
        'PSRT-2026-0005',
        'PSRT-2026-0001',
        'PSRT-2026-0006',
      ],
      total: 6,
    });
    expect(await ids({ kind: 'all' }, { open: true })).toEqual({
      ids: ['PSRT-2026-0002', 'PSRT-2026-0005', 'PSRT-2026-0001'],
      total: 3,
    });
    expect(await ids({ kind: 'all' }, { open: false })).toEqual({
      ids: ['PSRT-2026-0004', 'PSRT-2026-0003', 'PSRT-2026-0006'],
      total: 3,
    });
  });

  it('pages keep the order and the total counts all matching reports', async () => {
    await seed();
    expect(await ids({ kind: 'all' }, { limit: 2, offset: 2 })).toEqual({
      ids: ['PSRT-2026-0002', 'PSRT-2026-0005'],
      total: 6,
    });
  });

  it('a collaborator sees the reports granted to them plus published ones, and nothing else', async () => {
    await seed();
    await insertGrant(store().db, grant('PSRT-2026-0005', 'Expert'));
    expect(await ids({ kind: 'granted', login: 'expert' })).toEqual({
      ids: ['PSRT-2026-0003', 'PSRT-2026-0005', 'PSRT-2026-0006'],
      total: 3,
    });
    expect(await ids({ kind: 'granted', login: 'EXPERT' }, { open: true })).toEqual({
      ids: ['PSRT-2026-0005'],
      total: 1,
    });
  });

  it('a collaborator whose grant expired or was revoked sees no embargoed report', async () => {
    await seed();
    await insertGrant(store().db, grant('PSRT-2026-0001', 'expert', { expiresAt: now }));
    const revocable = await insertGrant(store().db, grant('PSRT-2026-0002', 'expert'));
    await revokeGrant(store().db, revocable.id, 'coordinator', at('2026-05-15T00:00:00Z'));
    expect(await ids({ kind: 'granted', login: 'expert' }, { open: true })).toEqual({ ids: [], total: 0 });
    expect((await ids({ kind: 'granted', login: 'expert' })).ids).toEqual([
      'PSRT-2026-0003',
      'PSRT-2026-0006',
    ]);
  });

  it('a grant to someone else does not show the report to a collaborator', async () => {
    await seed();
    await insertGrant(store().db, grant('PSRT-2026-0001', 'someone-else'));
    expect(await ids({ kind: 'granted', login: 'expert' }, { open: true })).toEqual({ ids: [], total: 0 });
  });

  it('anyone signed out sees published reports only', async () => {
    await seed();
    await insertGrant(store().db, grant('PSRT-2026-0001', 'expert'));
    expect(await ids({ kind: 'published' })).toEqual({ ids: ['PSRT-2026-0003', 'PSRT-2026-0006'], total: 2 });
    expect(await ids({ kind: 'published' }, { open: true })).toEqual({ ids: [], total: 0 });
  });

  it('grants are listed per report, and per login only while active', async () => {
    await seed();
    const first = await insertGrant(store().db, { id: 'grant-a', ...grant('PSRT-2026-0001', 'expert') });
    const second = await insertGrant(
      store().db,
      grant('PSRT-2026-0005', 'Expert', { expiresAt: at('2026-06-02T00:00:00Z') }),
    );
    await insertGrant(
      store().db,
      grant('PSRT-2026-0002', 'expert', { expiresAt: at('2026-05-31T00:00:00Z') }),
    );
    expect(first.id).toBe('grant-a');
    expect(second.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await listGrants(store().db, 'PSRT-2026-0001')).toStrictEqual([first]);
    expect((await activeGrantsFor(store().db, 'EXPERT', now)).map((g) => g.reportId)).toEqual([
      'PSRT-2026-0001',
      'PSRT-2026-0005',
    ]);
  });

  it('revoking records who and when, and only once', async () => {
    await seed();
    const granted = await insertGrant(store().db, grant('PSRT-2026-0001', 'expert'));
    const revoked = await revokeGrant(store().db, granted.id, 'admin', at('2026-05-20T00:00:00Z'));
    expect(revoked).toStrictEqual({ ...granted, revokedAt: at('2026-05-20T00:00:00Z'), revokedBy: 'admin' });
    expect(await revokeGrant(store().db, granted.id, 'admin', at('2026-05-21T00:00:00Z'))).toBeNull();
  });

  it('an open-ended grant lasts until 14 days after its report is finished, and again once it is reopened', async () => {
    const finishedAt = at('2026-05-25T00:00:00Z');
    const report = minimalReport({ id: 'PSRT-2026-0007', state: 'rejected', finishedAt });
    await insertReport(store().db, report, at('2026-07-01T00:00:00Z'));
    await insertGrant(store().db, grant(report.id, 'expert'));
    const visible = async (when: Date) =>
      (await listReports(store().db, { kind: 'granted', login: 'Expert' }, { now: when })).reports.map(
        (r) => r.id,
      );
    const stillOn = daysAfter(finishedAt, 14);
    expect(await visible(new Date(stillOn.getTime() - 1))).toEqual([report.id]);
    expect(await visible(stillOn)).toEqual([]);
    expect((await expiredGrants(store().db, stillOn)).map((g) => g.login)).toEqual(['expert']);
    expect(await activeGrantsFor(store().db, 'expert', stillOn)).toEqual([]);

    await updateReport(
      store().db,
      { ...report, state: 'triage', finishedAt: null },
      at('2026-07-01T00:00:00Z'),
    );
    expect(await visible(daysAfter(stillOn, 30))).toEqual([report.id]);
    expect(await expiredGrants(store().db, daysAfter(stillOn, 30))).toEqual([]);
  });

  it('a chosen expiry holds whatever the report does', async () => {
    const explicit = at('2026-06-20T00:00:00Z');
    const report = minimalReport({ id: 'PSRT-2026-0008', state: 'triage' });
    await insertReport(store().db, report, at('2026-07-01T00:00:00Z'));
    await insertGrant(store().db, grant(report.id, 'expert', { expiresAt: explicit }));
    expect((await activeGrantsFor(store().db, 'expert', new Date(explicit.getTime() - 1))).length).toBe(1);
    expect(await activeGrantsFor(store().db, 'expert', explicit)).toEqual([]);
    expect((await expiredGrants(store().db, explicit)).length).toBe(1);
  });

  // The listing's SQL and canSeeReport (domain/access) are two writings of one rule: every
  // principal, on reports in every state, finished or not, with grants active, expired, revoked
  // and ended by their report's finish, gets from the real query exactly what the rule allows.
  it('the store filter and the single-report check never disagree', async () => {
    const everyCase = await seedEveryCase();
    const allowed = (principal: Principal, open: boolean | undefined) =>
      everyCase
        .filter(({ report, grants }) => canSeeReport(principal, report, grants, now))
        .filter(({ report }) => open === undefined || isOpen(report) === open)
        .map(({ report }) => report.id)
        .sort();
    for (const principal of principals) {
      for (const open of [undefined, true, false]) {
        const page = await listReports(store().db, reportScope(principal), { now, open, limit: 1000 });
        const listed = page.reports.map((r) => r.id).sort();
        const who = `${principal.kind === 'user' ? principal.login : principal.kind}, open: ${open}`;
        expect(listed, who).toEqual(allowed(principal, open));
        expect(page.total, who).toBe(listed.length);
      }
    }
  });

  /** One report per state and finish (none, 3 and 30 days ago), each with the same five grants. */
  async function seedEveryCase(): Promise<{ report: Report; grants: Grant[] }[]> {
    const finishes = [null, daysAfter(now, -3), daysAfter(now, -30)];
    const seeded: { report: Report; grants: Grant[] }[] = [];
    let n = 0;
    for (const state of reportStates) {
      for (const finishedAt of finishes) {
        n += 1;
        const report = minimalReport({ id: `PSRT-2026-${String(n).padStart(4, '0')}`, state, finishedAt });
        await insertReport(store().db, report, daysAfter(now, 10 + n));
        const grants: Grant[] = [];
        for (const [login, extra] of grantCases) {
          const stored = await insertGrant(store().db, grant(report.id, login, extra));
          grants.push(
            extra.revoked
              ? ((await revokeGrant(store().db, stored.id, 'admin', extra.revoked)) ?? stored)
              : stored,
          );
        }
        seeded.push({ report, grants });
      }
    }
    return seeded;
  }
});

const isOpen = (report: Report) => (openStates as readonly string[]).includes(report.state);

/** Grants each report of the comparison holds: login, and how the grant stands at `now`. */
const grantCases: [login: string, extra: { expiresAt?: Date; revoked?: Date }][] = [
  ['expert', {}],
  ['lapsed', { expiresAt: daysAfter(now, -1) }],
  ['revoked', { revoked: daysAfter(now, -2) }],
  ['future', { expiresAt: daysAfter(now, 5) }],
  ['later', { expiresAt: daysAfter(now, 60) }],
];

const principals: Principal[] = [
  anonymous,
  bot,
  member,
  admin,
  releaseManager,
  expert,
  stranger,
  { kind: 'user', login: 'lapsed', member: false, roles: [] },
  { kind: 'user', login: 'revoked', member: false, roles: [] },
  { kind: 'user', login: 'FUTURE', member: false, roles: [] },
  { kind: 'user', login: 'Later', member: false, roles: [] },
];
