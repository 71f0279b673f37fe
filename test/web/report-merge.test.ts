// The report page's Duplicates card: a member sees the reports this one may
// duplicate with why, merges it into one with a click (or into any report by
// its id), and lands back on it, rejected as a duplicate. Collaborators see no
// such card, and a merge into a report one may not see is "not found".
import { describe, expect, it } from 'vitest';
import { grantAccess } from '../../src/app/grants.ts';
import { showReport } from '../../src/app/reports.ts';
import { reportWorld, section, textOf } from './report-world.ts';

const world = reportWorld();

const symlink = (who: string, receivedAt: string) => ({
  title: 'tarfile: extraction filter bypass through a symlink',
  description: `${who}: TarFile.extractall(filter="data") follows a symlink member and writes outside the destination.`,
  receivedAt: new Date(receivedAt),
});

describe('the Duplicates card', () => {
  it('lists the likely original with why, and one click merges this report into it', async () => {
    const original = await world.newReport({
      ...symlink('alice', '2026-03-05T00:00:00Z'),
      reporter: 'alice',
    });
    const duplicate = await world.newReport({ ...symlink('bob', '2026-03-02T00:00:00Z'), reporter: 'bob' });
    const page = await world.get('gpshead', `/reports/${duplicate.id}`);
    const card = section(page.html, 'duplicates');
    expect(textOf(card)).toContain(original.id);
    expect(textOf(card)).toContain('same repository and module `tarfile`');
    expect(card).toContain(`Merge this report into ${original.id}`);

    const response = await world.post('gpshead', duplicate.id, 'merge', { into: original.id });
    expect(response.status).toBe(303);
    const landed = await world.follow('gpshead', response);
    expect(textOf(landed.html)).toContain(
      `Merged into ${original.id}: this report is rejected as its duplicate. Its disclosure clock now runs from this report's receipt, 2026-03-02. It credits bob.`,
    );
    const seth = await world.as('sethmlarson');
    expect((await showReport(world.ctx(), seth, duplicate.id)).report.state).toBe('rejected');
    expect((await showReport(world.ctx(), seth, original.id)).report.receivedAt).toEqual(
      new Date('2026-03-02T00:00:00Z'),
    );
    // A rejected report has nothing left to merge: the card is gone.
    expect(section(landed.html, 'duplicates')).toBe('');
  });

  it('merging into itself is refused on the page, with what to do', async () => {
    const report = await world.newReport();
    const response = await world.post('gpshead', report.id, 'merge', { into: report.id });
    expect(response.status).toBe(422);
    expect(textOf(await response.text())).toContain('A report cannot be merged into itself');
  });

  it('a collaborator sees no Duplicates card and cannot merge; an original one may not see is "not found"', async () => {
    const report = await world.newReport();
    await grantAccess(world.ctx(), await world.as('sethmlarson'), report.id, {
      login: 'mira-finds-bugs',
      reason: 'reporter',
    });
    const page = await world.get('mira-finds-bugs', `/reports/${report.id}`);
    expect(page.status).toBe(200);
    expect(section(page.html, 'duplicates')).toBe('');
    const other = await world.newReport();
    expect((await world.post('mira-finds-bugs', report.id, 'merge', { into: other.id })).status).toBe(404);
    const unknown = await world.post('gpshead', report.id, 'merge', { into: 'PSRT-2026-0999' });
    expect(unknown.status).toBe(404);
    expect(textOf(await unknown.text())).toContain('No report PSRT-2026-0999 that you can see.');
  });
});
