// The sandbox shows publication working: its CPython story is published with one action and its
// advisory email reaches the announce list at the sandbox's SMTP server, its OSV record is committed
// into the sandbox's advisory database, and its CVE record, approved by the sandbox's CNA operator,
// is published at the CVE Services simulator; pip's story publishes the email and CVE record only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { gitCheckout, initCheckout } from '../../src/app/advisory-database.ts';
import { serviceClients } from '../../src/app/service-clients.ts';
import { osvFileText } from '../../src/records/osv.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import { type SandboxServices, seedSandbox, startSandboxServices } from '../../src/sandbox/index.ts';
import { listRecordVersions, listReports } from '../../src/store/index.ts';
import { at, sandboxFile, testApp } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { asPsrtServe } from './runner.ts';

const roster = parseRosterCsv(sandboxFile('psrt.csv'), 'member');

forEachEngine('publication in the sandbox', (engine) => {
  const app = testApp(engine, at('2026-06-15T12:00:00.000Z'));
  let services: SandboxServices;
  let checkout: string;
  beforeEach(async () => {
    services = await startSandboxServices(roster, { now: app.clock.now });
    checkout = mkdtempSync(join(tmpdir(), 'psrt-sandbox-advisories-'));
    await initCheckout(checkout);
  });
  afterEach(async () => {
    await services.close();
    rmSync(checkout, { recursive: true, force: true });
  });

  it('the published stories reached the announce list, the advisory database and CVE Services', async () => {
    const database = gitCheckout(checkout, {
      push: false,
      author: { name: 'psrt', email: 'security@python.org' },
    });
    await seedSandbox(app.ctx(), services, asPsrtServe(app.ctx(), services, database));
    const { reports } = await listReports(
      app.store().db,
      { kind: 'all' },
      { open: false, now: app.clock.now(), limit: 50, offset: 0 },
    );
    const published = reports.filter((report) => report.state === 'published');
    const shutil = published.find((report) => report.repository === 'python/cpython');
    const wheel = published.find((report) => report.repository === 'pypa/pip');
    expect(shutil?.publication.psfId).toBe('PSF-2026-1');
    expect(wheel?.publication.psfId).toBeNull();

    const announced = services.outgoingMail
      .messages()
      .filter((mail) => mail.to.includes('security-announce@python.org'));
    expect(announced.map((mail) => mail.subject).sort()).toEqual(
      [`[${shutil?.cveId}] ${shutil?.title}`, `[${wheel?.cveId}] ${wheel?.title}`].sort(),
    );

    const osv = (await listRecordVersions(app.store().db, shutil?.id ?? '')).find(
      (record) => record.format === 'osv',
    );
    expect(readFileSync(join(checkout, 'advisories/python/PSF-2026-1.json'), 'utf8')).toBe(
      osvFileText(osv?.content as never),
    );
    const log = execFileSync('git', ['-C', checkout, 'log', '--format=%s'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(log).toEqual([`PSF-2026-1: ${shutil?.title}`]);

    const { cna } = serviceClients(
      { github: null, cna: services.cve, smtp: null },
      { log: app.ctx().log, now: app.clock.now },
    );
    expect((await cna?.getRecord(shutil?.cveId ?? ''))?.cveMetadata.state).toBe('PUBLISHED');
    // pip's CVE record waits for a CNA operator, as nobody approved it in its story.
    expect((await cna?.getCveId(wheel?.cveId ?? ''))?.state).toBe('RESERVED');
  });
});
