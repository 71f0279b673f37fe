// `psrt publish`, `psrt advisory render|history` and `psrt cve approve` as an operator runs them:
// a report not ready says every missing thing and sends nothing; a published advisory renders for
// anyone; only a CNA operator publishes a CVE record.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
const run = (...args: string[]) => psrt(ws.dir, args);
let reportId = '';
afterAll(() => ws.remove());

beforeAll(async () => {
  const created = await run(
    'report',
    'create',
    '--as',
    'sethmlarson',
    '--repo',
    'python/cpython',
    '--title',
    'tarfile: path traversal',
    '--description',
    'A crafted archive escapes.',
    '--json',
  );
  reportId = json<{ id: string }>(created).id;
  const imported = await run(
    'import',
    'osv',
    join(vendored.psfAdvisories, 'PSF-2023-12.json'),
    '--as',
    'warsaw',
  );
  expect(imported.code).toBe(0);
});

describe('psrt publish', () => {
  it('on a report that is not ready prints each unmet requirement and check, sends nothing, and exits 1', async () => {
    const result = await run('publish', reportId, '--as', 'sethmlarson');
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${reportId} → PSF-2026-1: not ready`);
    expect(lines).toContain(
      '  ✗ The report is accepted: The report is triage; publish applies only to accepted reports.',
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✗ A CWE is given: No CWE is given/));
    expect(lines).toContain('  ✓ The title is plain text');
  });

  it('with --send refuses the same way, and the report stays as it was', async () => {
    const result = await run('publish', reportId, '--send', '--as', 'sethmlarson');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not ready');
    const shown = json<{ report: { state: string } }>(
      await run('report', 'show', reportId, '--as', 'sethmlarson', '--json'),
    );
    expect(shown.report.state).toBe('triage');
  });
});

describe('psrt advisory render', () => {
  it('prints a published advisory for anyone, by its PSF id or CVE ID, as the file the PSF publishes', async () => {
    const osv = await run('advisory', 'render', 'PSF-2023-12', '--format', 'osv');
    expect(osv.code).toBe(0);
    expect(JSON.parse(osv.stdout)).toMatchObject({ id: 'PSF-2023-12', aliases: ['CVE-2023-6507'] });
    const cve = await run('advisory', 'render', 'CVE-2023-6507', '--format', 'cve');
    expect(JSON.parse(cve.stdout).cveMetadata).toMatchObject({
      cveId: 'CVE-2023-6507',
      assignerShortName: 'PSF',
    });
  });

  it('says an embargoed report is not found to someone who may not see it', async () => {
    const result = await run('advisory', 'render', reportId, '--format', 'email');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
  });

  it('says why a record cannot be rendered yet', async () => {
    const result = await run('advisory', 'render', reportId, '--format', 'email', '--as', 'sethmlarson');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no CVE ID');
  });
});

describe('psrt cve approve', () => {
  it('is refused to anyone who is not a PSF CNA operator', async () => {
    const result = await run('cve', 'approve', reportId, '--as', 'gpshead');
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('Only a PSF CNA operator');
  });
});
