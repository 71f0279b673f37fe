// The conformance checks themselves: match the operation, then parameters, status, headers, media
// type and body against what the description documents, passing every problem through the allow-list.
import {
  type Allowance,
  AllowList,
  type OperationAllowance,
  type Problem,
  type ProblemLocation,
} from './allow.ts';
import type {
  BodySchema,
  CheckOptions,
  Conformance,
  ConformanceOptions,
  OperationMatch,
} from './conformance.ts';
import {
  type Description,
  type HeadersLike,
  type Json,
  mediaTypeOf,
  normalizeHeaders,
  registryFor,
} from './description.ts';
import { ErrorExplainer } from './errors.ts';
import { checkAgainstSchema } from './json-schema.ts';
import {
  type Context,
  coerce,
  IGNORED_HEADER_PARAMETERS,
  isEmpty,
  mediaKey,
  missingParameter,
  problem,
  schemaOf,
  statusKey,
} from './message-parts.ts';
import { type Operation, type OperationIndex, operationIndexFor, type Parameter } from './operation-index.ts';
import {
  escapePointerToken,
  getPointer,
  resolveRef,
  type SchemaLocation,
  type SchemaRegistry,
} from './schemas.ts';

const explainers = new WeakMap<SchemaRegistry, ErrorExplainer>();

export class Checker implements Conformance {
  readonly allowList: AllowList;
  /** The description as written: for finding operations, parameters and responses. */
  private readonly registry: SchemaRegistry;
  private readonly index: OperationIndex;
  private readonly contractHeaders: string[];
  private readonly apiVersion: ConformanceOptions['apiVersion'];
  private readonly bodySchemas: readonly BodySchema[];

  constructor(
    readonly description: Description,
    options: ConformanceOptions,
  ) {
    this.allowList = new AllowList(options.allow ?? []);
    this.registry = registryFor(description);
    this.index = operationIndexFor(description, this.registry);
    this.apiVersion = options.apiVersion;
    this.contractHeaders = (options.contractHeaders ?? ['link']).map((name) => name.toLowerCase());
    this.bodySchemas = options.bodySchemas ?? [];
  }

  matchOperation(method: string, url: string): OperationMatch | null {
    const operation = this.index.find(method, url);
    if (!operation) return null;
    const { op, params } = operation;
    return { operationId: op.operationId, method: op.method, pathTemplate: op.pathTemplate, params };
  }

  /** Allowances nothing matched; API-wide ones (`operationId: '*'`) are for whichever suite meets them. */
  staleAllowances(): Allowance[] {
    return this.allowList.stale().filter((a) => a.where === 'operation' || a.operationId !== '*');
  }

  checkRequest(
    method: string,
    url: string,
    headers: HeadersLike,
    body: unknown,
    options: CheckOptions = {},
  ): Problem[] {
    const found = this.index.find(method, url);
    if (!found) return this.unknown('request', method, url);
    const { op, params } = found;
    const headerMap = normalizeHeaders(headers);
    const version = this.versionOf(headerMap, 'request');
    const ctx: Context = { where: 'request', operationId: op.operationId, method: op.method, url, version };
    const problems: Problem[] = [];
    for (const parameter of op.parameters.filter((p) => p.in === 'path')) {
      const value = params[parameter.name];
      if (value !== undefined) this.checkParameter(ctx, parameter, [value], 'path', problems);
    }
    const query = new URL(url, 'http://conformance.invalid').searchParams;
    const documented = new Set<string>();
    for (const parameter of op.parameters.filter((p) => p.in === 'query')) {
      documented.add(parameter.name);
      const values = query.getAll(parameter.name);
      if (values.length === 0) {
        if (parameter.required) problems.push(missingParameter(ctx, 'query', parameter.name));
      } else {
        this.checkParameter(ctx, parameter, values, 'query', problems);
      }
    }
    for (const name of new Set(query.keys())) {
      if (documented.has(name)) continue;
      problems.push(
        problem(
          ctx,
          'query',
          `/${name}`,
          'undocumented-parameter',
          `query parameter "${name}" is not documented`,
        ),
      );
    }
    this.checkHeaderParameters(ctx, op, headerMap, problems);
    const requestBody = this.deref(op.location, '/requestBody');
    if (!requestBody) {
      if (!isEmpty(body))
        problems.push(problem(ctx, 'body', '', 'unexpected-body', 'the operation takes no request body'));
    } else if (isEmpty(body)) {
      if ((requestBody.value as Json).required === true)
        problems.push(problem(ctx, 'body', '', 'missing-body', 'a request body is required'));
    } else {
      this.checkContent(ctx, requestBody.location, requestBody.value as Json, headerMap, body, problems);
    }
    return this.excuse(problems, headerMap, options.keepExcused);
  }

