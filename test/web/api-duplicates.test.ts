// Duplicates through the JSON API: a member asks which reports a report may
// duplicate and merges it into the original; refusals come back as problems
// that say what to do, and someone who may not see a report learns nothing.
import { expect, it } from 'vitest';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld } from './api-support.ts';

type Problem = { status: number; detail: string };
type Suggestions = { suggestions: { kind: string; id: string; score: number; reasons: string[] }[] };
type Merge = {
  original: { id: string; receivedAt: string };
  duplicate: { state: string };
  receivedEarlier: boolean;
};

const symlink = (who: string) => ({
  title: 'tarfile: extraction filter bypass through a symlink',
  description: `${who}: TarFile.extractall(filter="data") follows a symlink member and writes outside the destination. Lib/tarfile.py.`,
});

forEachEngine('duplicates through the API', (engine) => {
  const { t, call, credentials } = apiWorld(engine);

  it('a member sees the similar reports with reasons, merges the duplicate, and the original keeps the earlier receipt', async () => {
    await t.importDevguideRoster();
    const original = await t.newReport('sethmlarson', {
      ...symlink('alice'),
      receivedAt: new Date('2026-03-05T00:00:00Z'),
    });
    const duplicate = await t.newReport('sethmlarson', {
      ...symlink('bob'),
      receivedAt: new Date('2026-03-02T00:00:00Z'),
    });
    await t.newReport('sethmlarson', {
      title: 'zipfile: ZIP64 loop',
      description: 'A crafted end record loops forever.',
    });
    const seth = await credentials('token', 'sethmlarson');
    const similar = await call<Suggestions>(seth, 'GET', `/v1/reports/${duplicate.id}/similar`);
    expect(similar.status).toBe(200);
    expect(similar.body.suggestions.map((s) => s.id)).toEqual([original.id]);
    expect(similar.body.suggestions[0]?.reasons).toContain('same repository and module `tarfile`');
    const merged = await call<Merge>(seth, 'POST', `/v1/reports/${duplicate.id}/merge`, {
      into: original.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      original: { id: original.id, receivedAt: '2026-03-02T00:00:00.000Z' },
      duplicate: { state: 'rejected' },
      receivedEarlier: true,
    });
  });

  it('merging into itself is refused with what to do; a stranger gets the same 404 as for no report at all', async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const seth = await credentials('session', 'sethmlarson');
    const itself = await call<Problem>(seth, 'POST', `/v1/reports/${report.id}/merge`, { into: report.id });
    expect(itself.status).toBe(422);
    expect(itself.body.detail).toMatch(/cannot be merged into itself/);
    const mira = await credentials('token', 'mira-finds-bugs');
    const denied = await call<Problem>(mira, 'POST', `/v1/reports/${report.id}/merge`, {
      into: 'PSRT-2026-0999',
    });
    const absent = await call<Problem>(mira, 'POST', '/v1/reports/PSRT-2026-0998/merge', {
      into: 'PSRT-2026-0999',
    });
    expect(denied.status).toBe(404);
    expect(denied.body.detail.replace(report.id, 'ID')).toBe(
      absent.body.detail.replace('PSRT-2026-0998', 'ID'),
    );
    expect((await call(mira, 'GET', `/v1/reports/${report.id}/similar`)).status).toBe(404);
  });
});
