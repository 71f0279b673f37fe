// The inactivity report's evidence as the store reads it: members' GHSA
// comments and changes in psrt, whatever case GitHub writes their login in;
// reporters' and other outsiders' are not read (they have no standing).
import { expect, it } from 'vitest';
import {
  appendAudit,
  insertReport,
  recordGhsaComments,
  replaceRosterList,
  reportActivityDuring,
} from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, minimalReport } from './fixtures.ts';

forEachEngine('inactivity evidence', ({ store }) => {
  it("a member's comments and changes are evidence whatever the case of their login; an outsider's are not read", async () => {
    const report = minimalReport({ ghsaId: 'GHSA-2345-6789-cfgh' });
    const period = { from: at('2026-01-01T00:00:00Z'), to: at('2027-01-01T00:00:00Z') };
    await store().transaction(async (tx) => {
      await replaceRosterList(tx, 'member', [
        { list: 'member', position: 1, name: 'Adam Turner', login: 'AA-Turner', roles: [] },
      ]);
      await replaceRosterList(tx, 'emeritus', [
        { list: 'emeritus', position: 1, name: 'Former Member', login: 'former', roles: [] },
      ]);
      await insertReport(tx, report, at('2026-06-01T00:00:00Z'));
      await recordGhsaComments(
        tx,
        [
          ['aa-turner', 1],
          ['finder-12', 2],
          ['former', 3],
        ].map(([author, commentId]) => ({
          commentId: commentId as number,
          ghsaId: 'GHSA-2345-6789-cfgh',
          reportId: report.id,
          author: author as string,
          writtenAt: at('2026-03-02T00:00:00Z'),
        })),
      );
      for (const actor of ['AA-TURNER', 'finder-12'])
        await appendAudit(tx, {
          actor,
          action: 'report.edit',
          subject: report.id,
          at: at('2026-03-03T00:00:00Z'),
          change: {},
        });
    });
    const rows = await reportActivityDuring(store().db, period);
    expect(rows.map(({ login, kind, count }) => ({ login: login.toLowerCase(), kind, count }))).toEqual([
      { login: 'aa-turner', kind: 'commented', count: 1 },
      { login: 'aa-turner', kind: 'acted', count: 1 },
    ]);
  });
});
