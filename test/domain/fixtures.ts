// Reports and grants as the domain tests need them: a fresh triage report
// received on 1 March 2026, and the same report made ready to publish.

import { newReport } from '../../src/domain/intake.ts';
import type { Grant, Report } from '../../src/domain/report.ts';

export const at = (iso: string): Date => new Date(iso);

export function makeReport(overrides: Partial<Report> = {}): Report {
  const intake = {
    repository: 'python/cpython',
    title: 'Heap overflow in zipfile',
    description: 'A crafted archive overflows a buffer.',
    reporter: 'finder',
  };
  return { ...newReport('PSRT-2026-0001', intake, at('2026-03-01T00:00:00.000Z')), ...overrides };
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
