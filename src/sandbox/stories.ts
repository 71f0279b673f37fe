// The sandbox's demo reports, as data: how each one reached the PSRT and what the team did
// with it, when. src/sandbox/replay.ts plays them as they happen in production (on GitHub,
// through psrt's bot, and through the same use-cases a person uses), at the times they
// happened, so the audit log, the clocks and the GHSAs look lived in.
//
// `filedAgo` is how long before "now" the report arrived; each step's `after` is how long
// after that (`2d 1h`: two days and an hour). A step acts as `as`, or else as the report's
// coordinator. CVE IDs are never written here: the CNA reserves one when a report is accepted.
import type { FieldPatch } from '../domain/fields.ts';
import type { Determination, RejectionReason } from '../domain/report.ts';

/** What a coordinator edits in a story: advisory fields, but never the CVE ID or the CRA times. */
export type StoryFields = Omit<FieldPatch, 'cveId' | 'exploitationAwareAt' | 'fixAvailableAt'>;

export type StoryStep = { after: string; as?: string } & (
  | { do: 'assign'; login: string }
  | { do: 'determine'; determination: Determination }
  | { do: 'accept' }
  | { do: 'grant'; login: string; reason: string; expiresIn?: string }
  | { do: 'edit'; fields: StoryFields }
  /** The team learns that the vulnerability is exploited in the wild, and why it thinks so: the CRA clocks start. */
  | { do: 'exploited'; evidence: string }
  | { do: 'extend'; days: number; reason: string; reporterAgreed: boolean }
  | { do: 'handoff'; to: string }
  | { do: 'publish' }
  /** A PSF CNA operator publishes the CVE record of a published report (`as` must be one). */
  | { do: 'approve-cve' }
  /** `duplicateOf` names the story of the original report; its GHSA (or PSRT) id becomes the detail. */
  | { do: 'reject'; reason: RejectionReason; detail?: string; duplicateOf?: string }
);

interface Intake {
  /** How the other stories name this one. */
  key: string;
  filedAgo: string;
  repository: string;
  title: string;
  description: string;
  steps: StoryStep[];
}

/**
 * How a report arrives (PEP 811: reports live on GitHub Security Advisories):
 * - `private report`: the reporter uses GitHub's private vulnerability reporting; psrt's bot
 *   sees the new GHSA and opens its report, in triage;
 * - `draft advisory`: a maintainer opens a draft GHSA themselves (`by`); psrt's bot sees it and
 *   opens its report already accepted (a draft is an accepted report: the bot reserves its CVE
 *   ID), so such a story has no `determine` or `accept` step;
 * - `email`: mail to security@ (received `receivedBefore` the filing) that a member files by
 *   hand, with no GHSA yet.
 */
export type ReportStory = Intake &
  (
    | { via: 'private report'; reporter: string }
    | { via: 'draft advisory'; by: string }
    | { via: 'email'; by: string; receivedBefore: string }
  );

const cpython = 'https://github.com/python/cpython';