  checkResponse(method: string, url: string, status: number, headers: HeadersLike, body: unknown): Problem[] {
    const found = this.index.find(method, url);
    if (!found) return this.unknown('response', method, url);
    const { op } = found;
    const headerMap = normalizeHeaders(headers);
    const version = this.versionOf(headerMap, 'response');
    const ctx: Context = {
      where: 'response',
      operationId: op.operationId,
      method: op.method,
      url,
      status,
      version,
    };
    const problems: Problem[] = [];
    // HTTP itself forbids content in a 204 or 304 (RFC 9110 §15.3.5, §15.4.5), whatever the
    // description or an allowance for the status says: no allowance excuses a body there.
    const bodyless = status === 204 || status === 304;
    const forbiddenBody =
      bodyless && !isEmpty(body)
        ? [problem(ctx, 'body', '', 'unexpected-body', `a ${status} response must have an empty body`)]
        : [];
    const key = statusKey((op.object.responses ?? {}) as Json, status);
    if (key === undefined) {
      const undocumented = problem(
        ctx,
        'status',
        '',
        'undocumented-status',
        `status ${status} is not documented`,
      );
      return [
        ...this.statusProblem(ctx, undocumented, headerMap, bodyless ? undefined : body),
        ...forbiddenBody,
      ];
    }
    const response = this.deref(op.location, `/responses/${escapePointerToken(key)}`);
    const responseObject = (response?.value ?? {}) as Json;
    const documentedHeaders = new Set<string>();
    for (const [name] of Object.entries((responseObject.headers ?? {}) as Json)) {
      documentedHeaders.add(name.toLowerCase());
      const header = this.deref(response?.location as SchemaLocation, `/headers/${escapePointerToken(name)}`);
      if (!header) continue;
      const value = headerMap.get(name.toLowerCase());
      const definition = header.value as Json;
      if (value === undefined) {
        if (definition.required === true) problems.push(missingParameter(ctx, 'header', name.toLowerCase()));
        continue;
      }
      const parameter = {
        name: name.toLowerCase(),
        in: 'header',
        required: false,
        schema: schemaOf(header.location),
      };
      this.checkParameter(ctx, parameter, [value], 'header', problems);
    }
    for (const name of this.contractHeaders) {
      if (headerMap.has(name) && !documentedHeaders.has(name))
        problems.push(
          problem(
            ctx,
            'header',
            `/${name}`,
            'undocumented-header',
            `header "${name}" is sent but not documented`,
          ),
        );
    }
    const content = (responseObject.content ?? {}) as Json;
    if (bodyless) return [...this.excuse(problems, headerMap), ...forbiddenBody];
    if (Object.keys(content).length === 0) {
      if (!isEmpty(body)) {
        const unexpected = problem(
          ctx,
          'body',
          '',
          'unexpected-body',
          `status ${status} of this operation must have an empty body`,
        );
        problems.push(...this.statusProblem(ctx, unexpected, headerMap, body));
      }
      return this.excuse(problems, headerMap);
    }
    if (isEmpty(body)) {
      problems.push(problem(ctx, 'body', '', 'missing-body', `status ${status} documents a body, got none`));
    } else if (response) {
      this.checkContent(ctx, response.location, responseObject, headerMap, body, problems);
    }
    return [...this.excuse(problems, headerMap), ...this.checkBodySchemas(ctx, body)];
  }

