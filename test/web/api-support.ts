// The JSON API as its clients meet it, through `app.request()`: each call is
// made with a token or a signed-in session, and every request and response is
// checked against /api/openapi.json (the conformance checker that holds the
// simulators to GitHub's and CVE Services' descriptions) and against the zod
// schema the operation declares, exactly: a field the schema does not describe
// is a problem too. The document itself is checked against the official
// OpenAPI 3.1 schema, with every $ref resolving.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { Hono } from 'hono';
import { afterEach, beforeEach, expect } from 'vitest';
import { z } from 'zod';
import { createConformance, type Description } from '../../sim/conformance/openapi.ts';
import { getPointer } from '../../sim/conformance/schemas.ts';
import { vendored } from '../../sim/conformance/vendored.ts';
import { createApiToken } from '../../src/app/sessions.ts';
import type { TokenScope } from '../../src/domain/sessions.ts';
import type { ApiServices } from '../../src/web/api/index.ts';
import * as access from '../../src/web/api/routes/access.ts';
import * as admin from '../../src/web/api/routes/admin.ts';
import * as cra from '../../src/web/api/routes/cra.ts';
import * as duplicates from '../../src/web/api/routes/duplicates.ts';
import * as inactivity from '../../src/web/api/routes/inactivity.ts';
import * as intake from '../../src/web/api/routes/intake.ts';
import * as membership from '../../src/web/api/routes/membership.ts';
import * as nominations from '../../src/web/api/routes/nominations.ts';
import * as publication from '../../src/web/api/routes/publication.ts';
import * as reports from '../../src/web/api/routes/reports.ts';
import * as rosterSync from '../../src/web/api/routes/roster-sync.ts';
import * as tokens from '../../src/web/api/routes/tokens.ts';
import { createWebApp } from '../../src/web/app.tsx';
import type { WebEnv } from '../../src/web/env.ts';
import { type TestApp, testApp } from '../app/support.ts';
import type { EngineContext } from '../support/engines.ts';
import { signIn, testGitHubSignIn } from '../support/sign-in.ts';

// ajv-formats is CommonJS; under NodeNext TypeScript types its default import as the module object.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

type Json = Record<string, unknown>;

/** Every operation the route modules describe, by operationId. */
export const operations = new Map(
  [
    access,
    admin,
    cra,
    duplicates,
    inactivity,
    intake,
    membership,
    nominations,
    publication,
    reports,
    rosterSync,
    tokens,
  ]
    .flatMap((module) => Object.values(module))
    .filter((value): value is { operationId: string; responses: Json } =>
      Boolean(value && typeof value === 'object' && 'operationId' in value && 'responses' in value),
    )
    .map((route) => [route.operationId, route]),
);

/**
 * The document's problems as the official OpenAPI 3.1 schema sees them. Ajv
 * does not follow `$dynamicRef` through the dynamic scope; every
 * `"$dynamicRef": "#meta"` in that schema names its one `$dynamicAnchor: meta`
 * (`$defs/schema`), so a plain `$ref` to it validates the same.
 */
