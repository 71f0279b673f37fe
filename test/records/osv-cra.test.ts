import { describe, expect, it } from 'vitest';
import { emptyCra } from '../../src/domain/report.ts';
import { osvFileText, renderOsvRecord } from '../../src/records/osv.ts';
import { validateOsvRecord } from '../../src/records/validation.ts';
import { fullReport } from '../store/fixtures.ts';

const at = (iso: string) => new Date(iso);
const modified = at('2026-10-20T00:00:00Z');
const published = fullReport({ state: 'published', finishedAt: at('2026-10-19T12:00:00Z') });
const notExploited = { ...published, cra: emptyCra() };

describe('the CRA user notice in the OSV record (Art. 14(8))', () => {
  it('an actively exploited vulnerability carries the notice in database_specific, valid against the OSV schema', () => {
    const record = renderOsvRecord(published, modified);
    expect(record.database_specific).toEqual({
      cwe_ids: ['CWE-22'],
      cra: {
        actively_exploited: true,
        exploitation_aware_at: '2026-01-17T00:00:00Z',
        user_notice: 'This vulnerability is actively exploited. Upgrade to 3.14.1',
      },
    });
    expect(validateOsvRecord(JSON.parse(osvFileText(record)))).toEqual([]);
  });

  it('what the team wrote as the measures users can take is the notice', () => {
    const report = {
      ...published,
      cra: {
        ...published.cra,
        drafts: { notification: { userMeasures: 'Disable ZIP64 until you upgrade.' } },
      },
    };
    expect(renderOsvRecord(report, modified).database_specific?.cra?.user_notice).toBe(
      'This vulnerability is actively exploited. Disable ZIP64 until you upgrade.',
    );
  });

  it('a record of a vulnerability not actively exploited has no CRA notice and is as before', () => {
    const record = renderOsvRecord(notExploited, modified);
    expect(record.database_specific).toEqual({ cwe_ids: ['CWE-22'] });
    const finding = {
      status: 'not-exploited' as const,
      reason: 'No attacks seen',
      recordedBy: 'a',
      recordedAt: modified,
    };
    const found = { ...notExploited, cra: { ...emptyCra(), exploitation: finding } };
    expect(osvFileText(renderOsvRecord(found, modified))).toBe(osvFileText(record));
  });

  it('without CWE ids the notice stands alone in database_specific', () => {
    const report = { ...published, publication: { ...published.publication, cweIds: null } };
    expect(Object.keys(renderOsvRecord(report, modified).database_specific ?? {})).toEqual(['cra']);
  });
});
