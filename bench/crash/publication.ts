// The crash round's publications: two reports accepted earlier (their
// acceptance's effects long done) and given what publishing needs. One is
// published by a CNA operator with its CVE record, so the runners killed
// afterwards send its advisory email and, once it is sent, commit its OSV
// file, close its GHSA and publish its CVE record; the other was published
// earlier without its CVE record, which a CNA operator approves now.

import type { AppContext } from '../../src/app/context.ts';
import { approveCveRecord, publishReport } from '../../src/app/publish.ts';
import { editReport, transitionReport } from '../../src/app/reports.ts';
import type { Principal, Report } from '../../src/domain/report.ts';

/** The round's PSF CNA operator: the coordinator publishes the CVE record himself, or approves it after. */
export const cnaOperators = ['sethmlarson'];

/** What the advisory emails go to: the SMTP server counts them apart from the team's mail. */
export const announceAddress = 'security-announce@crash.test';

/** The facts a publication needs beside the report's own (publish.test.ts has the same). */
const publicationFacts = (n: number) => ({
  cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
  affected: [
    {
      ecosystem: 'GIT' as const,
      repo: 'https://github.com/python/cpython',
      introduced: '0',
      fixed: [String(n).repeat(40).slice(0, 40)],
    },
  ],
  fixPullRequests: [
    { url: `https://github.com/python/cpython/pull/14000${n}`, public: true, merged: true, backport: false },
  ],
  creditPreference: { credit: true, name: 'Mira Finds-Bugs' },
  publication: {
    cweIds: ['CWE-22'],
    credits: [
      {
        name: 'Mira Finds-Bugs',
        type: 'reporter' as const,
        login: 'mira-finds-bugs',
        state: 'accepted' as const,
      },
    ],
    references: [
      { url: `https://github.com/python/cpython/issues/15000${n}`, type: 'REPORT' as const },
      { url: `https://github.com/python/cpython/pull/14000${n}`, type: 'FIX' as const },
    ],
    products: [
      {
        vendor: 'Python Software Foundation',
        product: 'CPython',
        repo: 'https://github.com/python/cpython',
        platforms: [],
        modules: ['tarfile'],
        programFiles: ['Lib/tarfile.py'],
        programRoutines: [],
        defaultStatus: 'unaffected' as const,
        versions: [
          { version: '0', lessThan: '3.14.2', status: 'affected' as const, versionType: 'python' as const },
        ],
      },
    ],
  },
});

/**
 * Accepts `first` and `first + 1` (triaged, with a GHSA) and lets `settle` perform what accepting
 * asked for (the CVE ID reserved and set on the GHSA). The second is published without its CVE
 * record and settled (its email sent, so it is published: OSV committed, GHSA closed), then its
 * CVE record approved; the first is published with its CVE record (its coordinator is a CNA
 * operator). What those two last steps ask for is left to the round's runners.
 */
export async function publishTwoReports(
  ctx: AppContext,
  seth: Principal,
  triaged: (n: number, ghsa: true) => Promise<Report>,
  settle: () => Promise<void>,
  first: number,
): Promise<void> {
  const reports = [await triaged(first, true), await triaged(first + 1, true)];
  for (const report of reports) await transitionReport(ctx, seth, report.id, 'accept');
  await settle();
  for (const [i, report] of reports.entries())
    await editReport(ctx, seth, report.id, publicationFacts(first + i));
  const [withCve, approvedAfter] = reports.map((report) => report.id) as [string, string];
  await publishReport(ctx, seth, approvedAfter, { cnaOperators });
  await settle();
  await approveCveRecord(ctx, seth, approvedAfter, cnaOperators);
  await publishReport(ctx, seth, withCve, { cnaOperators, publishCve: true });
}
