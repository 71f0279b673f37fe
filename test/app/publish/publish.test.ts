// Publishing with one action: the gate decides, then the advisory email reaches the announce list
// (a real SMTP server), the OSV record is committed into a git checkout of the advisory database,
// the GHSA is closed, and the CVE record goes to CVE Services once a CNA operator approves it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  approveCveRecord,
  PublicationRefused,
  previewPublication,
  publishReport,
  recordHistory,
} from '../../../src/app/publish.ts';
import { editReport, showReport } from '../../../src/app/reports.ts';
import { osvFileText } from '../../../src/records/osv.ts';
import { listEffects, peekPsfId } from '../../../src/store/index.ts';
import { forEachEngine } from '../../support/engines.ts';
import { failsWith } from '../support.ts';
import { publishingWorld } from './world.ts';

const operators = ['sethmlarson'];

forEachEngine('publishing a report', (engine) => {
  const world = publishingWorld(engine);
  const { app, services, settle, readyReport } = world;
  const seth = () => app.as('sethmlarson');

  it('the preview shows the three records and every check, and gives no PSF id away', async () => {
    const { report } = await readyReport();
    const preview = await previewPublication(app.ctx(), await seth(), report.id);
    expect(preview.ready).toBe(true);
    expect(preview.psfId).toBe('PSF-2026-1');
    expect(preview.records?.email.subject).toBe(`[${report.cveId}] tarfile: path traversal on extraction`);
    expect(preview.records?.cve.cveMetadata.cveId).toBe(report.cveId);
    expect(preview.records?.osv).toMatchObject({ id: 'PSF-2026-1', aliases: [report.cveId] });
    expect(preview.gate.checks.map((check) => check.id)).toEqual([
      'cve-id',
      'title',
      'description',
      'cvss-v4',
      'cwe',
      'affected-versions',
      'patch-reference',
      'credits',
      'same-cve-id',
      'same-title',
      'same-severity',
      'same-fix-links',
      'cve-schema',
      'osv-schema',
    ]);
    expect(await peekPsfId(app.store().db, 2026)).toBe('PSF-2026-1');
  });

  it('publishing sends the email to the announce list, commits the OSV file and closes the GHSA, each once', async () => {
    const { report, ghsaId } = await readyReport();
    const published = await publishReport(app.ctx(), await seth(), report.id, { cnaOperators: operators });
    // Public only once the email is out: until then the report is accepted, with its PSF id.
    expect(published.report).toMatchObject({ state: 'accepted', publication: { psfId: 'PSF-2026-1' } });
    await settle();
    const { report: sent } = await showReport(app.ctx(), await seth(), report.id);
    expect(sent.state).toBe('published');
    expect(sent.finishedAt).toEqual(app.clock.now());

    const announced = world.mail().filter((mail) => mail.subject.startsWith(`[${report.cveId}]`));
    expect(announced).toHaveLength(1);
    expect(announced[0]?.to).toEqual(['security-announce@python.example']);
    expect(announced[0]?.text).toContain('There is a HIGH severity vulnerability affecting CPython.');
    const file = readFileSync(join(world.checkout(), 'advisories/python/PSF-2026-1.json'), 'utf8');
    const osv = published.records.find((record) => record.format === 'osv')?.content;
    expect(file).toBe(osvFileText(osv as never));
    const log = execFileSync('git', ['-C', world.checkout(), 'log', '--format=%s'], { encoding: 'utf8' });
    expect(log.trim().split('\n')).toEqual(['PSF-2026-1: tarfile: path traversal on extraction']);
    expect(world.advisory(ghsaId).state).toBe('closed');
    // The CVE record waits for a CNA operator: nothing was sent to CVE Services yet.
    expect(world.cveRequests().filter((request) => request.startsWith('POST /cve/'))).toEqual([]);
    const effects = await listEffects(app.store().db, { reportId: report.id });
    expect(effects.filter((effect) => effect.status !== 'done').map((effect) => effect.kind)).toEqual([]);
  });

  it('a CNA operator publishes the CVE record exactly as stored, and the history keeps every version', async () => {
    const { report } = await readyReport();
    const published = await publishReport(app.ctx(), await seth(), report.id, { cnaOperators: operators });
    await settle();
    const waiting = await recordHistory(app.ctx(), await seth(), report.id);
    expect(waiting.map((record) => `${record.format}: ${record.status}`)).toEqual([
      'email: sent',
      'cve: waiting for a CNA operator',
      'osv: sent',
    ]);
    await failsWith('forbidden', approveCveRecord(app.ctx(), await app.as('gpshead'), report.id, operators));
    await approveCveRecord(app.ctx(), await seth(), report.id, operators);
    await settle();
    const stored = published.records.find((record) => record.format === 'cve')?.content as {
      containers: { cna: { title: string; affected: unknown } };
    };
    const record = await services().cna?.getRecord(report.cveId ?? '');
    expect(record?.cveMetadata).toMatchObject({ cveId: report.cveId, state: 'PUBLISHED' });
    expect(record?.containers.cna).toMatchObject({
      title: stored.containers.cna.title,
      affected: stored.containers.cna.affected,
    });
    const history = await recordHistory(app.ctx(), await seth(), report.id);
    expect(history.map((record) => `${record.format} v${record.version}: ${record.status}`)).toEqual([
      'email v1: sent',
      'cve v1: sent',
      'osv v1: sent',
    ]);
  });

  it('a report the gate refuses is not published, names every failed check, and uses up no PSF id', async () => {
    const { report } = await readyReport();
    await editReport(app.ctx(), await seth(), report.id, { publication: { cweIds: [], references: [] } });
    const refusal = await failsWith(
      'refused',
      publishReport(app.ctx(), await seth(), report.id, { cnaOperators: operators }),
    );
    expect(refusal).toBeInstanceOf(PublicationRefused);
    expect(refusal.message).toMatch(/No CWE is given/);
    expect(refusal.message).toMatch(/No fix \(patch\) reference is recorded/);
    const { report: after } = await showReport(app.ctx(), await seth(), report.id);
    expect(after.state).toBe('accepted');
    expect(await peekPsfId(app.store().db, 2026)).toBe('PSF-2026-1');
  });

  it('a report whose advisory email is on its way cannot be published twice', async () => {
    const { report } = await readyReport();
    await publishReport(app.ctx(), await seth(), report.id, { cnaOperators: operators });
    const again = await failsWith(
      'refused',
      publishReport(app.ctx(), await seth(), report.id, { cnaOperators: operators }),
    );
    expect(again.message).toMatch(/already sent or on its way/);
  });

  it('only a CNA operator may publish the CVE record at once', async () => {
    const { report } = await readyReport();
    await failsWith(
      'forbidden',
      publishReport(app.ctx(), await app.as('gpshead'), report.id, {
        cnaOperators: operators,
        publishCve: true,
      }),
    );
  });
});
