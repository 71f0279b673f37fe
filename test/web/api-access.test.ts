// Who may see a report and who it credits, through the JSON API with a token
// and with a session: a coordinator grants and revokes a collaborator, lists
// the credits and drops one; the collaborator sees the report only meanwhile.
import { describe, expect, it } from 'vitest';
import { editReport } from '../../src/app/reports.ts';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld, type CredentialKind } from './api-support.ts';

type Grant = { login: string; grantedBy: string; expiresAt: string | null; revokedAt: string | null };
type Credit = { name: string; login: string | null; state: string };
type Problem = { status: number; detail: string };

forEachEngine('access and credits through the API', (engine) => {
  const { t, call, credentials } = apiWorld(engine);

  describe.each<CredentialKind>(['token', 'session'])('with a %s', (kind) => {
    it('a grant lets the collaborator read the report until it is revoked', async () => {
      await t.importDevguideRoster();
      const report = await t.newReport('sethmlarson');
      const seth = await credentials(kind, 'sethmlarson');
      const mira = await credentials(kind, 'mira-finds-bugs');
      const granted = await call<Grant>(seth, 'POST', `/v1/reports/${report.id}/grants`, {
        login: 'mira-finds-bugs',
        reason: 'reporter',
        expiresAt: '2026-04-01T00:00:00Z',
      });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({
        login: 'mira-finds-bugs',
        grantedBy: 'sethmlarson',
        expiresAt: '2026-04-01T00:00:00.000Z',
      });
      expect((await call(mira, 'GET', `/v1/reports/${report.id}`)).status).toBe(200);
      // A collaborator may not grant others.
      const passedOn = await call<Problem>(mira, 'POST', `/v1/reports/${report.id}/grants`, {
        login: 'zip-expert',
        reason: 'friend',
      });
      expect(passedOn.status).toBe(403);
      const revoked = await call<{ revoked: Grant[] }>(
        seth,
        'DELETE',
        `/v1/reports/${report.id}/grants/mira-finds-bugs`,
      );
      expect(revoked.body.revoked).toEqual([expect.objectContaining({ login: 'mira-finds-bugs' })]);
      expect(revoked.body.revoked[0]?.revokedAt).not.toBeNull();
      expect((await call(mira, 'GET', `/v1/reports/${report.id}`)).status).toBe(404);
    });

    it('lists the credits with whether each was accepted, and drops one by its login or printed name', async () => {
      await t.importDevguideRoster();
      const report = await t.newReport('sethmlarson');
      await editReport(t.ctx(), await t.as('sethmlarson'), report.id, {
        publication: {
          credits: [
            { name: 'Mira Finds-Bugs', type: 'finder', login: 'mira-finds-bugs', state: 'pending' },
            { name: 'Kai Expert', type: 'analyst', login: null, state: 'accepted' },
          ],
        },
      });
      const seth = await credentials(kind, 'sethmlarson');
      const listed = await call<{ credits: Credit[] }>(seth, 'GET', `/v1/reports/${report.id}/credits`);
      expect(listed.body.credits.map((c) => [c.name, c.state])).toEqual([
        ['Mira Finds-Bugs', 'pending'],
        ['Kai Expert', 'accepted'],
      ]);
      const dropped = await call<{ dropped: Credit[]; offGitHub: boolean; report: { id: string } }>(
        seth,
        'DELETE',
        `/v1/reports/${report.id}/credits/${encodeURIComponent('Kai Expert')}`,
      );
      expect(dropped.body).toMatchObject({ offGitHub: false, report: { id: report.id } });
      expect(dropped.body.dropped.map((c) => c.name)).toEqual(['Kai Expert']);
      const unknown = await call<Problem>(seth, 'DELETE', `/v1/reports/${report.id}/credits/nobody`);
      expect(unknown.status).toBe(422);
      expect(unknown.body.detail).toContain('credit');
    });
  });
});
