// Demo data for sandbox mode: the real PSRT roster and invented reports in
// every state, created through the same use-cases a person would use, at the
// times they would have happened, so the audit log and clocks are realistic.
import { readFileSync } from 'node:fs';
import type { Principal } from '../domain/report.ts';
import { DAY_MS as DAY, HOUR_MS as HOUR } from '../domain/time.ts';
import { listReports } from '../store/index.ts';
import type { DemoVisitor } from '../web/pages/signin.tsx';
import { type AppContext, botPrincipal } from './context.ts';
import { grantAccess } from './grants.ts';
import {
  assignCoordinator,
  createReport,
  determineReport,
  editReport,
  extendDeadline,
  requestHandoff,
  transitionReport,
} from './reports.ts';
import { getRoster, importRoster, resolvePrincipal } from './roster.ts';

/** People who are not on the roster, to show what the embargo hides. */
export const demoVisitors: DemoVisitor[] = [
  {
    login: 'mira-finds-bugs',
    label: 'Mira (reporter)',
    description: 'the reporter, granted access to her report',
  },
  { login: 'zip-expert', label: 'Kai (expert)', description: 'an expert, granted access to one report' },
  { login: 'curious-visitor', label: 'A visitor', description: 'signed in, but no access to anything' },
];

const rosterFile = (name: string) => readFileSync(new URL(`../../sandbox/${name}`, import.meta.url), 'utf8');

type Step = { at: number; run: (ctx: AppContext, ids: Map<string, string>) => Promise<unknown> };

/** A short script of what happened to one demo report, in hours/days before "now". */
function story(
  key: string,
  steps: Array<[offsetMs: number, run: (ctx: AppContext, id: string) => Promise<unknown>]>,
): Step[] {
  return steps.map(([at, run]) => ({ at, run: (ctx, ids) => run(ctx, ids.get(key) ?? key) }));
}

function create(key: string, at: number, input: Parameters<typeof createReport>[2], by: string): Step {
  return {
    at,
    run: async (ctx, ids) => {
      const report = await createReport(ctx, await as(ctx, by), input);
      ids.set(key, report.id);
    },
  };
}

const as = (ctx: AppContext, login: string): Promise<Principal> => resolvePrincipal(ctx, login);

