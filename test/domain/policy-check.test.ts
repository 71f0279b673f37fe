// The security policy checklist an admin sees on every incoming report: each
// rule's heuristic tried on realistic report texts, at its edges (what should
// and should not count), and what a "needs more information" reply asks for.
import { describe, expect, it } from 'vitest';
import { namedVersions } from '../../src/domain/named-versions.ts';
import {
  missingInformation,
  type PolicyInput,
  policyChecklist,
  policyRules,
} from '../../src/domain/policy-check.ts';

const branches = {
  supportedVersions: [
    { series: '3.15', status: 'feature' as const },
    { series: '3.14', status: 'bugfix' as const },
    { series: '3.13', status: 'bugfix' as const },
    { series: '3.12', status: 'security' as const },
    { series: '3.10', status: 'security' as const },
    { series: '3.9', status: 'end-of-life' as const },
    { series: '3.8', status: 'end-of-life' as const },
  ],
};

const goodReport = `tarfile.TarFile.extractall() with filter="data" follows a symlink placed in the
archive after the directory it points into, and writes outside the destination.

Tested on Python 3.13.1 and 3.12.8 (both vulnerable), and main at 3e0f1a2 (vulnerable).

\`\`\`python
import io, sys, tarfile
buf = io.BytesIO()
...
sys.exit(1 if escaped else 0)
\`\`\`
`;

const check = (input: Partial<PolicyInput>) =>
  policyChecklist({ subject: '', text: '', attachments: [], repository: null, ...input }, branches);
const item = (input: Partial<PolicyInput>, rule: string) => {
  const found = check(input).items.find((i) => i.rule === rule);
  if (!found) throw new Error(`no item for ${rule}`);
  return found;
};

describe('the security policy checklist', () => {
  it('a report following the policy meets every rule and asks for nothing', () => {
    const list = check({ subject: 'tarfile: extraction filter bypass via symlink', text: goodReport });
    expect(list.items.map((i) => [i.rule, i.met])).toEqual(Object.values(policyRules).map((r) => [r, true]));
    expect(list.missing).toEqual([]);
  });

  it("each rule is worded in the policy's own words", () => {
    expect(policyRules.plainText).toBe('Submit reports as plain-text only, including attachments.');
    expect(policyRules.noSeverity).toBe(
      'Do not include severity or CVSS information in your initial report.',
    );
  });
});

