// Duplicate suggestions, on PGlite and on PostgreSQL: 10,000 reports with
// realistic texts (a module, a kind of bug, functions, reproduction steps),
// then the suggestion for 200 new reports, a quarter of them rewordings of an
// existing one: the candidates query plus the ranking, p50/p95/max against the
// issue's goal (p95 at or under 100 ms).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { vendored } from '../sim/conformance/vendored.ts';
import { suggestDuplicates } from '../src/app/similar.ts';
import type { Report } from '../src/domain/report.ts';
import type { SimilarItem } from '../src/domain/similar-reports.ts';
import { type Engine, insertReport } from '../src/store/index.ts';
import { benchNow, makeReport, pick, seededRandom } from './data.ts';
import { availableEngines, engineLabel, freshStore, serverSkippedRow } from './engines.ts';
import { type BenchOptions, elapsedMs, percentile, progress, type Row, scaled, timed } from './report.ts';
import { clockedContext } from './workload.ts';

const benchmark = 'duplicates';
/** The goal: a new report's suggestions in at most 100 ms at p95. */
const goalMs = 100;
const WARMUP = 10;

const modules = [
  'tarfile',
  'zipfile',
  'http.server',
  'http.cookies',
  'http.client',
  'email._header_value_parser',
  'email.utils',
  'urllib.parse',
  'urllib.request',
  'xml.etree.ElementTree',
  'xml.dom.minidom',
  'plistlib',
  'ssl',
  'shutil',
  'tempfile',
  'base64',
  'json',
  'ipaddress',
  'imaplib',
  'ftplib',
  'smtplib',
  'gzip',
  'lzma',
  'bz2',
  'zlib',
  'configparser',
  'html.parser',
  'mimetypes',
  'wsgiref',
  'asyncio',
  'socket',
  'subprocess',
  'os.path',
  'pathlib',
  'glob',
  'shlex',
  'csv',
  'difflib',
  're',
  'unicodedata',
  'netrc',
  'mailbox',
];
const functions = [
  'open',
  'extractall',
  'parse',
  'load',
  'loads',
  'decode',
  'read',
  'unquote',
  'getaddrinfo',
  'copytree',
  'mkstemp',
  'fromstring',
  'urlsplit',
  'parseaddr',
  'SimpleCookie',
  'translate_path',
  'readline',
  'feed',
  'decompress',
  'fetch',
  'login',
  'sendmail',
  'guess_type',
  'split',
  'normpath',
  'resolve',
  'iglob',
  'reader',
  'SequenceMatcher',
  'compile',
  'normalize',
  'authenticators',
];
const kinds = [
  ['path traversal', 'writes a file outside the target directory'],
  ['quadratic complexity', 'takes minutes on an input of a few megabytes'],
  ['infinite loop', 'never returns on a crafted input'],
  ['header injection', 'lets a newline through into the outgoing headers'],
  ['buffer over-read', 'reads past the end of the buffer in the C accelerator'],
  ['use after free', 'uses a freed object when the callback mutates the container'],
  ['memory exhaustion', 'allocates gigabytes for a small crafted record'],
  ['ReDoS', 'backtracks catastrophically on a long run of repeated characters'],
  ['symlink following', 'follows a symbolic link placed by another user'],
  ['integer overflow', 'wraps a length field and under-allocates the result'],
] as const;
/**
 * Real prose about Python vulnerabilities, in order: the PSF's published advisories and the
 * devguide's security pages (vendor/). Reports are written from runs of it, so their words
 * are as common or as rare as in real reports.
 */
