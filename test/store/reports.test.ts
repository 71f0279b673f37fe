import { expect, it } from 'vitest';
import type { Report } from '../../src/domain/report.ts';
import {
  coordinatorLoads,
  getReport,
  getReportByGhsaId,
  getReportForUpdate,
  insertReport,
  markReminderSent,
  nextReportId,
  reportsAwaitingCoordinator,
  updateReport,
} from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { at, daysAfter, fullReport, minimalReport } from './fixtures.ts';

forEachEngine('reports', ({ store }) => {
  it('a report with every field set reads back equal to the domain object', async () => {
    const report = fullReport();
    await insertReport(store().db, report, at('2026-04-15T08:30:00.123Z'));
    expect(await getReport(store().db, report.id)).toStrictEqual(report);
    expect(await getReportByGhsaId(store().db, 'GHSA-2x3v-4w5c-6f7g')).toStrictEqual(report);
  });

  it('a fresh triage report with nothing optional set reads back equal too', async () => {
    const report = minimalReport();
    await insertReport(store().db, report, daysAfter(report.receivedAt, 90));
    expect(await getReport(store().db, report.id)).toStrictEqual(report);
  });

  it('an unknown report id reads as null', async () => {
    expect(await getReport(store().db, 'PSRT-2026-9999')).toBeNull();
  });

  it('updating writes every field, clearing ones set to null', async () => {
    const original = fullReport({ state: 'accepted', rejection: null, finishedAt: null });
    await insertReport(store().db, original, at('2026-04-15T00:00:00Z'));
    const changed = minimalReport({
      id: original.id,
      title: 'Retitled',
      updatedAt: at('2026-03-02T00:00:00Z'),
    });
    await store().transaction((tx) => updateReport(tx, changed, at('2026-05-01T00:00:00Z')));
    expect(await getReport(store().db, original.id)).toStrictEqual(changed);
  });

  it('updating a report that does not exist fails', async () => {
    await expect(updateReport(store().db, minimalReport(), at('2026-05-01T00:00:00Z'))).rejects.toThrow(
      /does not exist/,
    );
  });

  it('a report locked for update is read inside the transaction', async () => {
    await insertReport(store().db, minimalReport(), at('2026-05-30T00:00:00Z'));
    const read = await store().transaction((tx) => getReportForUpdate(tx, 'PSRT-2026-0001'));
    expect(read?.id).toBe('PSRT-2026-0001');
  });

  it('report ids count up per year as PSRT-YYYY-NNNN, starting at 0001 each year', async () => {
    const ids: string[] = [];
    for (const year of [2026, 2026, 2026, 2027, 2026])
      ids.push(await store().transaction((tx) => nextReportId(tx, year)));
    expect(ids).toEqual([
      'PSRT-2026-0001',
      'PSRT-2026-0002',
      'PSRT-2026-0003',
      'PSRT-2027-0001',
      'PSRT-2026-0004',
    ]);
  });

  it('an id taken in a transaction that rolls back is issued again, leaving no gap', async () => {
    await expect(
      store().transaction(async (tx) => {
        await nextReportId(tx, 2026);
        throw new Error('intake failed');
      }),
    ).rejects.toThrow('intake failed');
    expect(await store().transaction((tx) => nextReportId(tx, 2026))).toBe('PSRT-2026-0001');
  });

  it('report ids issued concurrently are all different and consecutive', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, () => store().transaction((tx) => nextReportId(tx, 2026))),
    );
    expect([...ids].sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `PSRT-2026-${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('coordinator load counts open reports per coordinator and their latest assignment', async () => {
    const reports = [
      minimalReport({
        id: 'PSRT-2026-0001',
        coordinator: 'alice',
        coordinatorSince: at('2026-03-01T00:00:00Z'),
      }),
      minimalReport({
        id: 'PSRT-2026-0002',
        state: 'accepted',
        coordinator: 'alice',
        coordinatorSince: at('2026-03-05T00:00:00Z'),
      }),
      minimalReport({
        id: 'PSRT-2026-0003',
        state: 'published',
        coordinator: 'bob',
        coordinatorSince: at('2026-03-09T00:00:00Z'),
      }),
      minimalReport({ id: 'PSRT-2026-0004' }),
    ];
    for (const report of reports) await insertReport(store().db, report, daysAfter(report.receivedAt, 90));
    const loads = await coordinatorLoads(store().db);
    expect(Object.fromEntries(loads)).toEqual({
      alice: { openReports: 2, lastAssignedAt: at('2026-03-05T00:00:00Z') },
      bob: { openReports: 0, lastAssignedAt: at('2026-03-09T00:00:00Z') },
    });
  });

  it('every open report idle long enough without a coordinator awaits one, longest idle first', async () => {
    const idle = (id: string, lastActivityAt: string, overrides: Partial<Report> = {}) =>
      minimalReport({ id, lastActivityAt: at(lastActivityAt), ...overrides });
    const reports = [
      idle('PSRT-2026-0001', '2026-03-02T00:00:00Z'),
      idle('PSRT-2026-0002', '2026-03-01T00:00:00Z', { state: 'accepted' }),
      idle('PSRT-2026-0003', '2026-03-01T00:00:00Z', {
        coordinator: 'alice',
        coordinatorSince: at('2026-03-01T00:00:00Z'),
      }),
      idle('PSRT-2026-0004', '2026-03-01T00:00:00Z', {
        state: 'rejected',
        rejection: { reason: 'spam', detail: null },
        finishedAt: at('2026-03-01T00:00:00Z'),
      }),
      idle('PSRT-2026-0005', '2026-03-01T00:00:00Z', {
        state: 'published',
        finishedAt: at('2026-03-01T00:00:00Z'),
      }),
      idle('PSRT-2026-0006', '2026-03-03T00:00:01Z'),
    ];
    for (const report of reports) await insertReport(store().db, report, daysAfter(report.receivedAt, 90));
    const due = await reportsAwaitingCoordinator(store().db, at('2026-03-03T00:00:00Z'));
    expect(due.map((r) => [r.id, r.state])).toEqual([
      ['PSRT-2026-0002', 'accepted'],
      ['PSRT-2026-0001', 'triage'],
    ]);
  });

  it('a report rejected as spam is stored with that reason', async () => {
    const report = minimalReport({
      state: 'rejected',
      rejection: { reason: 'spam', detail: null },
      finishedAt: at('2026-03-02T00:00:00Z'),
    });
    await insertReport(store().db, report, daysAfter(report.receivedAt, 90));
    expect((await getReport(store().db, report.id))?.rejection).toEqual({ reason: 'spam', detail: null });
  });

  it('a reminder is marked sent only the first time for its report and key', async () => {
    await insertReport(store().db, minimalReport(), at('2026-05-30T00:00:00Z'));
    const sent = at('2026-03-04T00:00:00Z');
    const first = await store().transaction((tx) =>
      markReminderSent(tx, 'PSRT-2026-0001', 'triage-idle:1', sent),
    );
    const again = await store().transaction((tx) =>
      markReminderSent(tx, 'PSRT-2026-0001', 'triage-idle:1', sent),
    );
    const other = await store().transaction((tx) =>
      markReminderSent(tx, 'PSRT-2026-0001', 'triage-idle:2', sent),
    );
    expect([first, again, other]).toEqual([true, false, true]);
  });

  it('of two instances racing to send the same reminder, exactly one sends it', async () => {
    await insertReport(store().db, minimalReport(), at('2026-05-30T00:00:00Z'));
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        store().transaction((tx) =>
          markReminderSent(tx, 'PSRT-2026-0001', 'deadline-7d', at('2026-05-23T00:00:00Z')),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
