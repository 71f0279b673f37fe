// Hostile JSON API bodies: every operation of the OpenAPI document psrt serves
// that takes a JSON body gets bodies generated from its schema (valid as far
// as a generator can tell), mutated ones and arbitrary JSON, as an admin with
// a token. The answer is 2xx, or 4xx as problem+json with a detail; never 5xx;
// and after a 4xx no table changed.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { forEachEngine } from '../support/engines.ts';
import { apiWorld, type Credentials } from '../web/api-support.ts';
import { fuzzAsync } from './runs.ts';
import { anyJson, arbitraryOf, mutatedJson } from './schema-arbitrary.ts';
import { changedTables, snapshot } from './snapshot.ts';

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  path: string;
  operationId: string;
  body: unknown;
  parameters: { name: string; schema?: unknown }[];
}

/** The operations that take a JSON body, from the served document. */
function bodyOperations(document: Json): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>))
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as Json;
      const body = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.[
        'application/json'
      ] as Json | undefined;
      if (!body?.schema || typeof op.operationId !== 'string') continue;
      const parameters = ((op.parameters ?? []) as Json[]).filter(
        (p) => p.in === 'path',
      ) as Operation['parameters'];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        body: body.schema,
        parameters,
      });
    }
  return operations;
}

// Tables every authenticated request touches (a token's last use), not a change a request makes.
const bookkeeping = ['api_tokens', 'web_sessions'];

forEachEngine('JSON API bodies, fuzzed', (engine) => {
  const world = apiWorld(engine);
  const { t } = world;

  it('any body to any operation is answered 2xx, or 4xx with a problem detail and nothing changed; never 5xx', async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const admin: Credentials = await world.credentials('token', 'warsaw', 'admin');
    const document = await world.caller().document();
    const operations = bodyOperations(document);
    expect(operations.length).toBeGreaterThan(30);

    /** A path parameter: the report for a report id, else a value from its schema. */
    // Never empty: a path with an empty segment is another path, one the document does not describe.
    const parameter = (name: string, schema: unknown): fc.Arbitrary<string> =>
      ['id', 'reportId'].includes(name)
        ? fc.oneof(
            { weight: 4, arbitrary: fc.constant(report.id) },
            {
              weight: 1,
              arbitrary: arbitraryOf(schema, document)
                .map(String)
                .filter((value) => value !== ''),
            },
          )
        : arbitraryOf(schema, document)
            .map(String)
            .filter((value) => value !== '');
    const request = fc.constantFrom(...operations).chain((operation) =>
      fc.record({
        operation: fc.constant(operation),
        path: fc
          .tuple(...operation.parameters.map((p) => parameter(p.name, p.schema)), fc.constant(''))
          .map((values) =>
            operation.parameters.reduce(
              (path, p, i) => path.replace(`{${p.name}}`, encodeURIComponent(values[i] ?? '')),
              operation.path,
            ),
          ),
        body: fc.oneof(
          { weight: 3, arbitrary: arbitraryOf(operation.body, document) },
          {
            weight: 3,
            arbitrary: arbitraryOf(operation.body, document).chain((valid) => mutatedJson(valid)),
          },
          { weight: 1, arbitrary: anyJson },
        ),
      }),
    );

    await fuzzAsync(
      fc.asyncProperty(request, async ({ operation, path, body }) => {
        const store = t.store();
        const before = await snapshot(store, bookkeeping);
        const answer = await world.call(admin, operation.method, path, body, { invalid: true });
        const what = `${operation.operationId} ${answer.status}: ${answer.text.slice(0, 300)}`;
        // This world configures no GitHub App nor CNA: operations that need one say so (503, "unavailable").
        const unconfigured =
          answer.status === 503 && (answer.body as Json).type === '/api/problems/unavailable';
        if (!unconfigured) expect(answer.status, what).toBeLessThan(500);
        if (answer.status < 400) return;
        expect(answer.headers.get('content-type'), what).toContain('application/problem+json');
        expect((answer.body as Json).detail, what).toMatch(/\S/);
        expect(changedTables(before, await snapshot(store, bookkeeping)), what).toEqual([]);
      }),
      60,
    );
  });

  it('a grant whose reason holds a NUL character is refused (400, naming the reason) and nothing changes', async () => {
    await t.importDevguideRoster();
    const report = await t.newReport('sethmlarson');
    const admin: Credentials = await world.credentials('token', 'warsaw', 'admin');
    const before = await snapshot(t.store(), bookkeeping);
    const answer = await world.call(admin, 'POST', `/v1/reports/${report.id}/grants`, {
      login: 'H',
      reason: '\u0000',
    });
    expect(answer.status).toBe(400);
    expect((answer.body as Json).detail).toMatch(/The reason contains a NUL character/);
    expect(changedTables(before, await snapshot(t.store(), bookkeeping))).toEqual([]);
  });
});
