import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { type AppContext, steeringCouncilOf } from '../../src/app/context.ts';
import { grantAccess } from '../../src/app/grants.ts';
import {
  assignCoordinator,
  createReport,
  determineReport,
  editReport,
  listOpenReports,
  showReport,
  transitionReport,
} from '../../src/app/reports.ts';
import { getRoster, importRoster, resolvePrincipal } from '../../src/app/roster.ts';
import { runClockTick } from '../../src/app/scheduler.ts';
import { coordinatorClockWords } from '../../src/app/wording.ts';
import { createLogger } from '../../src/config/logger.ts';
import { defaultSteeringCouncil } from '../../src/config/steering-council.ts';
import { disclosureDeadline } from '../../src/domain/clocks.ts';
import { chooseCoordinator } from '../../src/domain/coordinator.ts';
import type { Effect } from '../../src/domain/effects.ts';
import { newReport as newReportRule } from '../../src/domain/intake.ts';
import { insertReport, listEffects, verifyAudit } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';

const DAY = 86_400_000;
const roster = (name: string) => readFileSync(new URL(`../../sandbox/${name}`, import.meta.url), 'utf8');

forEachEngine('the clocks, acted on', ({ store }) => {
  let clock = new Date('2026-03-01T09:00:00Z');
  const ctx = (): AppContext => ({ store: store(), now: () => clock, log: createLogger('silent') });
  const as = (login: string) => resolvePrincipal(ctx(), login);

  async function setUp() {
    clock = new Date('2026-03-01T09:00:00Z');
    await importRoster(
      ctx(),
      { kind: 'system', name: 'setup' },
      {
        members: { text: roster('psrt.csv'), source: 'psrt.csv' },
        emeritus: { text: roster('psrt-emeritus.csv'), source: 'psrt-emeritus.csv' },
      },
    );
  }

  const intake = { repository: 'python/cpython', title: 'A crash', description: 'details' };
  const newReport = async () => createReport(ctx(), await as('sethmlarson'), intake);
  /** The text of the mail telling the team who now coordinates a report. */
  const toldAbout = async (reportId: string) =>
    (await listEffects(store().db, { reportId }))
      .map((e) => e.payload as Effect)
      .flatMap((p) => (p.kind === 'mail.send' && p.purpose === 'coordinator' ? [p.text] : []))
      .join('\n');

  it('a report idle three days without a coordinator gets the least-loaded active member', async () => {
    await setUp();
    // Everyone eligible coordinates one open report except encukou (and the excluded roles).
    const busy = await newReport();
    await assignCoordinator(ctx(), await as('sethmlarson'), busy.id, 'sethmlarson');
    const idle = await newReport();

    clock = new Date(clock.getTime() + 3 * DAY - 1);
    expect((await runClockTick(ctx())).assigned).toEqual([]);

    clock = new Date(clock.getTime() + 1);
    const result = await runClockTick(ctx());
    expect(result.assigned).toHaveLength(1);
    const chosen = result.assigned[0]?.coordinator ?? '';
    expect(chosen).not.toBe('sethmlarson');
    // Never a release manager (hugovk, ambv, …) or Steering Council member.
    expect(['hugovk', 'ambv', 'ned-deily', 'pablogsal', 'savannahostrowski', 'zooba', 'Yhg1s']).not.toContain(
      chosen,
    );
    const detail = await showReport(ctx(), await as('sethmlarson'), idle.id);
    expect(detail.report.coordinator).toBe(chosen);
    // The report has no GHSA: the team is told by mail who now coordinates it.
    expect((await listEffects(store().db, { reportId: idle.id })).map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ kind: 'mail.send', purpose: 'coordinator', to: ['team'] }),
    );
    expect(await toldAbout(idle.id)).toContain(
      `${chosen} was assigned automatically (the report had no coordinator for 3 days)`,
    );

    // Acting twice on the same clock does nothing more.
    expect((await runClockTick(ctx())).assigned).toEqual([]);
    expect((await verifyAudit(store().db)).ok).toBe(true);
  });

  it('with a shorter idle time configured (the sandbox has two minutes), a report gets its coordinator after that time', async () => {
    await setUp();
    const idle = await newReport();
    const shortened = { ...ctx(), coordinatorIdleDays: 2 / (24 * 60) };
    clock = new Date(clock.getTime() + 2 * 60_000 - 1);
    expect((await runClockTick(shortened)).assigned).toEqual([]);
    clock = new Date(clock.getTime() + 1);
    expect((await runClockTick(shortened)).assigned.map((a) => a.reportId)).toEqual([idle.id]);
    // The team is told how long it really waited, not the devguide's three days.
    expect(await toldAbout(idle.id)).toContain('(the report had no coordinator for 2 minutes)');
  });

  it('the open reports say when a coordinator will be assigned, by the idle time configured', async () => {
    await setUp();
    const idle = await newReport();
    const shortened = { ...ctx(), coordinatorIdleDays: 2 / (24 * 60) };
    const member = await as('sethmlarson');
    const wordsFor = async (context: AppContext) => {
      const { reports } = await listOpenReports(context, member);
      const listed = reports.find((r) => r.report.id === idle.id);
      return listed ? coordinatorClockWords(listed.clocks, clock) : 'not listed';
    };
    expect(await wordsFor(ctx())).toBe('auto-assign in 3 days');
    expect(await wordsFor(shortened)).toBe('auto-assign in 2 minutes');
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect(await wordsFor(shortened)).toBe('auto-assignment due');
  });

  it('an accepted report idle three days without a coordinator gets one too', async () => {
    await setUp();
    // Accepted on GitHub ("Accept as draft") before anyone took it: psrt mirrors it without a coordinator.
    const report = { ...newReportRule('PSRT-2026-0100', intake, clock), state: 'accepted' as const };
    await insertReport(store().db, report, disclosureDeadline(report));
    clock = new Date(clock.getTime() + 3 * DAY);
    const result = await runClockTick(ctx());
    expect(result.assigned.map((a) => a.reportId)).toEqual([report.id]);
    expect((await showReport(ctx(), await as('sethmlarson'), report.id)).report).toMatchObject({
      state: 'accepted',
      coordinator: result.assigned[0]?.coordinator,
    });
  });

  it('a Steering Council member in the configuration is never assigned automatically, though the devguide roster does not say so', async () => {
    await setUp();
    const report = await newReport();
    clock = new Date(clock.getTime() + 3 * DAY);
    // With every eligible member equally idle, the first login alphabetically would be chosen: AA-Turner.
    expect(chooseCoordinator(await getRoster(ctx()), new Map(), { steeringCouncil: [] })).toBe('AA-Turner');
    const council = { ...ctx(), steeringCouncil: ['aa-turner'] };
    const result = await runClockTick(council);
    expect(result.assigned).toHaveLength(1);
    expect(result.assigned[0]?.coordinator).not.toBe('AA-Turner');
    expect((await showReport(ctx(), await as('sethmlarson'), report.id)).report.coordinator).toBe(
      result.assigned[0]?.coordinator,
    );
  });

  it('without a configured Steering Council, the current Council is kept out of automatic assignment', () => {
    expect(steeringCouncilOf(ctx())).toEqual(defaultSteeringCouncil);
    expect(steeringCouncilOf({ ...ctx(), steeringCouncil: [] })).toEqual([]);
  });

  it('a member who volunteered in time is not replaced by automatic assignment', async () => {
    await setUp();
    const report = await newReport();
    clock = new Date(clock.getTime() + 2 * DAY);
    await assignCoordinator(ctx(), await as('gpshead'), report.id, 'gpshead');
    clock = new Date(clock.getTime() + 5 * DAY);
    expect((await runClockTick(ctx())).assigned).toEqual([]);
  });

  it('each disclosure reminder is sent once, even when the clock runs again', async () => {
    await setUp();
    const report = await newReport();
    await assignCoordinator(ctx(), await as('sethmlarson'), report.id, 'sethmlarson');
    clock = new Date(clock.getTime() + 30 * DAY); // 60 days left
    const first = await runClockTick(ctx());
    expect(first.reminders).toHaveLength(1);
    expect(first.reminders[0]).toContain(':60d');
    expect((await runClockTick(ctx())).reminders).toEqual([]);

    clock = new Date(clock.getTime() + 31 * DAY); // 29 days left: the 30-day reminder
    const second = await runClockTick(ctx());
    expect(second.reminders).toHaveLength(1);
    expect(second.reminders[0]).toContain(':30d');
    const purposes = (await listEffects(store().db, { reportId: report.id })).map(
      (e) => `${e.kind}:${(e.payload as { purpose?: string }).purpose}`,
    );
    expect(purposes.filter((p) => p === 'mail.send:disclosure.reminder')).toHaveLength(2);
  });

  it('an overdue report is escalated to the admins', async () => {
    await setUp();
    const report = await newReport();
    await assignCoordinator(ctx(), await as('sethmlarson'), report.id, 'sethmlarson');
    clock = new Date(clock.getTime() + 91 * DAY);
    const result = await runClockTick(ctx());
    expect(result.reminders).toHaveLength(1);
    const effects = await listEffects(store().db, { reportId: report.id });
    expect(effects.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ kind: 'mail.send', purpose: 'disclosure.escalation', to: ['admins'] }),
    );
  });

  it('the steward staff are alerted as the CRA early warning nears', async () => {
    await setUp();
    const report = await newReport();
    await assignCoordinator(ctx(), await as('sethmlarson'), report.id, 'sethmlarson');
    await determineReport(ctx(), await as('sethmlarson'), report.id, 'vulnerability');
    await transitionReport(ctx(), await as('sethmlarson'), report.id, 'accept');
    await editReport(ctx(), await as('sethmlarson'), report.id, { exploitationAwareAt: clock });
    clock = new Date(clock.getTime() + 13 * 3_600_000); // 11 h before the 24 h early warning is due
    const result = await runClockTick(ctx());
    expect(result.craAlerts.some((key) => key.includes('early-warning'))).toBe(true);
    expect((await runClockTick(ctx())).craAlerts).toEqual([]);
  });

  it('an expired grant is removed, and the collaborator loses access', async () => {
    await setUp();
    const report = await newReport();
    await grantAccess(ctx(), await as('sethmlarson'), report.id, {
      login: 'zip-expert',
      reason: 'zipfile expert',
      expiresAt: new Date(clock.getTime() + 7 * DAY),
    });
    const expert = await as('zip-expert');
    await expect(showReport(ctx(), expert, report.id)).resolves.toBeDefined();
    clock = new Date(clock.getTime() + 7 * DAY);
    expect((await runClockTick(ctx())).expiredGrants).toBe(1);
    await expect(showReport(ctx(), expert, report.id)).rejects.toThrow(/No report/);
    expect((await runClockTick(ctx())).expiredGrants).toBe(0);
  });
});
