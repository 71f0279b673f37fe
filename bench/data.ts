// Invented but realistic data for the benchmarks, from a seeded generator so
// every run measures the same mix of reports.
import { emptyPublication } from '../src/domain/publication.ts';
import { emptyCra, type Report, type ReportState } from '../src/domain/report.ts';
import { DAY_MS, HOUR_MS } from '../src/domain/time.ts';

/** The fixed "now" every benchmark runs at, so clocks land in the same states each run. */
export const benchNow = new Date('2026-06-01T12:00:00.000Z');

/** mulberry32: tiny, fast and good enough to pick a mix of states. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

export const repositories = [
  'python/cpython',
  'pypa/pip',
  'python/cpython',
  'pypa/packaging',
  'python/cpython',
];

export const titles = [
  'tarfile: extraction filter bypass with crafted links',
  'http.cookies: quadratic time parsing of crafted headers',
  'zipfile: infinite loop on a crafted ZIP64 record',
  'email: header injection through folded encoded words',
  'ssl: hostname check skipped for IP address SANs',
  'pip may follow a redirect to an untrusted index',
];

/** Mostly valid v4.0 vectors (the usual case), plus a v3.1 one and broken ones the checklist must catch. */
const cvssVectors = [
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:X/AC:L',
];

const members = ['sethmlarson', 'gpshead', 'encukou', 'ewdurbin', 'picnixz', 'woodruffw', 'dstufft'];

/** A state mix close to a live queue: most reports open, a tail of finished ones. */
function stateOf(random: () => number): ReportState {
  const r = random();
  if (r < 0.4) return 'triage';
  if (r < 0.75) return 'accepted';
  if (r < 0.9) return 'published';
  return 'rejected';
}

const maybeDate = (random: () => number, probability: number, at: number): Date | null =>
  random() < probability ? new Date(at) : null;

/** Report number `n`, received up to 200 days before `now`, in a state drawn from `random`. */
export function makeReport(random: () => number, n: number, now: Date): Report {
  const t = now.getTime();
  const receivedAt = t - Math.floor(random() * 200 * DAY_MS);
  const state = stateOf(random);
  const open = state === 'triage' || state === 'accepted';
  const coordinated = state !== 'triage' || random() < 0.5;
  const scored = state !== 'triage' && random() < 0.8;
  const exploited = open && random() < 0.05;
  const fixed = state === 'published' || (state === 'accepted' && random() < 0.5);
  const lastActivityAt = receivedAt + Math.floor(random() * Math.max(t - receivedAt, 1));
  return {
    id: `PSRT-2026-${String(n).padStart(5, '0')}`,
    ghsaId: null,
    repository: pick(random, repositories),
    title: pick(random, titles),
    description: 'A crafted input makes the parser misbehave; details are in the GHSA.',
    state,
    receivedAt: new Date(receivedAt),
    lastActivityAt: new Date(lastActivityAt),
    coordinator: coordinated ? pick(random, members) : null,
    coordinatorSince: coordinated ? new Date(receivedAt + DAY_MS) : null,
    handoff:
      open && coordinated && random() < 0.05
        ? { to: pick(random, members), requestedAt: new Date(lastActivityAt) }
        : null,
    determination:
      state === 'triage'
        ? random() < 0.3
          ? 'vulnerability'
          : null
        : state === 'rejected'
          ? 'not-a-vulnerability'
          : 'vulnerability',
    cveId: state !== 'triage' && state !== 'rejected' && random() < 0.9 ? `CVE-2026-${40000 + n}` : null,
    cvssVector: scored ? pick(random, cvssVectors) : null,
    affected: fixed
      ? [
          {
            ecosystem: 'PyPI',
            package: 'cpython',
            vulnerableVersionRange: '< 3.14.1',
            patchedVersions: '3.14.1',
          },
        ]
      : [],
    fixPullRequests: fixed
      ? [
          {
            url: `https://github.com/python/cpython/pull/${140000 + n}`,
            public: random() < 0.8,
            merged: random() < 0.7,
            backport: false,
          },
        ]
      : [],
    reporter: random() < 0.8 ? `finder-${n % 500}` : null,
    creditPreference: random() < 0.6 ? { credit: true, name: 'A. Finder' } : null,
    extensions:
      open && random() < 0.1
        ? [
            {
              days: 30,
              reason: 'The fix needs every maintained branch.',
              reporterAgreed: true,
              grantedBy: 'sethmlarson',
              at: new Date(lastActivityAt),
            },
          ]
        : [],
    rejection: state === 'rejected' ? { reason: 'not-a-vulnerability', detail: null } : null,
    finishedAt: open ? null : new Date(lastActivityAt),
    cra: {
      ...emptyCra(),
      exploitationAwareAt: exploited ? new Date(t - Math.floor(random() * 20 * DAY_MS)) : null,
      fixAvailableAt: exploited && fixed ? new Date(t - Math.floor(random() * 5 * DAY_MS)) : null,
      earlyWarningSubmittedAt: exploited ? maybeDate(random, 0.7, t - 10 * HOUR_MS) : null,
      notificationSubmittedAt: exploited ? maybeDate(random, 0.4, t - 5 * HOUR_MS) : null,
      finalReportSubmittedAt: null,
    },
    publication: emptyPublication(),
    createdAt: new Date(receivedAt),
    updatedAt: new Date(lastActivityAt),
  };
}
