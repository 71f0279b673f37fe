// The members page's read model: the devguide's lists for anyone, and for
// members each person's roles and work.
import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { importAdvisory } from '../../src/app/history.ts';
import { teamAs } from '../../src/app/members.ts';
import { readRecordFile } from '../../src/app/record-files.ts';
import { assignCoordinator } from '../../src/app/reports.ts';
import { forEachEngine } from '../support/engines.ts';
import { anonymous, at, bot, testApp } from './support.ts';

forEachEngine('the members page', (engine) => {
  const app = testApp(engine, at('2024-10-01T09:00:00.000Z'));
  beforeEach(() => app.importDevguideRoster());

  /** A published PSF advisory, as if `coordinator` had coordinated it. */
  async function published(psfId: string, coordinator: string): Promise<void> {
    const { result } = readRecordFile('osv', `${vendored.psfAdvisories}${psfId}.json`);
    if (!result.ok) throw new Error(psfId);
    const { reportId } = await importAdvisory(app.ctx(), bot, result.advisory);
    await app.store().db.execute(sql`update reports set coordinator = ${coordinator} where id = ${reportId}`);
  }

  it('anyone sees the member and emeritus lists in the devguide order, names and logins only', async () => {
    for (const who of [anonymous, await app.as('zip-expert')]) {
      const team = await teamAs(app.ctx(), who);
      expect(team.detailed).toBe(false);
      expect(team.members).toHaveLength(31);
      expect(team.members[0]).toEqual({ name: 'Adam Turner', login: 'AA-Turner', work: null });
      expect(team.members.every((person) => person.work === null)).toBe(true);
      expect(team.emeritus.map((person) => person.name)).toContain('Christian Heimes');
    }
  });

  it('a member also sees roles, open reports coordinated, reports published in the last 12 months and the last action', async () => {
    const seth = await app.as('sethmlarson');
    await published('PSF-2023-12', 'sethmlarson'); // December 2023: within the last 12 months
    await published('PSF-2023-5', 'SethMLarson'); // August 2023: before them
    const open = await app.newReport('sethmlarson');
    app.clock.advanceDays(2);
    await assignCoordinator(app.ctx(), seth, open.id, 'sethmlarson');

    const team = await teamAs(app.ctx(), await app.as('gpshead'));
    expect(team.detailed).toBe(true);
    const row = (login: string) => team.members.find((person) => person.login === login)?.work;
    expect(row('sethmlarson')).toEqual({
      roles: ['Admin'],
      coordinating: 1,
      publishedLastYear: 1,
      lastActiveAt: app.clock.now(),
    });
    expect(row('hugovk')).toEqual({
      roles: ['Release Manager'],
      coordinating: 0,
      publishedLastYear: 0,
      lastActiveAt: null,
    });
  });
});
