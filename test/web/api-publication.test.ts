// Publishing through the JSON API, with a token and with a session, against
// the GitHub and CVE Services simulators and a real SMTP server: the preview
// with every check, a refusal carrying it, sending, the CNA operator's
// approval, the records as text (public once published), their history,
// record updates and CVE IDs no report holds.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/domain/report.ts';
import { publishingWorld } from '../app/publish/world.ts';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld, type CredentialKind } from './api-support.ts';

type Problem = { status: number; detail: string; errors?: { ready: boolean; reportId: string } };
type Preview = { ready: boolean; psfId: string | null; records: { email: { subject: string } } | null };

forEachEngine('publishing through the API', (engine) => {
  const world = publishingWorld(engine);
  const { app: t, settle } = world;
  const readyReport = async () => (await world.readyReport()).report;
  let cnaOperators = ['sethmlarson'];
  const api = apiWorld(engine, {
    t,
    services: () => {
      const { github, cna } = world.services();
      return { github, cna, cnaOperators };
    },
  });
  const { call, credentials } = api;

  describe.each<CredentialKind>(['token', 'session'])('with a %s', (kind) => {
    it('previews, refuses to publish what is not ready (with the preview), then publishes and the CNA operator approves', async () => {
      cnaOperators = ['sethmlarson'];
      const { report: notReady } = await world.triagedReport('not ready');
      const seth = await credentials(kind, 'sethmlarson');
      const refused = await call<Problem>(seth, 'POST', `/v1/reports/${notReady.id}/publication`, {});
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain('Cannot publish the report.');
      expect(refused.body.errors).toMatchObject({ reportId: notReady.id, ready: false });

      const report = await readyReport();
      const preview = await call<Preview>(seth, 'GET', `/v1/reports/${report.id}/publication`);
      expect(preview.body).toMatchObject({ ready: true, psfId: 'PSF-2026-1' });
      expect(preview.body.records?.email.subject).toBe(
        `[${report.cveId}] tarfile: path traversal on extraction`,
      );
      const published = await call<{
        report: Report;
        records: { format: string }[];
        effects: { kind: string }[];
      }>(seth, 'POST', `/v1/reports/${report.id}/publication`, {});
      expect(published.status).toBe(200);
      expect(published.body.records.map((r) => r.format)).toEqual(['email', 'cve', 'osv']);
      expect(published.body.effects.map((e) => e.kind)).toContain('advisory.send');
      await settle();

      const encukou = await credentials(kind, 'encukou');
      const notOperator = await call<Problem>(encukou, 'POST', `/v1/reports/${report.id}/cve-record/approve`);
      expect(notOperator.status).toBe(403);
      expect(notOperator.body.detail).toContain('PSF CNA operator');
      const approved = await call<{ effects: { kind: string }[] }>(
        seth,
        'POST',
        `/v1/reports/${report.id}/cve-record/approve`,
      );
      expect(approved.body.effects.map((e) => e.kind)).toEqual(['cve.publish']);
      await settle();
      const history = await call<{ records: { format: string; version: number; status: string }[] }>(
        seth,
        'GET',
        `/v1/reports/${report.id}/records`,
      );
      expect(history.body.records.map((r) => [r.format, r.version, r.status])).toEqual([
        ['email', 1, 'sent'],
        ['cve', 1, 'sent'],
        ['osv', 1, 'sent'],
      ]);
    });

    it('renders a published advisory for anyone by its PSF id; an embargoed one is not found for them', async () => {
      const report = await readyReport();
      const seth = await credentials(kind, 'sethmlarson');
      await call(seth, 'POST', `/v1/reports/${report.id}/publication`, {});
      await settle();
      const { report: embargoed } = await world.triagedReport('still embargoed');
      const osv = await call<{ text: string }>({}, 'GET', '/v1/advisories/PSF-2026-1/osv');
      expect(osv.status).toBe(200);
      expect(JSON.parse(osv.body.text)).toMatchObject({ id: 'PSF-2026-1', aliases: [report.cveId] });
      const email = await call<{ text: string }>({}, 'GET', `/v1/advisories/${report.cveId}/email`);
      expect(email.body.text).toMatch(/^Subject: \[CVE-/);
      const byMember = await call<{ text: string }>(seth, 'GET', `/v1/advisories/${report.id}/cve`);
      expect(JSON.parse(byMember.body.text)).toMatchObject({ cveMetadata: { cveId: report.cveId } });
      // A member sees the embargoed one as it would be published.
      expect((await call(seth, 'GET', `/v1/advisories/${embargoed.id}/email`)).status).toBe(422);
      const hidden = await call<Problem>({}, 'GET', `/v1/advisories/${embargoed.id}/email`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.detail).not.toContain('embargoed');
      const anonymousPreview = await call<Problem>({}, 'GET', `/v1/reports/${report.id}/publication`);
      expect(anonymousPreview.status).toBe(403);
    });

    it('reads the fix from GitHub for a record update, refusing a report that links no public fix', async () => {
      const { report } = await world.triagedReport('no fix yet');
      const seth = await credentials(kind, 'sethmlarson');
      const refresh = await call<Problem>(seth, 'POST', `/v1/reports/${report.id}/fixes/refresh`);
      expect(refresh.status).toBe(422);
      expect(refresh.body.detail).toBe(`${report.id} links no public fix pull request: link it first.`);
      const approve = await call<Problem>(seth, 'POST', `/v1/reports/${report.id}/record-update`);
      expect(approve.status).toBe(422);
    });

    it('lists the CVE IDs reserved for the PSF that no report holds, and rejects them when asked', async () => {
      const cna = world.services().cna;
      if (!cna) throw new Error('the world has a CNA client');
      const byHand = await cna.reserveCveIds({ amount: 1, year: 2026, batchType: 'sequential' });
      const id = byHand.cveIds[0]?.cve_id ?? '';
      const seth = await credentials(kind, 'sethmlarson');
      const listed = await call<{ orphans: { cveId: string }[] }>(seth, 'GET', '/v1/cve-orphans');
      expect(listed.body.orphans.map((o) => o.cveId)).toEqual([id]);
      const rejected = await call<{ rejected: string[] }>(seth, 'POST', '/v1/cve-orphans/reject', {
        cveIds: [id, 'CVE-2026-99999'],
      });
      expect(rejected.body.rejected).toEqual([id]);
      const mira = await credentials(kind, 'mira-finds-bugs');
      expect((await call(mira, 'GET', '/v1/cve-orphans')).status).toBe(403);
    });
  });
});

forEachEngine('publishing through the API without GitHub or CVE Services', (engine) => {
  const { t, call, credentials } = apiWorld(engine);

  it('says which service is not configured (503), naming what to set', async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const seth = await credentials('token', 'sethmlarson');
    const refresh = await call<Problem>(seth, 'POST', `/v1/reports/${report.id}/fixes/refresh`);
    expect(refresh.status).toBe(503);
    expect(refresh.body.detail).toContain('github.appId');
    const orphans = await call<Problem>(seth, 'GET', '/v1/cve-orphans');
    expect(orphans.status).toBe(503);
    expect(orphans.body.detail).toContain('CVE_API_KEY');
  });
});