  checkWebhook(name: string, headers: HeadersLike, body: unknown): Problem[] {
    const key = this.description.document.webhooks ? 'webhooks' : 'x-webhooks';
    const item = getPointer(this.description.document, `/${key}/${escapePointerToken(name)}`) as
      | Json
      | undefined;
    const url = `webhook:${name}`;
    if (!item || typeof item.post !== 'object') return this.unknown('request', 'POST', url);
    const op = this.index.operation(`/${key}/${escapePointerToken(name)}`, 'post', name);
    const ctx: Context = { where: 'request', operationId: op.operationId, method: 'POST', url };
    const headerMap = normalizeHeaders(headers);
    const problems: Problem[] = [];
    this.checkHeaderParameters(ctx, op, headerMap, problems);
    const requestBody = this.deref(op.location, '/requestBody');
    if (requestBody && isEmpty(body))
      problems.push(problem(ctx, 'body', '', 'missing-body', 'a payload is required'));
    else if (requestBody)
      this.checkContent(ctx, requestBody.location, requestBody.value as Json, headerMap, body, problems);
    return this.excuse(problems, headerMap);
  }

  // Operations

  private unknown(where: 'request' | 'response', method: string, url: string): Problem[] {
    const allowance = this.allowedOperation(method, url);
    if (allowance) {
      this.allowList.use(allowance);
      return [];
    }
    const ctx: Context = { where, operationId: null, method: method.toUpperCase(), url };
    const pathKnown = this.index.pathKnown(method, url);
    return [
      pathKnown
        ? problem(
            ctx,
            'operation',
            '',
            'method-not-allowed',
            `the description has no ${ctx.method} for this path`,
          )
        : problem(
            ctx,
            'operation',
            '',
            'unknown-operation',
            'the description has no operation for this path',
          ),
    ];
  }

  allowedOperation(method: string, url: string): OperationAllowance | undefined {
    const paths = [new URL(url, 'http://conformance.invalid').pathname, ...this.index.candidatePaths(url)];
    return this.allowList.operationAllowance(method, paths);
  }

  // Parts of a message

  /** The body against each official schema named for its operation and status (`bodySchemas`). */
  private checkBodySchemas(ctx: Context, body: unknown): Problem[] {
    const schemas = this.bodySchemas.filter(
      (schema) => schema.operationId === ctx.operationId && schema.status === ctx.status,
    );
    if (schemas.length === 0 || isEmpty(body)) return [];
    let value = body;
    if (typeof body === 'string') {
      try {
        value = JSON.parse(body);
      } catch {
        return []; // checkContent has reported it
      }
    }
    return schemas.flatMap((schema) =>
      checkAgainstSchema(schema.file, '', value).map((error) => ({
        ...problem(ctx, 'body', error.instancePath, error.keyword, `${error.message} (${schema.name})`),
        schemaPath: error.schemaPath,
      })),
    );
  }

  private checkHeaderParameters(
    ctx: Context,
    op: Operation,
    headers: Map<string, string>,
    problems: Problem[],
  ) {
    for (const parameter of op.parameters.filter((p) => p.in === 'header')) {
      const name = parameter.name.toLowerCase();
      if (IGNORED_HEADER_PARAMETERS.has(name)) continue;
      const value = headers.get(name);
      if (value === undefined) {
        if (parameter.required) problems.push(missingParameter(ctx, 'header', name));
      } else {
        this.checkParameter(ctx, { ...parameter, name }, [value], 'header', problems);
      }
    }
  }

  private checkParameter(
    ctx: Context,
    parameter: Parameter,
    values: string[],
    location: ProblemLocation,
    problems: Problem[],
  ): void {
    if (!parameter.schema) return;
    const schema = (this.registry.deref(parameter.schema)?.value ?? {}) as Json;
    const value = coerce(schema, values);
    this.validate(ctx, parameter.schema, value, location, `/${escapePointerToken(parameter.name)}`, problems);
  }

  private checkContent(
    ctx: Context,
    owner: SchemaLocation,
    owning: Json,
    headers: Map<string, string>,
    body: unknown,
    problems: Problem[],
  ): void {
    const content = (owning.content ?? {}) as Json;
    const mediaType =
      mediaTypeOf(headers.get('content-type')) ?? (typeof body === 'string' ? undefined : 'application/json');
    const key = mediaKey(Object.keys(content), mediaType);
    if (key === undefined) {
      const documented = Object.keys(content).join(', ');
      problems.push(
        problem(
          ctx,
          'content-type',
          '',
          'content-type',
          `${mediaType ?? 'no Content-Type'} is not documented (${documented})`,
        ),
      );
      return;
    }
    const media = (content[key] ?? {}) as Json;
    if (!media.schema) return;
    let value = body;
    if (typeof body === 'string' && (key.includes('json') || key.startsWith('application/vnd.github'))) {
      try {
        value = JSON.parse(body);
      } catch {
        problems.push(problem(ctx, 'body', '', 'invalid-json', `the ${key} body is not valid JSON`));
        return;
      }
    }
    const schema = {
      file: owner.file,
      pointer: `${owner.pointer}/content/${escapePointerToken(key)}/schema`,
    };
    this.validate(ctx, schema, value, 'body', '', problems);
  }

