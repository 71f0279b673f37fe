// Benchmark 9: publication records. (a) Render the advisory email, the CVE record and the OSV
// record of one report, then run the publication gate over them (which validates both records
// against their official schemas): per-report latency, p50/p99. (b) Import every vendored PSF OSV
// advisory and PSF CVE record into a fresh store through the import use-case, then render each
// back from the stored report and compare with the file: OSV identical apart from `modified`, the
// CVE record's CNA container identical in every field psrt keeps (docs/records.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importAdvisory } from '../src/app/history.ts';
import { readRecordFile, recordFiles } from '../src/app/record-files.ts';
import { createLogger } from '../src/config/logger.ts';
import { canonicalJson } from '../src/domain/audit.ts';
import { emptyCra, type Report } from '../src/domain/report.ts';
import { renderAdvisoryEmail } from '../src/records/advisory-email.ts';
import { cnaDifferences } from '../src/records/cve-fields.ts';
import { renderCveRecord } from '../src/records/cve-render.ts';
import { type CveRecordShape, publicationGate } from '../src/records/gate.ts';
import { renderOsvRecord } from '../src/records/osv.ts';
import { getReportByPsfId, getReportsByCveId } from '../src/store/index.ts';
import { benchNow } from './data.ts';
import { freshStore } from './engines.ts';
import { type BenchOptions, elapsedMs, percentile, progress, type Row, scaled } from './report.ts';

const benchmark = 'records';
const vendor = (path: string) => fileURLToPath(new URL(`../vendor/${path}`, import.meta.url));

/** A CPython report ready to publish, fixed on four branches, with every fact the records carry. */
function readyReport(): Report {
  const at = new Date(benchNow.getTime() - 40 * 86_400_000);
  const commit = (n: number) => String(n).repeat(40);
  return {
    id: 'PSRT-2026-0042',
    ghsaId: 'GHSA-2x3v-4w5c-6f7g',
    repository: 'python/cpython',
    title: 'tarfile: path traversal through crafted link members',
    description:
      'tarfile.TarFile.extractall() followed links outside the destination when the data filter was not used.\n\nUse filter="data".',
    state: 'published',
    receivedAt: at,
    lastActivityAt: benchNow,
    coordinator: 'sethmlarson',
    coordinatorSince: at,
    handoff: null,
    determination: 'vulnerability',
    cveId: 'CVE-2026-1234',
    cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
    affected: [
      {
        ecosystem: 'GIT',
        repo: 'https://github.com/python/cpython',
        introduced: '0',
        fixed: [1, 2, 3, 4].map(commit),
      },
    ],
    fixPullRequests: [
      { url: 'https://github.com/python/cpython/pull/140001', public: true, merged: true, backport: false },
    ],
    reporter: 'mira-finds-bugs',
    creditPreference: { credit: true, name: 'Mira' },
    extensions: [],
    rejection: null,
    finishedAt: benchNow,
    cra: emptyCra(),
    publication: {
      psfId: 'PSF-2026-7',
      aliases: [],
      cweIds: ['CWE-22'],
      credits: [
        { name: 'Mira', type: 'reporter', login: 'mira-finds-bugs', state: 'accepted' },
        { name: 'Seth Larson', type: 'coordinator', login: 'sethmlarson', state: 'accepted' },
      ],
      references: [
        { url: 'https://github.com/python/cpython/issues/140000', type: 'REPORT' },
        { url: 'https://github.com/python/cpython/pull/140001', type: 'FIX' },
        ...[1, 2, 3, 4].map((n) => ({
          url: `https://github.com/python/cpython/commit/${commit(n)}`,
          type: 'FIX' as const,
        })),
      ],
      products: [
        {
          vendor: 'Python Software Foundation',
          product: 'CPython',
          repo: 'https://github.com/python/cpython',
          platforms: [],
          modules: ['tarfile'],
          programFiles: ['Lib/tarfile.py'],
          programRoutines: ['tarfile.TarFile.extractall'],
          defaultStatus: 'unaffected',
          versions: [
            { version: '0', lessThan: '3.12.12', status: 'affected', versionType: 'python' },
            { version: '3.13.0', lessThan: '3.13.10', status: 'affected', versionType: 'python' },
            { version: '3.14.0', lessThan: '3.14.1', status: 'affected', versionType: 'python' },
            { version: '3.15.0a1', lessThan: '3.15.0a3', status: 'affected', versionType: 'python' },
          ],
        },
      ],
    },
    createdAt: at,
    updatedAt: benchNow,
  };
}

