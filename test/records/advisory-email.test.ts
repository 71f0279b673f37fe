import { describe, expect, it } from 'vitest';
import { renderAdvisoryEmail } from '../../src/records/advisory-email.ts';
import { fullReport } from '../store/fixtures.ts';

const ready = () =>
  fullReport({
    repository: 'python/cpython',
    cveId: 'CVE-2026-1234',
    title: 'Path traversal in tarfile extraction',
    description:
      'tarfile.extractall() follows a crafted link outside the destination.\n\nUse filter="data".\n',
    cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
    fixPullRequests: [
      { url: 'https://github.com/python/cpython/pull/140001', public: true, merged: true, backport: false },
      { url: 'https://github.com/python/cpython/pull/140002', public: true, merged: false, backport: true },
      { url: 'https://github.com/python/cpython/pull/140003', public: false, merged: false, backport: false },
    ],
    publication: { ...fullReport().publication, products: [] },
  });

describe('the advisory email (devguide template)', () => {
  it('is the devguide template filled in: subject, severity, project, description, CVE link and public pull requests', () => {
    const email = renderAdvisoryEmail(ready());
    expect(email.subject).toBe('[CVE-2026-1234] Path traversal in tarfile extraction');
    expect(email.text).toBe(
      [
        'There is a HIGH severity vulnerability affecting CPython.',
        '',
        'tarfile.extractall() follows a crafted link outside the destination.',
        '',
        'Use filter="data".',
        '',
        'Please see the linked CVE ID for the latest information on affected versions:',
        '',
        '* https://www.cve.org/CVERecord?id=CVE-2026-1234',
        '* https://github.com/python/cpython/pull/140001',
        '* https://github.com/python/cpython/pull/140002',
        '',
      ].join('\n'),
    );
  });

  it('names the product of the CVE record as the project when there is one', () => {
    const report = fullReport({ cveId: 'CVE-2026-1', cvssVector: ready().cvssVector });
    expect(renderAdvisoryEmail(report).text).toMatch(
      /^There is a HIGH severity vulnerability affecting pip\.\n/,
    );
  });

  it('refuses a report without a CVE ID or a severity', () => {
    expect(() => renderAdvisoryEmail({ ...ready(), cveId: null })).toThrow(/no CVE ID/);
    expect(() => renderAdvisoryEmail({ ...ready(), cvssVector: null })).toThrow(/no CVSS vector/);
  });
});