function corpus(): string[] {
  const advisories = readdirSync(vendored.psfAdvisories)
    .filter((name) => name.endsWith('.json'))
    .map(
      (name) =>
        (JSON.parse(readFileSync(join(vendored.psfAdvisories, name), 'utf8')) as { details?: string })
          .details ?? '',
    );
  const pages = [vendored.devguidePolicy, vendored.devguideProcess].map((path) => readFileSync(path, 'utf8'));
  return [...advisories, ...pages]
    .join('\n')
    .split(/\s+/)
    .filter((word) => /^[\w.,;:()'"-]+$/.test(word));
}
const filler = corpus();

/** `count` words of real prose: a few runs of it from random places. */
function prose(random: () => number, count: number): string {
  const words: string[] = [];
  while (words.length < count) {
    const start = Math.floor(random() * (filler.length - 20));
    words.push(...filler.slice(start, start + 8 + Math.floor(random() * 12)));
  }
  return words.slice(0, count).join(' ');
}

/** A report's title and text: one module, one kind of bug, a function or two, words around them. */
function reportText(random: () => number): { title: string; description: string; module: string } {
  const module = pick(random, modules);
  const [kind, effect] = pick(random, kinds);
  const fn = pick(random, functions);
  const other = pick(random, functions);
  const words = prose(random, 40 + Math.floor(random() * 160)).split(' ');
  const version = `3.${10 + Math.floor(random() * 5)}.${Math.floor(random() * 12)}`;
  const description = [
    `${module}.${fn}() ${effect}.`,
    words.slice(0, words.length / 2).join(' '),
    `Tested on Python ${version}.`,
    '```python',
    `import ${module.split('.')[0]}`,
    `${module}.${other}(payload)`,
    '```',
    words.slice(words.length / 2).join(' '),
  ].join('\n');
  return { title: `${module}: ${kind} in ${fn}()`, description, module };
}

/** Report `n`: the data generator's mix of states, with a realistic text. */
function benchReport(random: () => number, n: number): Report {
  return { ...makeReport(random, n, benchNow), ...reportText(random) };
}

/** A new report: mostly new bugs, a quarter an existing report told again in other words. */
function newItem(random: () => number, existing: readonly Report[]): SimilarItem {
  if (random() < 0.25) {
    const original = pick(random, existing);
    const rewording = reportText(random);
    return {
      repository: original.repository,
      title: `${original.title} (found independently)`,
      text: `${original.description.split('\n')[0]}\n${rewording.description}`,
      reporters: [`someone-${Math.floor(random() * 1000)}@example.org`],
      receivedAt: benchNow,
    };
  }
  const text = reportText(random);
  return {
    repository: 'python/cpython',
    title: text.title,
    text: text.description,
    reporters: [random() < 0.5 ? `finder-${Math.floor(random() * 500)}` : 'new-reporter@example.org'],
    receivedAt: benchNow,
  };
}

async function onEngine(engine: Engine, options: BenchOptions): Promise<{ rows: Row[]; p95: number }> {
  const label = engineLabel[engine];
  const count = scaled(10_000, options, 500);
  const runs = scaled(200, options, 20);
  const fresh = await freshStore(engine);
  try {
    const ctx = clockedContext(fresh.store);
    const random = seededRandom(1213);
    const reports = Array.from({ length: count }, (_, i) => benchReport(random, i + 1));
    progress(
      benchmark,
      `${label}: storing ${count.toLocaleString('en-US')} reports (their search words by trigger)`,
    );
    const filled = await timed(async () => {
      for (let i = 0; i < reports.length; i += 500) {
        await ctx.store.transaction(async (tx) => {
          for (const report of reports.slice(i, i + 500)) await insertReport(tx, report, benchNow);
        });
      }
    });
    // What PostgreSQL's autovacuum does by itself; PGlite has none, and psrt runs no ANALYZE of its own.
    if (engine === 'postgres') await ctx.store.db.execute(sql`analyze`);
    const items = Array.from({ length: runs + WARMUP }, () => newItem(random, reports));
    progress(benchmark, `${label}: suggesting duplicates for ${runs} new reports`);
    const samples: number[] = [];
    let suggested = 0;
    for (const [i, item] of items.entries()) {
      const start = performance.now();
      const suggestions = await suggestDuplicates(ctx, item);
      if (i >= WARMUP) {
        samples.push(elapsedMs(start));
        if (suggestions.length > 0) suggested += 1;
      }
    }
    const p95 = percentile(samples, 95);
    const rows: Row[] = [
      {
        benchmark,
        name: `${label}: suggestions for a new report among ${count.toLocaleString('en-US')}, p95`,
        value: p95,
        unit: 'ms',
        goal: { atMost: goalMs },
        note: `p50 ${percentile(samples, 50).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms; ${suggested} of ${runs} got a suggestion`,
      },
      {
        benchmark,
        name: `${label}: storing the reports with their search words`,
        value: count / (filled.ms / 1000),
        unit: 'reports/s',
      },
    ];
    return { rows, p95 };
  } finally {
    await fresh.dispose();
  }
}

export async function run(options: BenchOptions): Promise<Row[]> {
  const { engines, skipped } = await availableEngines();
  if (skipped) progress(benchmark, skipped);
  const rows: Row[] = [];
  for (const engine of engines) rows.push(...(await onEngine(engine, options)).rows);
  if (skipped) rows.push(serverSkippedRow(benchmark));
  return rows;
}
