// A report's CRA record through the JSON API (`/api/v1/reports/{id}/cra…`), on both engines, every
// exchange checked against /api/openapi.json: a member records awareness, completes the draft and
// records the submission; the record is members' only and embargoed like the report.
import { expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld } from './api-support.ts';

type View = {
  clocks: { stage: string; status: string; due: string | null }[];
  drafts: { stage: string; missing: string[] }[];
  submissions: { stage: string; reference: string; fields: { key: string; value: string }[] }[];
  csirtClocks: { requestId: number; status: string }[];
};

forEachEngine('the CRA record through the API', (engine) => {
  const { t, call, credentials } = apiWorld(engine);

  it('a member records awareness, completes the early warning and records its submission with a frozen copy', async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const seth = await credentials('token', 'sethmlarson');
    const base = `/v1/reports/${report.id}/cra`;
    const aware = await call<View>(seth, 'POST', `${base}/awareness`, {
      awareAt: '2026-03-10T08:00:00Z',
      evidence: 'Exploit on a forum',
    });
    expect(aware.status).toBe(200);
    expect(aware.body.clocks[0]).toMatchObject({ stage: 'early-warning', due: '2026-03-11T08:00:00.000Z' });
    expect(aware.body.drafts[0]?.missing).toEqual(['Member States where the product is made available']);

    const edited = await call<View>(seth, 'PATCH', `${base}/drafts/early-warning`, {
      fields: { memberStates: 'All EU Member States' },
    });
    expect(edited.body.drafts[0]?.missing).toEqual([]);

    const submitted = await call<View['submissions'][number]>(seth, 'POST', `${base}/submissions`, {
      stage: 'early-warning',
      reference: 'SRP-7',
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.fields).toContainEqual(
      expect.objectContaining({ key: 'memberStates', value: 'All EU Member States' }),
    );
    const again = await call(seth, 'POST', `${base}/submissions`, {
      stage: 'early-warning',
      reference: 'SRP-8',
    });
    expect(again.status).toBe(422);
    const read = await call<View>(seth, 'GET', base);
    expect(read.body.submissions.map((s) => s.reference)).toEqual(['SRP-7']);
    expect(read.body.clocks[0]?.status).toBe('submitted');
  });

  it("records a CSIRT's request and its answer", async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const seth = await credentials('session', 'sethmlarson');
    const base = `/v1/reports/${report.id}/cra`;
    await call(seth, 'POST', `${base}/csirt-requests`, {
      csirt: 'CERT-FR',
      request: 'Which versions?',
      askedAt: '2026-03-10T08:00:00Z',
      dueAt: '2026-03-11T08:00:00Z',
    });
    const answered = await call<View>(seth, 'POST', `${base}/csirt-requests/1/answer`, { answer: 'All' });
    expect(answered.body.csirtClocks).toEqual([
      expect.objectContaining({ requestId: 1, status: 'submitted' }),
    ]);
  });

  it('a collaborator may not read the CRA record, and someone without access gets "not found"', async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const outsider = await call(
      await credentials('token', 'mira-finds-bugs'),
      'GET',
      `/v1/reports/${report.id}/cra`,
    );
    expect(outsider.status).toBe(404);
    await grantAccess(t.ctx(), await t.as('sethmlarson'), report.id, {
      login: 'mira-finds-bugs',
      reason: 'reporter',
    });
    const collaborator = await call(
      await credentials('token', 'mira-finds-bugs'),
      'GET',
      `/v1/reports/${report.id}/cra`,
    );
    expect(collaborator.status).toBe(403);
  });
});
