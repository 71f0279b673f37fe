// Suggesting which earlier reports or security@ threads a new report duplicates:
// the same text sent through both doors, the same bug found by two people, and
// unrelated reports about the same module kept out, on realistic report texts.
import { describe, expect, it } from 'vitest';
import { mentionedModules } from '../../src/domain/python-modules.ts';
import { significantWords } from '../../src/domain/report-words.ts';
import {
  type SimilarCandidate,
  type SimilarItem,
  SUGGESTION_THRESHOLD,
  similarReports,
} from '../../src/domain/similar-reports.ts';

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9));

const symlinkText = `TarFile.extractall() with filter="data" can be made to write outside the
destination directory. An archive first creates a symlink "a" -> "." and then a
second member "a/../../etc/target" whose path passes the filter check because the
check is done before the link is followed. Tested on 3.13.1 and 3.12.8.

    import tarfile
    tarfile.open("evil.tar").extractall("out", filter="data")
`;

const symlinkByAnother = `Hi PSRT, the tarfile "data" extraction filter (PEP 706) does not stop path
traversal through symbolic links: a tar with a symlink member pointing at the
destination's parent, followed by a regular file written through that link, ends
up outside the target directory when calling extractall(filter='data').
Reproduced on Python 3.14.0 and 3.13.1, see poc.py.`;

const tarfileDos = `tarfile: parsing a PAX header with many records takes quadratic time. A 2 MB
archive keeps tarfile.open() busy for minutes (_proc_pax). Tested with 3.13.1.`;

const cookies = `http.cookies.SimpleCookie.load() backtracks on a cookie value with many
backslashes: a ReDoS in _unquote. 3.12.8 is affected.`;

const item = (over: Partial<SimilarItem> = {}): SimilarItem => ({
  repository: 'python/cpython',
  title: 'tarfile: extraction filter bypass through symlink',
  text: symlinkText,
  reporters: ['alice'],
  receivedAt: day(20),
  ...over,
});

const candidate = (id: string, over: Partial<SimilarCandidate>): SimilarCandidate => ({
  kind: 'report',
  id,
  repository: 'python/cpython',
  title: '',
  text: '',
  reporters: [],
  receivedAt: day(1),
  ...over,
});

const candidates: SimilarCandidate[] = [
  candidate('PSRT-2026-0003', {
    title: 'tarfile: quadratic PAX header parsing',
    text: tarfileDos,
    reporters: ['carol'],
  }),
  candidate('PSRT-2026-0004', { title: 'http.cookies ReDoS', text: cookies, reporters: ['dave'] }),
  candidate('PSRT-2026-0005', {
    title: 'tarfile data filter escapes via symlinks',
    text: symlinkByAnother,
    reporters: ['bob@example.org'],
    receivedAt: day(12),
  }),
  candidate('thread-17', {
    kind: 'thread',
    repository: null,
    title: 'tarfile extraction filter bypass',
    text: symlinkText.replace('Tested on', 'I tested this on'),
    reporters: ['alice@example.org', 'alice'],
    receivedAt: day(19),
  }),
];

describe('similar reports', () => {
  it('the same report sent by mail and as a GHSA ranks first, for the same reporter and its wording', () => {
    const [first] = similarReports(item(), candidates);
    expect(first?.id).toBe('thread-17');
    expect(first?.kind).toBe('thread');
    expect(first?.reasons).toContain('same reporter');
    expect(first?.reasons.some((r) => /^\d+% of the wording in common$/.test(r))).toBe(true);
    expect(first?.score).toBeGreaterThan(0.8);
  });

  it('the same vulnerability found by someone else, in other words, is suggested, with the module named', () => {
    const suggestions = similarReports(item(), candidates);
    const other = suggestions.find((s) => s.id === 'PSRT-2026-0005');
    expect(other).toBeDefined();
    expect(other?.reasons).toContain('same repository and module `tarfile`');
    expect(suggestions.map((s) => s.id).indexOf('PSRT-2026-0005')).toBe(1);
  });

  it('an unrelated report about the same module, or another module, stays under the threshold', () => {
    const ids = similarReports(item(), candidates).map((s) => s.id);
    expect(ids).not.toContain('PSRT-2026-0003');
    expect(ids).not.toContain('PSRT-2026-0004');
    const all = similarReports(item(), candidates, { threshold: 0 });
    const dos = all.find((s) => s.id === 'PSRT-2026-0003');
    expect(dos?.score).toBeLessThan(SUGGESTION_THRESHOLD);
    expect(dos?.reasons).toContain('same repository and module `tarfile`');
  });

  it('the same words in another project are a weak hint: a pip report is not a CPython duplicate', () => {
    const pip = candidate('PSRT-2026-0009', {
      repository: 'pypa/pip',
      title: 'tarfile symlink',
      text: symlinkByAnother,
    });
    expect(similarReports(item(), [pip]).map((s) => s.id)).toEqual([]);
  });

  it('two short reports sharing a stock phrase about two modules are not suggested', () => {
    const zlib = item({
      title: 'zlib: decompressor reads past the window on a crafted stream',
      text: 'Found in a fuzzing run.',
    });
    const bz2 = candidate('PSRT-2026-0011', {
      title: 'bz2: a crafted stream makes the decompressor loop',
      text: 'Found in a fuzzing run.',
    });
    expect(similarReports(zlib, [bz2])).toEqual([]);
  });

  it('a short mail from the same reporter about another bug is not suggested for that alone', () => {
    const other = candidate('thread-3', {
      kind: 'thread',
      repository: null,
      title: 'question',
      text: cookies,
      reporters: ['alice'],
    });
    expect(similarReports(item(), [other])).toEqual([]);
  });
});

describe('what the search looks at', () => {
  it('module names come from dotted names and CPython source paths, most specific kept', () => {
    expect(mentionedModules('In Lib/http/server.py and http.server.SimpleHTTPRequestHandler')).toEqual([
      'http.server',
    ]);
    expect(mentionedModules('Modules/_ssl.c crashes; email._header_value_parser loops')).toEqual(
      expect.arrayContaining(['_ssl', 'email._header_value_parser']),
    );
    expect(mentionedModules('xml.etree.ElementTree.fromstring() and zipfile.Path')).toEqual([
      'xml.etree.ElementTree',
      'zipfile',
    ]);
  });

  it('everyday words are modules only as code: "the email" is not `email`, `import email` is', () => {
    expect(mentionedModules('I sent the email at the time, a string of bytes.')).toEqual([]);
    expect(mentionedModules('import email\nemail.message_from_string(x)')).toEqual(['email']);
  });

  it('the significant words favour identifiers over prose, letters and digits only', () => {
    const words = significantWords(symlinkText, 6);
    expect(words).toContain('extractall');
    expect(words.every((w) => /^[a-z0-9]+$/.test(w))).toBe(true);
    expect(words).not.toContain('the');
  });
});