function demoStories(now: number): Step[] {
  const ago = (ms: number) => now - ms;
  const fixPr = (n: number, repo = 'python/cpython') => ({
    url: `https://github.com/${repo}/pull/${n}`,
    public: true,
    merged: true,
    backport: false,
  });
  return [
    // Accepted, due soon: the reporter is a collaborator.
    create(
      'tarfile',
      ago(84 * DAY),
      {
        repository: 'python/cpython',
        title: 'tarfile: extraction filter bypass with crafted hard links',
        description:
          'A crafted archive can make the "data" extraction filter write outside the destination directory via a hard link to a symlink.',
        ghsaId: 'GHSA-7x2c-3vq9-h4mf',
        reporter: 'mira-finds-bugs',
      },
      'sethmlarson',
    ),
    ...story('tarfile', [
      [
        ago(83 * DAY),
        async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'sethmlarson'), id, 'sethmlarson'),
      ],
      [
        ago(82 * DAY),
        async (ctx, id) => determineReport(ctx, await as(ctx, 'sethmlarson'), id, 'vulnerability'),
      ],
      [
        ago(82 * DAY - HOUR),
        async (ctx, id) => transitionReport(ctx, await as(ctx, 'sethmlarson'), id, 'accept'),
      ],
      [
        ago(81 * DAY),
        async (ctx, id) =>
          grantAccess(ctx, await as(ctx, 'sethmlarson'), id, {
            login: 'mira-finds-bugs',
            reason: 'reporter',
          }),
      ],
      [
        ago(80 * DAY),
        async (ctx, id) =>
          editReport(ctx, await as(ctx, 'sethmlarson'), id, {
            cveId: 'CVE-2026-40101',
            cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
          }),
      ],
    ]),
    // Accepted and overdue.
    create(
      'cookies',
      ago(97 * DAY),
      {
        repository: 'python/cpython',
        title: 'http.cookies: quadratic time parsing of crafted Cookie headers',
        description: 'SimpleCookie.load() takes quadratic time on headers with many backslash escapes.',
        receivedAt: new Date(ago(97 * DAY)),
      },
      'gpshead',
    ),
    ...story('cookies', [
      [ago(96 * DAY), async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'gpshead'), id, 'gpshead')],
      [ago(95 * DAY), async (ctx, id) => determineReport(ctx, await as(ctx, 'gpshead'), id, 'vulnerability')],
      [
        ago(95 * DAY - HOUR),
        async (ctx, id) => transitionReport(ctx, await as(ctx, 'gpshead'), id, 'accept'),
      ],
    ]),
    // Accepted with an extension the reporter agreed to; an expert has access with an expiry.
    create(
      'zipfile',
      ago(100 * DAY),
      {
        repository: 'python/cpython',
        title: 'zipfile: infinite loop on a crafted ZIP64 end-of-central-directory record',
        description: 'zipfile.ZipFile() loops forever on an archive whose ZIP64 locator points at itself.',
      },
      'encukou',
    ),
    ...story('zipfile', [
      [ago(99 * DAY), async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'encukou'), id, 'encukou')],
      [ago(98 * DAY), async (ctx, id) => determineReport(ctx, await as(ctx, 'encukou'), id, 'vulnerability')],
      [
        ago(98 * DAY - HOUR),
        async (ctx, id) => transitionReport(ctx, await as(ctx, 'encukou'), id, 'accept'),
      ],
      [
        ago(20 * DAY),
        async (ctx, id) =>
          extendDeadline(ctx, await as(ctx, 'encukou'), id, {
            days: 30,
            reason: 'The fix needs a format change that must land in all maintained branches.',
            reporterAgreed: true,
          }),
      ],
      [
        ago(19 * DAY),
        async (ctx, id) =>
          grantAccess(ctx, await as(ctx, 'encukou'), id, {
            login: 'zip-expert',
            reason: 'zipfile expert reviewing the fix',
            expiresAt: new Date(now + 30 * DAY),
          }),
      ],
    ]),
    // Actively exploited: the CRA clocks run.
    create(
      'sax',
      ago(2 * DAY),
      {
        repository: 'python/cpython',
        title: 'xml.sax: external entity expansion exploited in the wild',
        description:
          'Reports of exploitation against services that parse untrusted XML with a custom EntityResolver.',
      },
      'sethmlarson',
    ),
    ...story('sax', [
      [
        ago(2 * DAY - HOUR),
        async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'sethmlarson'), id, 'sethmlarson'),
      ],
      [
        ago(2 * DAY - 2 * HOUR),
        async (ctx, id) => determineReport(ctx, await as(ctx, 'sethmlarson'), id, 'vulnerability'),
      ],
      [
        ago(2 * DAY - 3 * HOUR),
        async (ctx, id) => transitionReport(ctx, await as(ctx, 'sethmlarson'), id, 'accept'),
      ],
      [
        ago(10 * HOUR),
        async (ctx, id) =>
          editReport(ctx, await as(ctx, 'sethmlarson'), id, {
            exploitationAwareAt: new Date(ago(10 * HOUR)),
          }),
      ],
    ]),
    // Triage, idle for four days without a coordinator: automatic assignment is due.
    create(
      'pip-index',
      ago(4 * DAY),
      {
        repository: 'pypa/pip',
        title: 'pip may follow a redirect to an untrusted index when --extra-index-url is set',
        description:
          'A redirect from an extra index can make pip fetch a distribution from a host the user never configured.',
        ghsaId: 'GHSA-m4qp-9fvw-c2hx',
      },
      'pradyunsg',
    ),
    // Triage: first received by security@ three days before it was filed on GHSA.
    create(
      'email',
      ago(1 * DAY),
      {
        repository: 'python/cpython',
        title: 'email: header injection through folded encoded words',
        description: 'Folding an encoded word that contains CRLF lets a crafted display name add headers.',
        receivedAt: new Date(ago(4 * DAY)),
      },
      'ewdurbin',
    ),
    // Triage with a coordinator who is handing off.
    create(
      'ssl',
      ago(2 * DAY),
      {
        repository: 'python/cpython',
        title: 'ssl: hostname check skipped for IP address SANs with an embedded NUL',
        description:
          'A certificate whose IP address SAN contains a NUL byte passes match_hostname for a different address.',
      },
      'ewdurbin',
    ),
    ...story('ssl', [
      [
        ago(2 * DAY - HOUR),
        async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'ewdurbin'), id, 'ewdurbin'),
      ],
      [ago(1 * DAY), async (ctx, id) => requestHandoff(ctx, await as(ctx, 'ewdurbin'), id, 'picnixz')],
    ]),
    // Published, complete.
    create(
      'shutil',
      ago(70 * DAY),
      {
        repository: 'python/cpython',
        title: 'shutil.unpack_archive writes outside the target directory',
        description:
          'Archives with absolute member names were extracted outside the target directory on Windows.',
      },
      'zooba',
    ),
    ...story('shutil', [
      [
        ago(69 * DAY),
        async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'sethmlarson'), id, 'woodruffw'),
      ],
      [
        ago(68 * DAY),
        async (ctx, id) => determineReport(ctx, await as(ctx, 'woodruffw'), id, 'vulnerability'),
      ],
      [
        ago(68 * DAY - HOUR),
        async (ctx, id) => transitionReport(ctx, await as(ctx, 'woodruffw'), id, 'accept'),
      ],
      [
        ago(45 * DAY),
        async (ctx, id) =>
          editReport(ctx, await as(ctx, 'woodruffw'), id, {
            cveId: 'CVE-2026-40077',
            cvssVector: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
            affected: [
              {
                ecosystem: 'PyPI',
                package: 'cpython',
                vulnerableVersionRange: '< 3.14.1',
                patchedVersions: '3.14.1',
              },
            ],
            fixPullRequests: [fixPr(140211)],
            creditPreference: { credit: true, name: 'Ada Example' },
          }),
      ],
      [ago(40 * DAY), async (ctx, id) => transitionReport(ctx, await as(ctx, 'woodruffw'), id, 'publish')],
    ]),
    create(
      'wheel',
      ago(60 * DAY),
      {
        repository: 'pypa/pip',
        title: 'Wheel RECORD hashes not verified for .data files',
        description: 'pip did not check RECORD hashes for files in the .data directory of a wheel.',
      },
      'dstufft',
    ),
    ...story('wheel', [
      [ago(59 * DAY), async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'dstufft'), id, 'dstufft')],
      [ago(58 * DAY), async (ctx, id) => determineReport(ctx, await as(ctx, 'dstufft'), id, 'vulnerability')],
      [
        ago(58 * DAY - HOUR),
        async (ctx, id) => transitionReport(ctx, await as(ctx, 'dstufft'), id, 'accept'),
      ],
      [
        ago(30 * DAY),
        async (ctx, id) =>
          editReport(ctx, await as(ctx, 'dstufft'), id, {
            cveId: 'CVE-2026-40133',
            cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N',
            affected: [
              {
                ecosystem: 'PyPI',
                package: 'pip',
                vulnerableVersionRange: '< 26.1',
                patchedVersions: '26.1',
              },
            ],
            fixPullRequests: [fixPr(13402, 'pypa/pip')],
            creditPreference: { credit: false, name: null },
          }),
      ],
      [ago(28 * DAY), async (ctx, id) => transitionReport(ctx, await as(ctx, 'dstufft'), id, 'publish')],
    ]),
    // Rejected: a duplicate, and a bug moved to a public issue.
    create(
      'asyncio',
      ago(30 * DAY),
      {
        repository: 'python/cpython',
        title: 'tarfile: hard link escape (second report)',
        description: 'The same hard-link escape as an earlier report, found independently.',
      },
      'sethmlarson',
    ),
    // Rejecting is the coordinator's call, after their determination (devguide).
    ...story('asyncio', [
      [
        ago(29 * DAY + 2 * HOUR),
        async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'sethmlarson'), id, 'sethmlarson'),
      ],
      [
        ago(29 * DAY + HOUR),
        async (ctx, id) => determineReport(ctx, await as(ctx, 'sethmlarson'), id, 'vulnerability'),
      ],
    ]),
    {
      at: ago(29 * DAY),
      run: async (ctx, ids) =>
        transitionReport(ctx, await as(ctx, 'sethmlarson'), ids.get('asyncio') ?? '', 'reject', {
          rejection: { reason: 'duplicate', detail: ids.get('tarfile') ?? null },
        }),
    },
    create(
      'normpath',
      ago(15 * DAY),
      {
        repository: 'python/cpython',
        title: 'os.path.normpath is slow on very long paths',
        description: 'normpath takes seconds on multi-megabyte paths.',
      },
      'serhiy-storchaka',
    ),
    ...story('normpath', [
      [
        ago(14 * DAY),
        async (ctx, id) => assignCoordinator(ctx, await as(ctx, 'serhiy-storchaka'), id, 'serhiy-storchaka'),
      ],
      [
        ago(14 * DAY - HOUR),
        async (ctx, id) => determineReport(ctx, await as(ctx, 'serhiy-storchaka'), id, 'not-security-bug'),
      ],
      [
        ago(13 * DAY),
        async (ctx, id) =>
          transitionReport(ctx, await as(ctx, 'serhiy-storchaka'), id, 'reject', {
            rejection: { reason: 'public-issue', detail: 'https://github.com/python/cpython/issues/140390' },
          }),
      ],
    ]),
  ];
}

