import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { intakeProblems, newReport } from '../../src/domain/intake.ts';

const now = new Date('2026-03-04T10:00:00Z');
const intake = { repository: 'python/cpython', title: '  tarfile: path traversal ', description: 'details' };

describe('a report entering the process', () => {
  it('starts in triage with no coordinator, its clock running from the first receipt', () => {
    const emailed = new Date('2026-03-01T08:00:00Z');
    const report = newReport(
      'PSRT-2026-0001',
      { ...intake, receivedAt: emailed, ghsaId: 'GHSA-7x2c-3vq9-h4mf' },
      now,
    );
    expect(report).toMatchObject({
      id: 'PSRT-2026-0001',
      state: 'triage',
      coordinator: null,
      title: 'tarfile: path traversal',
      receivedAt: emailed,
      lastActivityAt: now,
      ghsaId: 'GHSA-7x2c-3vq9-h4mf',
    });
  });

  it('received now when no earlier receipt is known', () => {
    expect(newReport('PSRT-2026-0002', intake, now).receivedAt).toEqual(now);
  });

  it('names every problem with a bad intake, and files nothing', () => {
    const bad = {
      repository: 'cpython',
      title: ' ',
      description: 'x',
      receivedAt: new Date('2026-03-05T00:00:00Z'),
      ghsaId: 'GHSA-1234',
    };
    expect(intakeProblems(bad, now)).toEqual([
      'repository must look like owner/name',
      'title must not be empty',
      'received time is in the future',
      'GHSA id must look like GHSA-xxxx-xxxx-xxxx',
    ]);
    expect(() => newReport('PSRT-2026-0003', bad, now)).toThrow(DomainError);
  });

  it('refuses a title or description longer than GHSA accepts', () => {
    expect(
      intakeProblems({ ...intake, title: 'x'.repeat(1025), description: 'y'.repeat(65536) }, now),
    ).toEqual([
      'title is longer than GHSA allows (1024 characters)',
      'description is longer than GHSA allows (65535 characters)',
    ]);
  });
});
