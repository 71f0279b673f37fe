import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CnaError } from '../../src/cna/index.ts';
import { idsOf, type SimWithClient, startPsfSim } from './harness.ts';

describe('reserving CVE IDs as the PSF CNA', () => {
  let psf: SimWithClient;
  beforeEach(async () => {
    psf = await startPsfSim({ idQuota: 20 });
  });
  afterEach(() => psf.server.close());

  it('one ID without a batch type comes from the priority range, the first of the year', async () => {
    const reservation = await psf.client.reserveCveIds({ amount: 1, year: 2025 });
    expect(reservation.cveIds.map((id) => id.cve_id)).toEqual(['CVE-2025-0001']);
    expect(reservation.cveIds[0]).toMatchObject({
      cve_year: '2025',
      state: 'RESERVED',
      owning_cna: 'PSF',
      requested_by: { cna: 'PSF', user: 'sethmlarson@python.org' },
    });
    expect(reservation).toMatchObject({ remainingQuota: 19, partial: false });
  });

  it('a sequential batch is consecutive IDs from the general range', async () => {
    const reservation = await psf.client.reserveCveIds({ amount: 3, year: 2025, batchType: 'sequential' });
    expect(reservation.cveIds.map((id) => id.cve_id)).toEqual([
      'CVE-2025-20001',
      'CVE-2025-20002',
      'CVE-2025-20003',
    ]);
    expect(reservation.remainingQuota).toBe(17);
  });

  it('a non-sequential batch is distinct IDs scattered over the general range', async () => {
    const reservation = await psf.client.reserveCveIds({
      amount: 5,
      year: 2025,
      batchType: 'non-sequential',
    });
    const numbers = reservation.cveIds.map((id) => Number(id.cve_id.split('-')[2]));
    expect(new Set(numbers).size).toBe(5);
    expect(numbers.every((n) => n > 20_000)).toBe(true);
    expect(numbers).not.toEqual([...numbers].sort((a, b) => a - b).map((_, i) => Math.min(...numbers) + i));
  });

  it('more than ten non-sequential IDs at once are refused with what to do instead', async () => {
    const error = await psf.client
      .reserveCveIds({ amount: 11, year: 2025, batchType: 'non-sequential' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CnaError);
    expect(error).toMatchObject({ status: 403, code: 'OVER_NONSEQUENTIAL_MAX_AMOUNT' });
    expect((error as CnaError).message).toMatch(/at most 10 non-sequential IDs/);
  });

  it('a reservation beyond the quota is refused and the admin is asked to raise it; nothing is reserved', async () => {
    await psf.client.reserveCveIds({ amount: 18, year: 2025, batchType: 'sequential' });
    const error = await psf.client
      .reserveCveIds({ amount: 3, year: 2025, batchType: 'sequential' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 403,
      code: 'EXCEEDED_ID_QUOTA',
      details: { id_quota: 20, total_reserved: 18, available: 2 },
    });
    expect((error as CnaError).message).toMatch(/ask the CNA's admin to raise the quota/i);
    expect(await psf.client.getQuota()).toEqual({ id_quota: 20, total_reserved: 18, available: 2 });
  });

  it('the quota counts only RESERVED IDs: publishing or rejecting one frees a place', async () => {
    const [first = ''] = idsOf(
      await psf.client.reserveCveIds({ amount: 2, year: 2025, batchType: 'sequential' }),
    );
    await psf.client.rejectCveId(first, 'Reserved twice for the same report.');
    expect(await psf.client.getQuota()).toEqual({ id_quota: 20, total_reserved: 1, available: 19 });
  });

  it('years outside 1999 to next year cannot be reserved for', async () => {
    await expect(psf.client.reserveCveIds({ amount: 1, year: 1998 })).rejects.toMatchObject({
      status: 403,
      code: 'CANNOT_RESERVE_FOR_YEAR',
    });
    await expect(psf.client.reserveCveIds({ amount: 1, year: 2027 })).rejects.toMatchObject({
      code: 'CANNOT_RESERVE_FOR_YEAR',
    });
    await expect(psf.client.reserveCveIds({ amount: 1, year: 2026 })).resolves.toMatchObject({
      cveIds: [{ cve_id: 'CVE-2026-0001' }],
    });
  });

  it('more than one ID without a batch type is refused by the service', async () => {
    await expect(psf.client.reserveCveIds({ amount: 2, year: 2025 })).rejects.toMatchObject({
      status: 400,
      code: 'NO_BATCH_TYPE',
    });
  });

  it('when the year runs out part way, the IDs reserved are returned and marked partial', async () => {
    psf.sim.control.setIdRange('2025', { generalEnd: 20_003 });
    const reservation = await psf.client.reserveCveIds({
      amount: 5,
      year: 2025,
      batchType: 'non-sequential',
    });
    expect(reservation.partial).toBe(true);
    expect(reservation.cveIds.map((id) => id.cve_id).sort()).toEqual([
      'CVE-2025-20001',
      'CVE-2025-20002',
      'CVE-2025-20003',
    ]);
    expect(reservation.remainingQuota).toBe(17);
  });
});