/** Everything `psrt publish` checks and shows for one report, without the database. */
function renderAndGate(report: Report): boolean {
  const dates = { dateReserved: report.receivedAt, datePublished: benchNow, dateUpdated: benchNow };
  const cve = renderCveRecord(report, dates) as unknown as CveRecordShape;
  const records = { email: renderAdvisoryEmail(report), cve, osv: renderOsvRecord(report, benchNow) };
  return publicationGate(report, records).passed;
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const report = readyReport();
  const coldStart = performance.now();
  if (!renderAndGate(report)) throw new Error('the benchmark report does not pass the gate');
  const coldMs = elapsedMs(coldStart);
  const iterations = scaled(2000, options, 100);
  progress(
    benchmark,
    `render + gate + validate, ${iterations} times (first, with schema compilation: ${coldMs.toFixed(0)} ms)`,
  );
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    renderAndGate(report);
    samples.push(elapsedMs(start));
  }

  const osvFiles = recordFiles(vendor('psf-advisory-database/advisories'));
  const cveFiles = recordFiles(vendor('cvelist-psf/cves'));
  progress(
    benchmark,
    `importing ${osvFiles.length} OSV and ${cveFiles.length} CVE records into fresh PGlite stores`,
  );
  const both = await roundTrip(osvFiles, cveFiles);
  const osvAlone = await roundTrip(osvFiles, []);
  const cveAlone = await roundTrip([], cveFiles);
  const share = (same: string[], total: number) => same.length / total;
  const rows: Row[] = [
    {
      benchmark,
      name: 'render + gate + validate (email, CVE, OSV), one report: p50',
      value: percentile(samples, 50),
      unit: 'ms',
      note: `${iterations} runs`,
    },
    {
      benchmark,
      name: 'render + gate + validate (email, CVE, OSV), one report: p99',
      value: percentile(samples, 99),
      unit: 'ms',
      goal: { atMost: 50 },
      note: `first run, compiling both schemas: ${coldMs.toFixed(0)} ms`,
    },
    {
      benchmark,
      name: `import every vendored PSF record (${osvFiles.length} OSV + ${cveFiles.length} CVE), PGlite`,
      value: both.seconds,
      unit: 's',
      note: `${both.skipped} skipped; ${both.reports} reports`,
    },
    {
      benchmark,
      name: 'round trip, OSV files imported: identical (modified aside)',
      value: share(osvAlone.osvSame, osvFiles.length),
      unit: 'share',
      goal: { atLeast: 1 },
      note: `${osvAlone.osvSame.length} / ${osvFiles.length}`,
    },
    {
      benchmark,
      name: 'round trip, CVE records imported: identical (kept fields)',
      value: share(cveAlone.cveSame, cveFiles.length),
      unit: 'share',
      goal: { atLeast: 1 },
      note: `${cveAlone.cveSame.length} / ${cveFiles.length}`,
    },
    {
      benchmark,
      name: 'both formats into one store: records identical',
      value: share([...both.osvSame, ...both.cveSame], osvFiles.length + cveFiles.length),
      unit: 'share',
      note: `${both.osvSame.length + both.cveSame.length} / ${osvFiles.length + cveFiles.length}; differing: ${both.differing.join(', ') || 'none'} (where the PSF's OSV file and CVE record of one advisory disagree, the report keeps the first read and the import names it)`,
    },
  ];
  return rows;
}

interface RoundTrip {
  seconds: number;
  skipped: number;
  reports: number;
  osvSame: string[];
  cveSame: string[];
  differing: string[];
}

/** Imports the files into a fresh store, then renders each record back from its stored report and compares. */
async function roundTrip(osvFiles: string[], cveFiles: string[]): Promise<RoundTrip> {
  const fresh = await freshStore('pglite');
  const { store } = fresh;
  try {
    const ctx = { store, now: () => benchNow, log: createLogger('silent') };
    const setup = { kind: 'system' as const, name: 'setup' };
    const start = performance.now();
    let skipped = 0;
    const reports = new Set<string>();
    for (const [format, files] of [
      ['osv', osvFiles],
      ['cve', cveFiles],
    ] as const) {
      for (const file of files) {
        const { result } = readRecordFile(format, file);
        const outcome = result.ok ? await importAdvisory(ctx, setup, result.advisory) : null;
        if (!outcome || outcome.status === 'skipped') skipped++;
        if (outcome?.reportId) reports.add(outcome.reportId);
      }
    }
    const seconds = elapsedMs(start) / 1000;
    const osvSame: string[] = [];
    const cveSame: string[] = [];
    const differing: string[] = [];
    for (const file of osvFiles) {
      const published = JSON.parse(readFileSync(file, 'utf8'));
      const stored = await getReportByPsfId(store.db, published.id);
      const rendered = stored ? renderOsvRecord(stored, new Date(published.modified)) : null;
      const same =
        rendered &&
        canonicalJson({ ...rendered, modified: null }) === canonicalJson({ ...published, modified: null });
      (same ? osvSame : differing).push(published.id);
    }
    for (const file of cveFiles) {
      const published = JSON.parse(readFileSync(file, 'utf8'));
      const [stored] = await getReportsByCveId(store.db, published.cveMetadata.cveId);
      const dates = {
        dateReserved: stored?.receivedAt ?? benchNow,
        datePublished: stored?.finishedAt ?? benchNow,
        dateUpdated: benchNow,
      };
      const rendered = stored ? (renderCveRecord(stored, dates) as { containers: { cna: unknown } }) : null;
      const same = rendered && cnaDifferences(published.containers.cna, rendered.containers.cna).length === 0;
      (same ? cveSame : differing).push(published.cveMetadata.cveId);
    }
    return { seconds, skipped, reports: reports.size, osvSame, cveSame, differing };
  } finally {
    await fresh.dispose();
  }
}
