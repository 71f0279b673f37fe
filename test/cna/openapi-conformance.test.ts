// The client's requests and schemas checked against the official description
// (vendor/cve-services/api-docs/openapi.json with the schema files it refers to)
// and the CVE JSON 5.1 schema.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cveConformance } from '../../sim/conformance/descriptions.ts';
import { batchTypes, cveIdStates } from '../../src/cna/index.ts';
import { cnaContainerSchema, cveIdSchema, cveRecordSchema } from '../../src/cna/schemas.ts';
import { cpythonSubprocessContainer } from './fixtures.ts';
import { type SimWithClient, startPsfSim } from './harness.ts';
import { openapi, operation, recordSchema } from './openapi.ts';

/** An example of the description by name (an object of objects). */
const example = (name: string) =>
  (openapi.components.examples[name]?.value ?? {}) as Record<string, Record<string, unknown>>;

const clientOperations = [
  'cveIdReserve',
  'cveIdGetSingle',
  'cveIdGetFiltered',
  'cveCnaCreateSingle',
  'cveCnaUpdateSingle',
  'cveCnaCreateReject',
  'cveCnaUpdateReject',
  'cveGetSingle',
  'orgIdQuota',
];

describe('the client speaks the API of the official description', () => {
  // The harness checks every exchange against the description and its schema files after each test.
  let psf: SimWithClient;
  beforeEach(async () => {
    psf = await startPsfSim({ pageSize: 2 });
  });
  afterEach(() => psf.server.close());

  it("the API root has the path of the description's server URL (/api)", () => {
    expect(new URL(psf.server.apiUrl).pathname).toBe(new URL(openapi.servers[0]?.url ?? '').pathname);
  });

  it('every operation of the client is one the description has, and each conforms to it', async () => {
    const { client } = psf;
    const { cveIds } = await client.reserveCveIds({ amount: 3, year: 2025, batchType: 'sequential' });
    const [first, second] = cveIds.map((id) => id.cve_id) as [string, string];
    await client.reserveCveIds({ amount: 2, year: 2025, batchType: 'non-sequential' });
    await client.reserveCveIds({ amount: 1, year: 2025 });
    await client.getCveId(first);
    await client.listCveIds({
      state: 'RESERVED',
      year: 2025,
      reservedAfter: new Date('2025-01-01T00:00:00Z'),
    });
    await client.publishCnaContainer(first, cpythonSubprocessContainer());
    await client.publishCnaContainer(first, cpythonSubprocessContainer());
    await client.rejectCveId(second, 'Duplicate.');
    await client.rejectCveId(first, 'Duplicate.', { replacedBy: [second] });
    await client.getRecord(first);
    await client.getQuota();

    const conformance = cveConformance();
    const used = psf.recorder.exchanges.map(
      (exchange) => conformance.matchOperation(exchange.method, exchange.url)?.operationId,
    );
    expect(used).not.toContain(undefined);
    expect([...new Set(used)].sort()).toEqual([...clientOperations].sort());
  });

  it('batch types and ID states are among the values the description lists', () => {
    const parameter = (operationId: string, name: string) =>
      operation(operationId).parameters.find((p) => p.name === name)?.schema?.enum;
    expect(parameter('cveIdReserve', 'batch_type')).toEqual(expect.arrayContaining([...batchTypes]));
    expect(parameter('cveIdGetFiltered', 'state')).toEqual([...cveIdStates]);
    expect(cveIdSchema.shape.state.options).toEqual(parameter('cveIdGetFiltered', 'state'));
  });
});

describe("the client's schemas match the description's examples and the CVE JSON 5.1 schema", () => {
  const { definitions } = recordSchema;
  const keys = (o: object) => Object.keys(o).sort();

  it('a CNA container needs the fields the record schema requires, less providerMetadata which the server sets', () => {
    const required = definitions.cnaPublishedContainer?.required?.filter((f) => f !== 'providerMetadata');
    expect(keys(cnaContainerSchema.shape)).toEqual([...(required ?? [])].sort());
    expect(keys(example('minCnaContainer').cnaContainer ?? {})).toEqual(keys(cnaContainerSchema.shape));
  });

  it("a record's envelope and metadata are those of the published and rejected record examples", () => {
    for (const name of ['publishedRecord', 'rejectedRecord']) {
      const record = example(name);
      expect(keys(record)).toEqual(keys(cveRecordSchema.shape));
      for (const field of Object.keys(record.cveMetadata ?? {})) {
        expect(keys(cveRecordSchema.shape.cveMetadata.shape), `${name} cveMetadata.${field}`).toContain(
          field,
        );
      }
      expect(keys((record.containers as { cna?: object }).cna ?? {})).toContain('providerMetadata');
    }
  });

  it('record metadata the client requires is what the record schema requires, in both states', () => {
    const requiredByClient = Object.entries(cveRecordSchema.shape.cveMetadata.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name)
      .sort();
    const states = ['cveMetadataPublished', 'cveMetadataRejected'];
    for (const state of states)
      expect([...(definitions[state]?.required ?? [])].sort()).toEqual(requiredByClient);
    const declared = states.flatMap((state) => Object.keys(definitions[state]?.properties ?? {}));
    for (const field of keys(cveRecordSchema.shape.cveMetadata.shape))
      expect(declared, field).toContain(field);
  });
});