describe('plain text only, including attachments', () => {
  const rule = policyRules.plainText;
  it('a PDF, a notebook or a binary is not plain text, whatever its content type says', () => {
    for (const attachment of [
      { filename: 'report.pdf', contentType: 'application/pdf' },
      { filename: 'poc.ipynb', contentType: 'application/json' },
      { filename: 'crash.bin', contentType: 'application/octet-stream' },
      {
        filename: 'writeup.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      { filename: 'screenshot.png', contentType: 'image/png' },
    ]) {
      const found = item({ text: goodReport, attachments: [attachment] }, rule);
      expect(found.met, attachment.filename).toBe(false);
      expect(found.detail).toContain(attachment.filename);
    }
  });

  it('a script, a patch, a text file or a PGP signature is plain text, even sent as octet-stream', () => {
    const attachments = [
      { filename: 'poc.py', contentType: 'application/octet-stream' },
      { filename: 'fix.patch', contentType: 'text/x-diff' },
      { filename: 'notes.txt', contentType: 'text/plain' },
      { filename: 'signature.asc', contentType: 'application/pgp-signature' },
    ];
    expect(item({ text: goodReport, attachments }, rule).met).toBe(true);
  });

  it('asks for the attachments as plain text when one is not', () => {
    const list = check({
      text: goodReport,
      attachments: [{ filename: 'r.pdf', contentType: 'application/pdf' }],
    });
    expect(list.missing).toEqual([missingInformation.plainText]);
  });
});

describe('the versions of Python tested are named', () => {
  const rule = policyRules.versions;
  it('finds releases, series after "Python", lists and the main branch', () => {
    expect(namedVersions('Tested on Python 3.12, 3.13 and main.').map((v) => v.text)).toEqual([
      '3.12',
      '3.13',
      'main',
    ]);
    expect(namedVersions('Reproduced with 3.12.4 and 3.14.0b2').map((v) => v.text)).toEqual([
      '3.12.4',
      '3.14.0b2',
    ]);
    expect(namedVersions('$ python3.11 poc.py').map((v) => v.text)).toEqual(['3.11']);
    expect(namedVersions('Affects CPython main (3.15) at HEAD').map((v) => v.series)).toContain('main');
  });

  it('does not take numbers that are not versions: addresses, sizes, "the main problem"', () => {
    expect(
      namedVersions('The server at 10.3.12.4 sent 3.5 MB; the main problem is the main thread.'),
    ).toEqual([]);
    expect(namedVersions('This works on Python 3 in general.')).toEqual([]);
    expect(namedVersions("Python's main loop blocks on the main thread.")).toEqual([]);
  });

  it('a report naming no version is not met, and the reply asks for the versions', () => {
    const text = 'http.cookies.SimpleCookie parses a cookie slowly.\n\n```\nimport http.cookies\n```';
    expect(item({ text }, rule).met).toBe(false);
    expect(check({ text }).missing).toContain(missingInformation.versions);
  });
});

describe('a proof of concept is included', () => {
  const rule = policyRules.proofOfConcept;
  it('a code block, an interpreter session, python -c, or a script attached counts', () => {
    expect(item({ text: 'Run:\n```\nprint(1)\n```' }, rule).met).toBe(true);
    expect(item({ text: '>>> import tarfile\n>>> tarfile.open("x")' }, rule).met).toBe(true);
    expect(item({ text: 'python3 -c "import zipfile; zipfile.ZipFile(\'a.zip\')"' }, rule).met).toBe(true);
    const attachments = [{ filename: 'exploit.py', contentType: 'text/x-python' }];
    expect(item({ text: 'See attached.', attachments }, rule).met).toBe(true);
  });

  it('the word "PoC" without code is unknown; "I could not reproduce" or "no PoC yet" is not a proof', () => {
    expect(item({ text: 'I have a PoC and can share it on request.' }, rule).met).toBe('unknown');
    expect(item({ text: 'I could not reproduce it reliably and have no PoC yet.' }, rule).met).toBe(false);
    expect(check({ text: 'There is no PoC. Tested on 3.13.1.' }).missing).toEqual([
      missingInformation.proofOfConcept,
    ]);
  });
});

describe('no severity or CVSS given by the reporter', () => {
  const rule = policyRules.noSeverity;
  it('a CVSS vector, a CVSS score, "Severity: High" or "a critical vulnerability" are severity', () => {
    for (const text of [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'I rate it CVSS 9.8.',
      'Severity: High',
      '**Severity:** critical',
      'This is a high-severity issue in ssl.',
      'A critical vulnerability in zipfile.',
    ]) {
      expect(item({ text }, rule).met, text).toBe(false);
    }
    expect(item({ subject: '[CRITICAL] RCE in pickle', text: '' }, rule).met).toBe(false);
  });

  it('"critical section", "high memory use" or "low-level API" are not severities', () => {
    const text = 'The lock guards a critical section; high memory use follows. The low-level API is _ssl.';
    expect(item({ text }, rule).met).toBe(true);
  });
});

describe('no CVE ID assigned by the reporter', () => {
  const rule = policyRules.noCveId;
  it('a CVE ID the reporter reserved, or one in the subject, is not met', () => {
    expect(item({ text: 'MITRE assigned CVE-2026-12345 to this issue.' }, rule).met).toBe(false);
    expect(item({ text: 'CVE ID: CVE-2026-4321' }, rule).met).toBe(false);
    expect(item({ subject: 'CVE-2026-9999: tarfile traversal', text: '' }, rule).met).toBe(false);
    expect(item({ text: 'I have requested a CVE from MITRE already.' }, rule).met).toBe(false);
  });

  it('an earlier CVE the report builds on is fine; one mentioned without context is for a person to check', () => {
    expect(item({ text: 'This bypasses the fix for CVE-2007-4559.' }, rule).met).toBe(true);
    expect(item({ text: 'A variant of CVE-2023-24329 in urllib.parse.' }, rule).met).toBe(true);
    expect(item({ text: 'CVE-2025-1234 applies here too.' }, rule).met).toBe('unknown');
    expect(item({ text: 'Please assign a CVE once confirmed.' }, rule).met).toBe(true);
  });
});

describe('within the supported versions', () => {
  const rule = policyRules.supported;
  it('a bugfix or security branch is supported', () => {
    expect(item({ text: 'Python 3.12.8 only.' }, rule).met).toBe(true);
    expect(item({ text: 'Python 3.14.1 and 3.9.20' }, rule).met).toBe(true);
  });

  it('only prereleases or main are not eligible for a CVE ID; only end-of-life versions are not supported', () => {
    const pre = item({ text: 'Found in 3.15.0a2 and on main branch.' }, rule);
    expect(pre.met).toBe(false);
    expect(pre.detail).toContain('regular bug');
    const eol = item({ text: 'Tested with Python 3.8.10 and 3.9.2' }, rule);
    expect(eol.met).toBe(false);
    expect(eol.detail).toContain('no longer supported');
  });

  it('no version named, or one psrt does not know, is unknown', () => {
    expect(item({ text: 'zipfile loops forever.' }, rule).met).toBe('unknown');
    expect(item({ text: 'Python 3.7.1' }, rule).met).toBe('unknown');
  });
});

describe("within the PSF CNA's scope", () => {
  const rule = policyRules.scope;
  it('a GHSA on a PSF repository is in scope, one elsewhere is not', () => {
    expect(item({ repository: 'python/cpython' }, rule).met).toBe(true);
    expect(item({ repository: 'pypa/pip' }, rule).met).toBe(true);
    expect(item({ repository: 'encode/httpx' }, rule).met).toBe(false);
  });

  it('mail about the standard library, pip or python.org is in scope', () => {
    expect(item({ text: 'Lib/tarfile.py line 2400 does not check the link target.' }, rule).met).toBe(true);
    expect(item({ text: 'pip follows redirects to http:// when --index-url is https.' }, rule).met).toBe(
      true,
    );
    expect(item({ text: 'An XSS on www.python.org/downloads/ search.' }, rule).met).toBe(true);
  });

  it('mail about a third-party package on PyPI, or PyPI itself, is not', () => {
    const django = item({ text: 'Django 5.1 admin has an SQL injection. pip install django==5.1' }, rule);
    expect(django.met).toBe(false);
    expect(django.detail).toContain('django');
    expect(item({ text: 'The package fastjsonx on PyPI runs code at install time.' }, rule).met).toBe(false);
    expect(item({ text: 'A malicious package was uploaded to pypi.org today.' }, rule).met).toBe(false);
  });

  it('a third-party package that misuses the standard library is for a person to check', () => {
    const text = 'requests passes untrusted input to http.client, which allows header injection.';
    expect(item({ text }, rule).met).toBe('unknown');
  });
});
