import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { validateCveRecord, validateOsvRecord } from '../../src/records/validation.ts';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

const psfAdvisories = readdirSync(vendored.psfAdvisories)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, record: readJson(join(vendored.psfAdvisories, name)) }));

/** The smallest published record CVE JSON 5.1 accepts, as a PSF record would start. */
const minimalCveRecord = () => ({
  dataType: 'CVE_RECORD',
  dataVersion: '5.1',
  cveMetadata: {
    cveId: 'CVE-2024-0001',
    assignerOrgId: '28c92f92-d60d-412d-b760-e73465c3df22',
    assignerShortName: 'PSF',
    state: 'PUBLISHED',
  },
  containers: {
    cna: {
      providerMetadata: { orgId: '28c92f92-d60d-412d-b760-e73465c3df22', shortName: 'PSF' },
      descriptions: [{ lang: 'en', value: 'A flaw.' }],
      affected: [
        {
          vendor: 'Python Software Foundation',
          product: 'CPython',
          versions: [{ version: '0', lessThan: '3.12.1', status: 'affected', versionType: 'python' }],
        },
      ],
      references: [{ url: 'https://github.com/python/cpython/issues/1', tags: ['issue-tracking'] }],
    },
  },
});

const osvRecord = (name: string) =>
  structuredClone(psfAdvisories.find((advisory) => advisory.name === name)?.record) as Record<
    string,
    unknown
  > & { affected: { ranges: { type: string }[] }[] };

const psfCveRecords = (readdirSync(vendored.psfCveRecords, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, record: readJson(join(vendored.psfCveRecords, file)) }));

describe('a CVE record is checked against the vendored CVE JSON 5.1 schema', () => {
  it('a valid published record has no problems', () => {
    expect(validateCveRecord(minimalCveRecord())).toEqual([]);
  });

  it('every vendored PSF CVE record is valid, the 5.2 ones included', () => {
    expect(psfCveRecords.length).toBeGreaterThanOrEqual(15);
    for (const { file, record } of psfCveRecords) expect(validateCveRecord(record), file).toEqual([]);
  });

  it('each problem names the JSON path in the file and what is wrong there', () => {
    const record = minimalCveRecord();
    const cna = record.containers.cna as Record<string, unknown>;
    cna.affected = [{ vendor: 'Python Software Foundation', product: 'CPython', defaultStatus: 'broken' }];
    cna.supportingInfo = 'x';
    delete (cna as { descriptions?: unknown }).descriptions;
    const problems = validateCveRecord(record);
    expect(problems).toContainEqual({
      path: '/containers/cna/affected/0/defaultStatus',
      message: 'must be equal to one of the allowed values: "affected", "unaffected", "unknown"',
    });
    expect(problems).toContainEqual({
      path: '/containers/cna',
      message: "must have required property 'descriptions'",
    });
    expect(problems).toContainEqual({
      path: '/containers/cna',
      message: 'must NOT have additional properties: "supportingInfo"',
    });
  });

  it("a published record's problems are those of a published record, not of a rejected one", () => {
    const record = minimalCveRecord();
    record.containers.cna.references = [{ url: 'https://example.org/', tags: ['not-a-tag'] }];
    const problems = validateCveRecord(record);
    expect(problems.map((problem) => problem.path)).toEqual([
      '/containers/cna/references/0/tags/0',
      '/containers/cna/references/0/tags/0',
    ]);
    expect(problems.map((problem) => problem.message).join('\n')).not.toMatch(/rejectedReasons|oneOf/);
  });

  it('a rejected record is checked as one', () => {
    const record = minimalCveRecord();
    record.cveMetadata.state = 'REJECTED';
    expect(validateCveRecord(record)).toContainEqual({
      path: '/containers/cna',
      message: "must have required property 'rejectedReasons'",
    });
  });

  it('something that is not a record at all says so at the root', () => {
    expect(validateCveRecord(42)).toEqual([{ path: '/', message: 'must be object' }]);
    expect(validateCveRecord({})).toContainEqual({
      path: '/',
      message: "must have required property 'cveMetadata'",
    });
  });
});

describe('an OSV record is checked against the vendored OSV schema', () => {
  it('every vendored PSF advisory is valid', () => {
    expect(psfAdvisories.length).toBeGreaterThan(100);
    for (const { name, record } of psfAdvisories) expect(validateOsvRecord(record), name).toEqual([]);
  });

  it('each problem names the JSON path in the file and what is wrong there', () => {
    const record = osvRecord('PSF-2023-1.json');
    delete record.id;
    record.withdrawn_reason = 'x';
    const range = record.affected[0]?.ranges[0];
    if (range) range.type = 'SVN';
    expect(validateOsvRecord(record)).toEqual([
      { path: '/', message: "must have required property 'id'" },
      { path: '/', message: 'must NOT have additional properties: "withdrawn_reason"' },
      {
        path: '/affected/0/ranges/0/type',
        message: 'must be equal to one of the allowed values: "GIT", "SEMVER", "ECOSYSTEM"',
      },
    ]);
  });
});
