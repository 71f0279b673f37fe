// Records kept right as backports land: psrt reads where the fix is on GitHub (the simulator's
// CPython history), fills an open report's fixed commits and versions, and for a published report
// proposes a record update as a diff; approving it commits the new OSV file and updates the CVE record.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { installationResolver } from '../../../src/app/effects/services.ts';
import { approveRecordUpdate, refreshFixes } from '../../../src/app/fix-updates.ts';
import { publishReport, recordHistory } from '../../../src/app/publish.ts';
import { editReport, showReport, transitionReport } from '../../../src/app/reports.ts';
import { backport, cpythonHistory, release, securityFix } from '../../github/cpython-releases.ts';
import { forEachEngine } from '../../support/engines.ts';
import { publishingWorld } from './world.ts';

const operators = ['sethmlarson'];
const pull = (number: number) => `https://github.com/python/cpython/pull/${number}`;

forEachEngine('record updates as backports land', (engine) => {
  const world = publishingWorld(engine);
  const { app, services, settle } = world;
  const seth = () => app.as('sethmlarson');
  const github = () => installationResolver(services().github);
  /** CPython's history in the simulator, on psrt's clock. */
  const cpython = () =>
    ({ control: { ...world.github().control, advance: (ms: number) => app.clock.advance(ms) } }) as never;

  it('fills an open report from GitHub, then proposes and sends a record update once a backport is released', async () => {
    const history = cpython();
    cpythonHistory(history);
    const fix = securityFix(history);
    const to313 = backport(history, fix.number, '3.13');
    release(history, '3.13', '3.13.2');
    release(history, 'main', '3.14.0a2');

    const { report } = await world.triagedReport('tarfile: path traversal on extraction');
    await transitionReport(app.ctx(), await seth(), report.id, 'accept');
    await settle();
    await editReport(app.ctx(), await seth(), report.id, {
      title: 'tarfile: path traversal on extraction',
      cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
      fixPullRequests: [{ url: pull(fix.number), public: true, merged: true, backport: false }],
      creditPreference: { credit: false, name: null },
      publication: { cweIds: ['CWE-22'] },
    });

    const filled = await refreshFixes(app.ctx(), await seth(), report.id, github());
    expect(filled.applied).toBe(true);
    const { report: open } = await showReport(app.ctx(), await seth(), report.id);
    expect(open.affected).toEqual([
      {
        ecosystem: 'GIT',
        repo: 'https://github.com/python/cpython',
        introduced: '0',
        fixed: [to313.merge_commit_sha, fix.merge_commit_sha],
      },
    ]);
    expect(open.publication.products[0]?.versions).toEqual([
      { version: '0', lessThan: '3.13.2', status: 'affected', versionType: 'python' },
      { version: '3.14.0a1', lessThan: '3.14.0a2', status: 'affected', versionType: 'python' },
    ]);
    expect(open.publication.references.map((ref) => ref.type)).toEqual(['FIX', 'FIX', 'FIX', 'FIX']);

    await publishReport(app.ctx(), await seth(), report.id, { cnaOperators: operators, publishCve: true });
    await settle();
    const unchanged = await refreshFixes(app.ctx(), await seth(), report.id, github());
    expect(unchanged.changes).toEqual([]);

    // The 3.12 backport lands and is released.
    const to312 = backport(history, fix.number, '3.12');
    release(history, '3.12', '3.12.6');
    const proposal = await refreshFixes(app.ctx(), await seth(), report.id, github());
    expect(proposal.applied).toBe(false);
    expect(proposal.changes.map((change) => change.format)).toEqual(['cve', 'osv']);
    const osvDiff = proposal.changes.find((change) => change.format === 'osv')?.diff ?? '';
    expect(osvDiff).toContain(`+              "fixed": "${to312.merge_commit_sha}"`);
    expect(proposal.changes.find((change) => change.format === 'cve')?.diff).toContain(
      '"lessThan": "3.12.6"',
    );

    await approveRecordUpdate(app.ctx(), await seth(), report.id, github(), operators);
    await settle();
    const file = JSON.parse(
      readFileSync(join(world.checkout(), 'advisories/python/PSF-2026-1.json'), 'utf8'),
    );
    expect(file.affected[0].ranges[0].events).toEqual([
      { introduced: '0' },
      { fixed: to312.merge_commit_sha },
      { fixed: to313.merge_commit_sha },
      { fixed: fix.merge_commit_sha },
    ]);
    const log = execFileSync('git', ['-C', world.checkout(), 'log', '--format=%s'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(log).toHaveLength(2);
    const cve = await services().cna?.getRecord(open.cveId ?? '');
    expect(JSON.stringify(cve?.containers.cna)).toContain('"lessThan":"3.12.6"');
    const versions = (await recordHistory(app.ctx(), await seth(), report.id)).map(
      (r) => `${r.format} v${r.version}`,
    );
    expect(versions).toEqual(['email v1', 'cve v1', 'osv v1', 'cve v2', 'osv v2']);
  });
});
