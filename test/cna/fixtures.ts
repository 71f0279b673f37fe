// A CNA container as the PSF would publish it for CVE-2023-6507 (CPython
// subprocess kept the parent's groups with extra_groups=[]), from the facts of
// PSF-2023-12 in the PSF advisory database, and the PSF as a CNA to seed.
// Plain data, so that tests of the simulator load nothing more.

import type { OrgSeed } from '../../sim/cve-services/index.ts';
import type { CnaContainer } from '../../src/cna/schemas.ts';

/** The PSF's organization UUID in CVE Services, as its published records carry it. */
export const PSF_ORG_ID = '28c92f92-d60d-412d-b760-e73465c3df22';
export const PSF_ADMIN = { username: 'sethmlarson@python.org', apiKey: 'psf-admin-key-for-the-simulator' };

export const psfCna = (changes: Partial<OrgSeed> = {}): OrgSeed => ({
  shortName: 'PSF',
  name: 'Python Software Foundation',
  uuid: PSF_ORG_ID,
  idQuota: 20,
  roles: ['CNA'],
  users: [{ ...PSF_ADMIN, roles: ['ADMIN'] }],
  ...changes,
});

/** The simulator's clock in these tests: early June 2025. */
export const SIM_NOW = new Date('2025-06-02T09:30:00.000Z');

/**
 * Local, only where CPython runs with the privilege to call setgroups (typically
 * root) and a program passes extra_groups=[]; the child keeps root's groups.
 * Score and severity as FIRST's calculator gives them (checked in records.test.ts).
 */
export const cpythonSubprocessCvss = {
  vector: 'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N',
  score: 5.8,
  severity: 'MEDIUM',
} as const;

export function cpythonSubprocessContainer(): CnaContainer {
  const cvss = cpythonSubprocessCvss;
  const commits = [
    '9fe7655c6ce0b8e9adc229daf681b6d30e6b1610',
    '10e9bb13b8dcaa414645b9bd10718d8f7179e82b',
    '85bbfa8a4bbdbb61a3a84fbd7cb29a4096ab8a06',
  ];
  return {
    title: "Groups not dropped before running subprocess when using empty 'extra_groups' parameter",
    datePublic: '2023-12-08T18:20:49.583Z',
    descriptions: [
      {
        lang: 'en',
        value:
          'An issue was found in CPython 3.12.0 `subprocess` module on POSIX platforms. The issue was fixed in CPython 3.12.1 and does not affect other stable releases.\n\n' +
          "When using the `extra_groups=` parameter with an empty list as a value (ie `extra_groups=[]`) the logic regressed to not call `setgroups(0, NULL)` before calling `exec()`, thus not dropping the original processes' groups before starting the new process. There is no issue when the parameter isn't used or when any value is used besides an empty list.\n\n" +
          'This issue only impacts CPython processes run with sufficient privilege to make the `setgroups` system call (typically `root`).',
      },
    ],
    affected: [
      {
        vendor: 'Python Software Foundation',
        product: 'CPython',
        repo: 'https://github.com/python/cpython',
        modules: ['subprocess'],
        defaultStatus: 'unaffected',
        versions: [{ version: '3.12.0', lessThan: '3.12.1', status: 'affected', versionType: 'python' }],
      },
    ],
    problemTypes: [
      {
        descriptions: [
          {
            lang: 'en',
            type: 'CWE',
            cweId: 'CWE-273',
            description: 'CWE-273 Improper Check for Dropped Privileges',
          },
        ],
      },
    ],
    metrics: [
      {
        format: 'CVSS',
        scenarios: [{ lang: 'en', value: 'GENERAL' }],
        cvssV4_0: {
          version: '4.0',
          vectorString: cvss.vector,
          baseScore: cvss.score,
          baseSeverity: cvss.severity,
          attackVector: 'LOCAL',
          attackComplexity: 'LOW',
          attackRequirements: 'PRESENT',
          privilegesRequired: 'LOW',
          userInteraction: 'NONE',
          vulnConfidentialityImpact: 'HIGH',
          vulnIntegrityImpact: 'LOW',
          vulnAvailabilityImpact: 'NONE',
          subConfidentialityImpact: 'NONE',
          subIntegrityImpact: 'NONE',
          subAvailabilityImpact: 'NONE',
        },
      },
    ],
    references: [
      { url: 'https://github.com/python/cpython/issues/112334', tags: ['issue-tracking'] },
      {
        url: 'https://mail.python.org/archives/list/security-announce@python.org/thread/AUL7QFHBLILGISS7U63B47AYSSGJJQZD/',
        tags: ['vendor-advisory', 'mailing-list'],
      },
      ...commits.map((sha) => ({ url: `https://github.com/python/cpython/commit/${sha}`, tags: ['patch'] })),
    ],
  };
}