  private validate(
    ctx: Context,
    schema: SchemaLocation,
    value: unknown,
    location: ProblemLocation,
    prefix: string,
    problems: Problem[],
  ): void {
    const { registry, explainer } = this.schemas(ctx.version);
    const compiled = registry.compile(schema);
    // A schema with a hole in it would pass or fail for the wrong reason: report the hole instead.
    if (compiled.unresolved.length > 0) {
      for (const ref of compiled.unresolved)
        problems.push(
          problem(
            ctx,
            location,
            prefix,
            'unresolved-ref',
            `cannot read the schema ${ref}, so this is unchecked`,
          ),
        );
      return;
    }
    for (const { instancePath, keyword, message, ...found } of explainer.explain(compiled.validate, value)) {
      problems.push({ ...problem(ctx, location, prefix + instancePath, keyword, message), ...found });
    }
  }

  /** An undocumented status or body: excused only by an allowance, which may name a schema to use instead. */
  private statusProblem(
    ctx: Context,
    found: Problem,
    headers: Map<string, string>,
    body: unknown,
  ): Problem[] {
    const allowance = this.allowList.excuse(found);
    if (!allowance) return [found];
    if (!allowance.validateAs || isEmpty(body)) return [];
    const problems: Problem[] = [];
    const { registry, explainer } = this.schemas(ctx.version);
    const asContent = registry.compile(resolveRef(allowance.validateAs, this.description.path));
    const mediaType = mediaTypeOf(headers.get('content-type'));
    if (typeof body === 'string' && mediaType !== undefined && !mediaType.includes('json')) {
      problems.push(problem(ctx, 'content-type', '', 'content-type', `${mediaType} is not JSON`));
      return this.excuse(problems, headers);
    }
    let value = body;
    if (typeof body === 'string') {
      try {
        value = JSON.parse(body);
      } catch {
        return this.excuse([problem(ctx, 'body', '', 'invalid-json', 'the body is not valid JSON')], headers);
      }
    }
    for (const ref of asContent.unresolved)
      problems.push(
        problem(ctx, 'body', '', 'unresolved-ref', `cannot read the schema ${ref}, so this is unchecked`),
      );
    if (asContent.unresolved.length > 0) return this.excuse(problems, headers);
    for (const error of explainer.explain(asContent.validate, value))
      problems.push(
        problem(
          ctx,
          'body',
          error.instancePath,
          error.keyword,
          `${error.message} (as ${allowance.validateAs})`,
        ),
      );
    return this.excuse(problems, headers);
  }

  private excuse(problems: Problem[], headers: Map<string, string>, keepExcused = false): Problem[] {
    const mediaType = mediaTypeOf(headers.get('content-type'));
    const result: Problem[] = [];
    for (const found of problems) {
      const allowance = this.allowList.excuse(found, mediaType);
      if (!allowance) result.push(found);
      else if (keepExcused) result.push({ ...found, excusedBy: allowance });
    }
    return result;
  }

  private versionOf(headers: Map<string, string>, where: 'request' | 'response'): string | undefined {
    if (!this.apiVersion) return undefined;
    const name = where === 'request' ? this.apiVersion.requestHeader : this.apiVersion.responseHeader;
    return headers.get(name.toLowerCase()) ?? this.apiVersion.default;
  }

  private schemas(version: string | undefined): { registry: SchemaRegistry; explainer: ErrorExplainer } {
    const registry = registryFor(this.description, version);
    let explainer = explainers.get(registry);
    if (!explainer) {
      explainer = new ErrorExplainer(registry.ajv);
      explainers.set(registry, explainer);
    }
    return { registry, explainer };
  }

  private deref(
    owner: SchemaLocation,
    suffix: string,
  ): { location: SchemaLocation; value: unknown } | undefined {
    return this.registry.deref({ file: owner.file, pointer: `${owner.pointer}${suffix}` });
  }
}
