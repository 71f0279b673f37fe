// Reports for store tests: a minimal triage report with every optional field
// empty, and one with every field filled, to prove rows map back exactly.

import { newReport } from '../../src/domain/intake.ts';
import type { Report } from '../../src/domain/report.ts';

export const at = (iso: string): Date => new Date(iso);
export const DAY_MS = 86_400_000;
export const daysAfter = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

export function minimalReport(overrides: Partial<Report> = {}): Report {
  const intake = {
    repository: 'python/cpython',
    title: 'Heap overflow in zipfile',
    description: 'A crafted archive overflows a buffer.',
  };
  return { ...newReport('PSRT-2026-0001', intake, at('2026-03-01T00:00:00.000Z')), ...overrides };
}

/** Every field set, nested dates included, with millisecond precision. */
export function fullReport(overrides: Partial<Report> = {}): Report {
  return minimalReport({
    id: 'PSRT-2026-0042',
    ghsaId: 'GHSA-2x3v-4w5c-6f7g',
    repository: 'pypa/pip',
    title: 'Path traversal in wheel install — “quoted” ünïcode',
    description: "Line one\nLine two with a \\ backslash and 'quotes' and emoji 🐍.",
    state: 'rejected',
    receivedAt: at('2026-01-15T08:30:00.123Z'),
    lastActivityAt: at('2026-02-01T10:00:00.456Z'),
    coordinator: 'sethmlarson',
    coordinatorSince: at('2026-01-16T09:00:00.000Z'),
    handoff: { to: 'hugovk', requestedAt: at('2026-01-20T12:00:00.789Z') },
    determination: 'not-a-vulnerability',
    cveId: 'CVE-2026-12345',
    cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    affected: [
      { ecosystem: 'PyPI', package: 'pip', vulnerableVersionRange: '< 25.1', patchedVersions: '25.1' },
      {
        ecosystem: 'PyPI',
        package: 'pip-tools',
        vulnerableVersionRange: '>= 7, < 7.4',
        patchedVersions: null,
      },
    ],
    fixPullRequests: [
      { url: 'https://github.com/pypa/pip/pull/1', public: true, merged: true, backport: false },
      { url: 'https://github.com/pypa/pip/pull/2', public: false, merged: false, backport: true },
    ],
    reporter: 'finder',
    creditPreference: { credit: true, name: 'A. Finder' },
    extensions: [
      {
        days: 30,
        reason: 'fix needs a release',
        reporterAgreed: true,
        grantedBy: 'sethmlarson',
        at: at('2026-01-25T00:00:00.001Z'),
      },
      {
        days: 14,
        reason: 'holidays',
        reporterAgreed: false,
        grantedBy: 'hugovk',
        at: at('2026-01-30T00:00:00.002Z'),
      },
    ],
    rejection: { reason: 'duplicate', detail: 'PSRT-2026-0007' },
    finishedAt: at('2026-02-01T10:00:00.456Z'),
    cra: {
      exploitationAwareAt: at('2026-01-17T00:00:00.000Z'),
      fixAvailableAt: at('2026-01-28T00:00:00.000Z'),
      earlyWarningSubmittedAt: at('2026-01-17T12:00:00.000Z'),
      notificationSubmittedAt: at('2026-01-19T00:00:00.000Z'),
      finalReportSubmittedAt: at('2026-02-05T00:00:00.000Z'),
      exploitation: {
        status: 'exploited',
        evidence: 'Attacks seen in the wild',
        recordedBy: 'sethmlarson',
        recordedAt: at('2026-01-17T00:05:00.000Z'),
      },
      measure: {
        description: 'Upgrade to 3.14.1',
        recordedBy: 'sethmlarson',
        recordedAt: at('2026-01-28T00:00:00.000Z'),
      },
      incident: null,
      csirtRequests: [
        {
          id: 1,
          csirt: 'CERT-FR',
          request: 'Which versions are affected?',
          askedAt: at('2026-01-18T09:00:00.000Z'),
          dueAt: at('2026-01-20T09:00:00.000Z'),
          recordedBy: 'sethmlarson',
          answer: {
            text: 'All before 3.14.1',
            answeredAt: at('2026-01-18T15:00:00.000Z'),
            answeredBy: 'sethmlarson',
          },
        },
      ],
      drafts: { 'early-warning': { memberStates: 'All EU Member States' } },
    },
    publication: {
      psfId: 'PSF-2026-3',
      aliases: ['GHSA-p8vw-m6qq-w42v'],
      cweIds: ['CWE-22'],
      credits: [
        { name: 'Ünïcode Finder', type: 'finder', login: null, state: 'accepted' },
        { name: 'Mira', type: 'remediation developer', login: 'mira', state: 'pending' },
      ],
      references: [
        { url: 'https://github.com/pypa/pip/issues/1', type: 'REPORT' },
        { url: 'https://github.com/pypa/pip/pull/2', type: 'FIX' },
      ],
      products: [
        {
          vendor: 'Python Software Foundation',
          product: 'pip',
          repo: 'https://github.com/pypa/pip',
          platforms: ['Windows'],
          modules: ['pip._internal'],
          programFiles: ['src/pip/_internal/wheel.py'],
          programRoutines: ['install_wheel'],
          defaultStatus: 'unaffected',
          versions: [{ version: '0', lessThan: '26.1', status: 'affected', versionType: 'python' }],
        },
      ],
    },
    createdAt: at('2026-01-15T08:30:00.123Z'),
    updatedAt: at('2026-02-01T10:00:00.456Z'),
    ...overrides,
  });
}