export function openApi31Problems(document: unknown): string[] {
  const schema = readFileSync(vendored.openapi31Schema, 'utf8').replaceAll(
    '"$dynamicRef": "#meta"',
    '"$ref": "#/$defs/schema"',
  );
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(schema));
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} (${e.schemaPath})`);
}

/** Every Schema Object of the document, checked as JSON Schema 2020-12 (OpenAPI 3.1's dialect). */
export function schemaObjectProblems(document: Json): string[] {
  const ajv = new Ajv2020({ strict: false, logger: false });
  const schemas = (getPointer(document, '/components/schemas') ?? {}) as Record<string, unknown>;
  return Object.entries(schemas).flatMap(([name, schema]) =>
    ajv.validateSchema(schema as object) ? [] : [`${name}: ${ajv.errorsText(ajv.errors)}`],
  );
}

/** The `$ref`s of the document that point nowhere in it. */
export function unresolvedRefs(document: unknown): string[] {
  const refs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') refs.push(value);
        else walk(value);
      }
    }
  };
  walk(document);
  return refs.filter((ref) => !ref.startsWith('#') || getPointer(document, ref.slice(1)) === undefined);
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** The request breaks the description on purpose (to see it refused): it is not checked. */
  invalid?: boolean;
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Who makes the calls: a bearer token, or a session's cookie and CSRF header. */
export type Credentials = Record<string, string>;
export const bearer = (secret: string): Credentials => ({ authorization: `Bearer ${secret}` });

/**
 * Calls the API and checks the exchange: the request and the response against
 * the OpenAPI document, and a success's body against the operation's zod
 * schema, both ways (decoded, then encoded back to exactly the same JSON).
 */
export class ApiCaller {
  readonly problems: string[] = [];
  private conformance: ReturnType<typeof createConformance> | null = null;

  constructor(private readonly app: Hono<WebEnv>) {}

  async document(): Promise<Json> {
    return (await (await this.app.request('/api/openapi.json')).json()) as Json;
  }

  private async checker() {
    if (!this.conformance) {
      const description: Description = {
        path: '/psrt/api/openapi.json',
        document: await this.document(),
        dialect: '3.1',
        basePaths: ['/api'],
      };
      this.conformance = createConformance(description);
    }
    return this.conformance;
  }

  async call<T = Json>(
    credentials: Credentials,
    method: string,
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ): Promise<Answer<T>> {
    const headers = options.headers ?? {};
    const url = `http://localhost/api${path}`;
    const sent = {
      ...credentials,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    };
    const json = body === undefined ? undefined : JSON.stringify(body);
    const checker = await this.checker();
    for (const p of options.invalid ? [] : checker.checkRequest(method, url, sent, json))
      this.problems.push(`${method} ${path} request: ${p.message} at ${p.location}${p.instancePath}`);
    const response = await this.app.request(url, { method, headers: sent, body: json });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text !== '' ? JSON.parse(text) : text;
    for (const p of checker.checkResponse(method, url, response.status, response.headers, text))
      this.problems.push(
        `${method} ${path} ${response.status}: ${p.message} at ${p.location}${p.instancePath}`,
      );
    const match = checker.matchOperation(method, url);
    if (match && response.status < 300 && type.includes('json'))
      this.exactly(match.operationId, response.status, parsed);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** The body is what the operation's zod schema describes, no more and no less. */
  private exactly(operationId: string, status: number, body: unknown) {
    const route = operations.get(operationId);
    const content = (route?.responses[status] as { content?: Json } | undefined)?.content;
    const schema = (content?.['application/json'] as { schema?: z.ZodType } | undefined)?.schema;
    if (!schema) {
      this.problems.push(`${operationId} ${status}: no zod schema describes this answer`);
      return;
    }
    const decoded = schema.safeParse(body);
    if (!decoded.success) {
      this.problems.push(`${operationId} ${status}: ${z.prettifyError(decoded.error)}`);
      return;
    }
    const again = JSON.parse(JSON.stringify(z.encode(schema, decoded.data)));
    if (JSON.stringify(sorted(again)) !== JSON.stringify(sorted(body)))
      this.problems.push(`${operationId} ${status}: the body holds fields its schema does not describe`);
  }

  /** Fails the test with every problem seen so far. */
  expectConformant() {
    expect(this.problems).toEqual([]);
  }
}

/** A JSON value with its object keys in order, to compare two values whatever their key order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sorted(v)]),
    );
  return value;
}

export type CredentialKind = 'token' | 'session';

/**
 * The API over one engine's store, as a client meets it: the web app (signing
 * in through a simulated GitHub), a checking caller, and
 * credentials for a person: a personal API token (scope `act`, or `admin`
 * for an admin) or a signed-in session with its CSRF header.
 */
export function apiWorld(engine: EngineContext, options: { t?: TestApp; services?: () => ApiServices } = {}) {
  const { services } = options;
  const t = options.t ?? testApp(engine);
  const web = () =>
    createWebApp({
      ctx: t.ctx(),
      sandbox: true,
      sessionSecret: 'x'.repeat(32),
      gitHubSignIn: testGitHubSignIn(),
      ...(services ? { services: services() } : {}),
    });
  let app: ReturnType<typeof web>;
  let caller: ApiCaller;
  beforeEach(() => {
    app = web();
    caller = new ApiCaller(app);
  });
  afterEach(() => caller.expectConformant());

  async function credentials(kind: CredentialKind, login: string, scope?: TokenScope): Promise<Credentials> {
    if (kind === 'session') return (await signIn(app, login)).headers;
    const principal = await t.as(login);
    const admin = principal.kind === 'user' && principal.roles.includes('Admin');
    const { secret } = await createApiToken(t.ctx(), principal, {
      name: 'test',
      scope: scope ?? (admin ? 'admin' : 'act'),
    });
    return bearer(secret);
  }
  return {
    t,
    app: () => app,
    caller: () => caller,
    credentials,
    call: <T = Json>(who: Credentials, method: string, path: string, body?: unknown, options?: CallOptions) =>
      caller.call<T>(who, method, path, body, options),
  };
}
