// The client's requests and schemas checked against the official description
// (shared/specs/cve-services-openapi.json) and the CVE JSON 5.1 schema. The
// description's body schemas are external files it does not bundle, so what
// is checked is what it holds: operations, parameters, headers, examples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchTypes, cveIdStates } from '../../src/cna/index.ts';
import { cnaContainerSchema, cveIdSchema, cveRecordSchema } from '../../src/cna/schemas.ts';
import { cpythonSubprocessContainer } from './fixtures.ts';
import { type SimWithClient, startPsfSim } from './harness.ts';
import { openapi, operation, operationOf, recordSchema } from './openapi.ts';

/** An example of the description by name (an object of objects). */
const example = (name: string) =>
  (openapi.components.examples[name]?.value ?? {}) as Record<string, Record<string, unknown>>;

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

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
  let psf: SimWithClient;
  const sent: Sent[] = [];

  beforeAll(async () => {
    psf = await startPsfSim({ pageSize: 2 });
    const client = psf.clientWith({
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        sent.push({
          method: init?.method ?? 'GET',
          url: new URL(String(input)),
          headers,
          body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        });
        return fetch(input, init);
      },
    });
    // Every operation of the client, once.
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
  });
  afterAll(() => psf.server.close());

  const apiRoot = () => new URL(psf.server.apiUrl).pathname;
  const exchanges = () =>
    sent.map((request) => {
      const path = request.url.pathname.slice(apiRoot().length);
      return { request, path, op: operationOf(request.method, path) };
    });

  it("the API root has the path of the description's server URL (/api)", () => {
    expect(apiRoot()).toBe(new URL(openapi.servers[0]?.url ?? '').pathname);
  });

  it("every request is an operation of the description, and all the client's operations were exercised", () => {
    for (const { request, path, op } of exchanges()) {
      expect(op, `${request.method} ${path}`).toBeDefined();
    }
    const used = new Set(exchanges().map(({ op }) => op?.operationId));
    expect([...used].sort()).toEqual([...clientOperations].sort());
  });

  it('every query parameter is one the operation declares, with a value its schema allows', () => {
    for (const { request, op } of exchanges()) {
      if (!op) continue;
      const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
      for (const [name, value] of request.url.searchParams) {
        const parameter = declared.get(name);
        expect(parameter, `${op.operationId} ?${name}`).toBeDefined();
        if (parameter?.schema?.enum) expect(parameter.schema.enum).toContain(value);
        if (parameter?.schema?.type === 'integer') expect(value).toMatch(/^\d+$/);
      }
      for (const parameter of declared.values()) {
        if (parameter.required)
          expect(request.url.searchParams.has(parameter.name), parameter.name).toBe(true);
      }
    }
  });

  it('the auth headers the description requires are sent on every request', () => {
    for (const { request, op } of exchanges()) {
      for (const header of op?.parameters.filter((p) => p.in === 'header' && p.required) ?? []) {
        expect(request.headers.get(header.name), `${op?.operationId} ${header.name}`).toBeTruthy();
      }
    }
  });

  it('bodies go only to operations with a JSON request body, shaped like its example', () => {
    const minimal = example('minCnaContainer');
    for (const { request, op } of exchanges()) {
      if (request.body === undefined) continue;
      expect(op?.requestBody, op?.operationId).toBeDefined();
      expect(Object.keys(op?.requestBody?.content as object)).toEqual(['application/json']);
      expect(request.headers.get('content-type')).toBe('application/json');
      expect(Object.keys(request.body as object)).toEqual(Object.keys(minimal));
    }
  });

  it('batch types and ID states are among the values the description lists', () => {
    const batchType = operation('cveIdReserve').parameters.find((p) => p.name === 'batch_type');
    expect(batchType?.schema?.enum).toEqual(expect.arrayContaining([...batchTypes]));
    const state = operation('cveIdGetFiltered').parameters.find((p) => p.name === 'state');
    expect(state?.schema?.enum).toEqual([...cveIdStates]);
    expect(cveIdSchema.shape.state.options).toEqual(state?.schema?.enum);
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