/**
 * Seeds an empty database with the roster and the demo reports. Does nothing
 * (returns null) when the database already holds a roster or reports.
 */
export async function seedSandbox(ctx: AppContext): Promise<{ members: number; reports: number } | null> {
  const hasRoster = (await getRoster(ctx)).length > 0;
  const hasReports =
    (await listReports(ctx.store.db, { kind: 'all' }, { now: ctx.now(), limit: 1 })).total > 0;
  if (hasRoster || hasReports) return null;

  const realNow = ctx.now();
  const steps = demoStories(realNow.getTime()).sort((a, b) => a.at - b.at);
  const firstAt = steps[0]?.at ?? realNow.getTime();
  let at = firstAt - DAY;
  // Replay history at the times it happened, then hand the real clock back.
  const replay: AppContext = { ...ctx, now: () => new Date(at) };
  // The roster import is the claim: under the roster lock, only one instance can set up an empty roster.
  const imported = await importRoster(replay, botPrincipal, {
    members: { text: rosterFile('psrt.csv'), source: 'psrt.csv' },
    emeritus: { text: rosterFile('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
  }).catch(async (error: unknown) => {
    if ((await getRoster(ctx, 'member')).length > 0) return null; // another instance is seeding
    throw error;
  });
  if (!imported) return null;
  const ids = new Map<string, string>();
  for (const step of steps) {
    at = step.at;
    await step.run(replay, ids);
  }
  return { members: imported.members ?? 0, reports: ids.size };
}