export const stories: ReportStory[] = [
  {
    key: 'tarfile',
    // Accepted, due soon: the reporter is a collaborator.
    filedAgo: '84d',
    via: 'private report',
    reporter: 'mira-finds-bugs',
    repository: 'python/cpython',
    title: 'tarfile: extraction filter bypass with crafted hard links',
    description:
      'A crafted archive can make the "data" extraction filter write outside the destination directory via a hard link to a symlink.',
    steps: [
      { after: '1d', do: 'assign', as: 'sethmlarson', login: 'sethmlarson' },
      { after: '2d', do: 'determine', determination: 'vulnerability' },
      { after: '2d 1h', do: 'accept' },
      { after: '3d', do: 'grant', login: 'mira-finds-bugs', reason: 'reporter' },
      {
        after: '4d',
        do: 'edit',
        fields: { cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N' },
      },
    ],
  },
  {
    key: 'cookies',
    // Accepted and overdue.
    filedAgo: '97d',
    via: 'private report',
    reporter: 'kenji-sec',
    repository: 'python/cpython',
    title: 'http.cookies: quadratic time parsing of crafted Cookie headers',
    description: 'SimpleCookie.load() takes quadratic time on headers with many backslash escapes.',
    steps: [
      { after: '1d', do: 'assign', as: 'gpshead', login: 'gpshead' },
      { after: '2d', do: 'determine', determination: 'vulnerability' },
      { after: '2d 1h', do: 'accept' },
    ],
  },
  {
    key: 'zipfile',
    // Accepted with an extension the reporter agreed to; an expert has access with an expiry.
    filedAgo: '100d',
    via: 'private report',
    reporter: 'lena-audits',
    repository: 'python/cpython',
    title: 'zipfile: infinite loop on a crafted ZIP64 end-of-central-directory record',
    description: 'zipfile.ZipFile() loops forever on an archive whose ZIP64 locator points at itself.',
    steps: [
      { after: '1d', do: 'assign', as: 'encukou', login: 'encukou' },
      { after: '2d', do: 'determine', determination: 'vulnerability' },
      { after: '2d 1h', do: 'accept' },
      {
        after: '80d',
        do: 'extend',
        days: 30,
        reason: 'The fix needs a format change that must land in all maintained branches.',
        reporterAgreed: true,
      },
      {
        after: '81d',
        do: 'grant',
        login: 'zip-expert',
        reason: 'zipfile expert reviewing the fix',
        expiresIn: '45d',
      },
    ],
  },
  {
    key: 'sax',
    // Actively exploited: the CRA clocks run, the early warning due within 12 hours (the dashboard
    // warns, steward staff were mailed). A member opened the draft from reports of attacks.
    filedAgo: '2d',
    via: 'draft advisory',
    by: 'sethmlarson',
    repository: 'python/cpython',
    title: 'xml.sax: external entity expansion exploited in the wild',
    description:
      'Reports of exploitation against services that parse untrusted XML with a custom EntityResolver.',
    steps: [
      { after: '1h', do: 'assign', as: 'sethmlarson', login: 'sethmlarson' },
      {
        after: '1d 11h',
        do: 'exploited',
        evidence: 'Two hosting providers report attacks using this entity expansion against their XML APIs.',
      },
    ],
  },
  {
    key: 'pip-index',
    // Triage, idle for four days without a coordinator: automatic assignment is due.
    filedAgo: '4d',
    via: 'private report',
    reporter: 'pkg-sleuth',
    repository: 'pypa/pip',
    title: 'pip may follow a redirect to an untrusted index when --extra-index-url is set',
    description:
      'A redirect from an extra index can make pip fetch a distribution from a host the user never configured.',
    steps: [],
  },
  {
    key: 'email',
    // Triage: received by security@ three days before a member filed it; no GHSA yet.
    filedAgo: '1d',
    via: 'email',
    by: 'ewdurbin',
    receivedBefore: '3d',
    repository: 'python/cpython',
    title: 'email: header injection through folded encoded words',
    description: 'Folding an encoded word that contains CRLF lets a crafted display name add headers.',
    steps: [],
  },
  {
    key: 'ssl',
    // Triage with a coordinator who is handing off.
    filedAgo: '2d',
    via: 'private report',
    reporter: 'lena-audits',
    repository: 'python/cpython',
    title: 'ssl: hostname check skipped for IP address SANs with an embedded NUL',
    description:
      'A certificate whose IP address SAN contains a NUL byte passes match_hostname for a different address.',
    steps: [
      { after: '1h', do: 'assign', as: 'ewdurbin', login: 'ewdurbin' },
      { after: '1d', do: 'handoff', to: 'picnixz' },
    ],
  },
  {
    key: 'shutil',
    // Published, complete: fixed on three branches, described as the PSF describes CPython.
    filedAgo: '70d',
    via: 'private report',
    reporter: 'ada-example',
    repository: 'python/cpython',
    title: 'shutil.unpack_archive writes outside the target directory',
    description:
      'Archives with absolute member names were extracted outside the target directory on Windows.',
    steps: [
      { after: '1d', do: 'assign', as: 'sethmlarson', login: 'woodruffw' },
      { after: '2d', do: 'determine', determination: 'vulnerability' },
      { after: '2d 1h', do: 'accept' },
      {
        after: '25d',
        do: 'edit',
        fields: {
          cvssVector: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
          affected: [
            {
              ecosystem: 'GIT',
              repo: cpython,
              introduced: '0',
              fixed: [
                '3c1f2a9d5e7b4c6a8f0d2e4b6c8a0f1d3e5b7c9a',
                '8e0b6d4c2a1f3e5d7b9c0a2e4f6d8b1c3a5e7f90',
                'b47d19e3f5a2c8e6d0b4a7f1c3e9d5b2a6f8c0e4',
              ],
            },
          ],
          fixPullRequests: [
            {
              url: 'https://github.com/python/cpython/pull/140211',
              public: true,
              merged: true,
              backport: false,
            },
          ],
          creditPreference: { credit: true, name: 'Ada Example' },
          publication: {
            cweIds: ['CWE-22'],
            credits: [
              { name: 'Ada Example', type: 'reporter', login: 'ada-example', state: 'accepted' },
              { name: 'William Woodruff', type: 'coordinator', login: 'woodruffw', state: 'accepted' },
            ],
            references: [
              { url: 'https://github.com/python/cpython/issues/140210', type: 'REPORT' },
              { url: 'https://github.com/python/cpython/pull/140211', type: 'FIX' },
              { url: `${cpython}/commit/3c1f2a9d5e7b4c6a8f0d2e4b6c8a0f1d3e5b7c9a`, type: 'FIX' },
              { url: `${cpython}/commit/8e0b6d4c2a1f3e5d7b9c0a2e4f6d8b1c3a5e7f90`, type: 'FIX' },
              { url: `${cpython}/commit/b47d19e3f5a2c8e6d0b4a7f1c3e9d5b2a6f8c0e4`, type: 'FIX' },
            ],
            products: [
              {
                vendor: 'Python Software Foundation',
                product: 'CPython',
                repo: cpython,
                platforms: ['Windows'],
                modules: ['shutil'],
                programFiles: ['Lib/shutil.py'],
                programRoutines: ['shutil.unpack_archive'],
                defaultStatus: 'unaffected',
                versions: [
                  { version: '0', lessThan: '3.13.10', status: 'affected', versionType: 'python' },
                  { version: '3.14.0', lessThan: '3.14.1', status: 'affected', versionType: 'python' },
                  { version: '3.15.0a1', lessThan: '3.15.0a3', status: 'affected', versionType: 'python' },
                ],
              },
            ],
          },
        },
      },
      { after: '30d', do: 'publish' },
      // The PSF CNA operator reviews the CVE record beside the email, and publishes it.
      { after: '30d 2h', do: 'approve-cve', as: 'sethmlarson' },
    ],
  },
  {
    key: 'plistlib',
    // Accepted and ready to publish: fixed, scored, credited; it waits for "Send advisory".
    filedAgo: '40d',
    via: 'private report',
    reporter: 'kenji-sec',
    repository: 'python/cpython',
    title: 'plistlib: unbounded memory use on a crafted binary plist',
    description:
      'A binary plist declaring a huge object count makes plistlib.loads() allocate gigabytes before it reads any object.',
    steps: [
      { after: '1d', do: 'assign', as: 'sethmlarson', login: 'serhiy-storchaka' },
      { after: '2d', do: 'determine', determination: 'vulnerability' },
      { after: '2d 1h', do: 'accept' },
      {
        after: '30d',
        do: 'edit',
        fields: {
          cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N',
          affected: [
            {
              ecosystem: 'GIT',
              repo: cpython,
              introduced: '0',
              fixed: ['5d2c8e1a7f3b9d0c4e6a8b2f1d3c5e7a9b0d2f46', 'a91e3c5d7f0b2d4e6c8a1f3b5d7e9c0a2b4d6f81'],
            },
          ],
          fixPullRequests: [
            {
              url: 'https://github.com/python/cpython/pull/141020',
              public: true,
              merged: true,
              backport: false,
            },
          ],
          creditPreference: { credit: true, name: 'Kenji Sato' },
          publication: {
            cweIds: ['CWE-789'],
            credits: [{ name: 'Kenji Sato', type: 'reporter', login: 'kenji-sec', state: 'accepted' }],
            references: [
              { url: 'https://github.com/python/cpython/issues/141019', type: 'REPORT' },
              { url: 'https://github.com/python/cpython/pull/141020', type: 'FIX' },
              { url: `${cpython}/commit/5d2c8e1a7f3b9d0c4e6a8b2f1d3c5e7a9b0d2f46`, type: 'FIX' },
              { url: `${cpython}/commit/a91e3c5d7f0b2d4e6c8a1f3b5d7e9c0a2b4d6f81`, type: 'FIX' },
            ],
            products: [
              {
                vendor: 'Python Software Foundation',
                product: 'CPython',
                repo: cpython,
                platforms: [],
                modules: ['plistlib'],
                programFiles: ['Lib/plistlib.py'],
                programRoutines: ['plistlib.loads'],
                defaultStatus: 'unaffected',
                versions: [
                  { version: '0', lessThan: '3.14.3', status: 'affected', versionType: 'python' },
                  { version: '3.15.0a1', lessThan: '3.15.0a4', status: 'affected', versionType: 'python' },
                ],
              },
            ],
          },
        },
      },
    ],
  },
  {
    key: 'wheel',
    // Published: a pip maintainer found it and opened the draft.
    filedAgo: '60d',
    via: 'draft advisory',
    by: 'dstufft',
    repository: 'pypa/pip',
    title: 'Wheel RECORD hashes not verified for .data files',
    description: 'pip did not check RECORD hashes for files in the .data directory of a wheel.',
    steps: [
      { after: '1d', do: 'assign', as: 'dstufft', login: 'dstufft' },
      {
        after: '30d',
        do: 'edit',
        fields: {
          cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N',
          affected: [
            { ecosystem: 'PyPI', package: 'pip', vulnerableVersionRange: '< 26.1', patchedVersions: '26.1' },
          ],
          fixPullRequests: [
            { url: 'https://github.com/pypa/pip/pull/13402', public: true, merged: true, backport: false },
          ],
          creditPreference: { credit: false, name: null },
          publication: {
            cweIds: ['CWE-354'],
            references: [
              { url: 'https://github.com/pypa/pip/issues/13401', type: 'REPORT' },
              { url: 'https://github.com/pypa/pip/pull/13402', type: 'FIX' },
            ],
            products: [
              {
                vendor: 'Python Software Foundation',
                product: 'pip',
                repo: 'https://github.com/pypa/pip',
                platforms: [],
                modules: [],
                programFiles: [],
                programRoutines: [],
                defaultStatus: 'unaffected',
                versions: [{ version: '0', lessThan: '26.1', status: 'affected', versionType: 'python' }],
              },
            ],
          },
        },
      },
      // pip's advisories are PyPA's: the email and the CVE record, no PSF advisory database file.
      { after: '32d', do: 'publish' },
    ],
  },
  {
    key: 'tarfile-again',
    // Rejected: a duplicate of the tarfile report, found independently.
    filedAgo: '30d',
    via: 'private report',
    reporter: 'kenji-sec',
    repository: 'python/cpython',
    title: 'tarfile: hard link escape (second report)',
    description: 'The same hard-link escape as an earlier report, found independently.',
    // Rejecting is the coordinator's call, after their determination (devguide).
    steps: [
      { after: '22h', do: 'assign', as: 'sethmlarson', login: 'sethmlarson' },
      { after: '23h', do: 'determine', determination: 'vulnerability' },
      { after: '1d', do: 'reject', reason: 'duplicate', duplicateOf: 'tarfile' },
    ],
  },
  {
    key: 'normpath',
    // Rejected: a bug, but not a security one, moved to a public issue.
    filedAgo: '15d',
    via: 'private report',
    reporter: 'pkg-sleuth',
    repository: 'python/cpython',
    title: 'os.path.normpath is slow on very long paths',
    description: 'normpath takes seconds on multi-megabyte paths.',
    steps: [
      { after: '1d', do: 'assign', as: 'serhiy-storchaka', login: 'serhiy-storchaka' },
      { after: '1d 1h', do: 'determine', determination: 'not-security-bug' },
      {
        after: '2d',
        do: 'reject',
        reason: 'public-issue',
        detail: 'https://github.com/python/cpython/issues/140390',
      },
    ],
  },
];

/** The GitHub users who reported the demo reports (the simulator must know them). */
export const storyReporters = (): string[] => [
  ...new Set(stories.flatMap((story) => (story.via === 'private report' ? [story.reporter] : []))),
];
