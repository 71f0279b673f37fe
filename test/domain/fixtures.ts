// Reports and grants as the domain tests need them: a fresh triage report
// received on 1 March 2026, and the same report made ready to publish.

import type { Grant, Report } from '../../src/domain/report.ts';

export const at = (iso: string): Date => new Date(iso);

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    id: 'PSRT-2026-0001',
    ghsaId: null,
    repository: 'python/cpython',
    title: 'Heap overflow in zipfile',
    description: 'A crafted archive overflows a buffer.',
    state: 'triage',
    receivedAt: at('2026-03-01T00:00:00.000Z'),
    lastActivityAt: at('2026-03-01T00:00:00.000Z'),
    coordinator: null,
    coordinatorSince: null,
    handoff: null,
    determination: null,
    cveId: null,
    cvssVector: null,
    affected: [],
    fixPullRequests: [],
    reporter: 'finder',
    creditPreference: null,
    extensions: [],
    rejection: null,
    finishedAt: null,
    cra: {
      exploitationAwareAt: null,
      fixAvailableAt: null,
      earlyWarningSubmittedAt: null,
      notificationSubmittedAt: null,
      finalReportSubmittedAt: null,
    },
    createdAt: at('2026-03-01T00:00:00.000Z'),
    updatedAt: at('2026-03-01T00:00:00.000Z'),
    ...overrides,
  };
}

/** An accepted report with everything publication needs. */
export function readyToPublish(overrides: Partial<Report> = {}): Report {
  return makeReport({
    state: 'accepted',
    ghsaId: 'GHSA-2x3v-4w5c-6f7g',
    coordinator: 'coordinator',
    coordinatorSince: at('2026-03-02T00:00:00.000Z'),
    determination: 'vulnerability',
    cveId: 'CVE-2026-12345',
    cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    affected: [
      {
        ecosystem: 'PyPI',
        package: 'cpython',
        vulnerableVersionRange: '< 3.14.1',
        patchedVersions: '3.14.1',
      },
    ],
    fixPullRequests: [
      { url: 'https://github.com/python/cpython/pull/140000', public: true, merged: true, backport: false },
    ],
    creditPreference: { credit: true, name: 'A. Finder' },
    updatedAt: at('2026-03-10T00:00:00.000Z'),
    ...overrides,
  });
}

export function makeGrant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'grant-1',
    reportId: 'PSRT-2026-0001',
    login: 'expert',
    grantedBy: 'coordinator',
    reason: 'owns the zipfile module',
    grantedAt: at('2026-03-05T00:00:00.000Z'),
    expiresAt: null,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}
