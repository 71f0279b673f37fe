// The command line as a client of psrt's JSON API: a command calls an
// operation by its description (src/web/api/routes), and gets its answer
// decoded by the same zod schema the server answered with (times as Dates).
// Where the call goes is the transport's business: a running psrt over HTTP,
// or the same API app in this process on the database it opened. A problem
// comes back as the error the command would have raised itself.
import { type RouteConfig, z } from '@hono/zod-openapi';
import { UseCaseError, type UseCaseErrorCode } from '../app/errors.ts';
import { statusOfUseCaseError } from '../web/api/problem.ts';
import { CliError } from './runtime.ts';

/** An API answer: its status and its body. */
export interface ApiAnswer {
  status: number;
  text: string;
}

/** Sends one request to the API; `path` is below `/api` (`/v1/reports`). */
export interface ApiTransport {
  send(method: string, path: string, body: string | undefined): Promise<ApiAnswer>;
  /** Says where calls go, in messages (`psrt at https://…`). */
  readonly where: string;
  /** Problems of the connection itself (401: the token) as what to do; null to map as usual. */
  refusal?(status: number, detail: string): CliError | null;
}

export interface CallInput {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

type Part<T> = T extends z.ZodType ? z.input<T> : never;
type BodyOf<R extends RouteConfig> = R['request'] extends {
  body: { content: { 'application/json': { schema: infer B extends z.ZodType } } };
}
  ? // The body as the command has it (times as Dates); it is encoded as the operation reads it.
    z.output<B>
  : never;

/** What a call of route R takes: its path parameters, its query and its body, as described. */
export interface InputOf<R extends RouteConfig> {
  params?: R['request'] extends { params: infer P } ? Part<P> : never;
  query?: R['request'] extends { query: infer Q } ? Part<Q> : never;
  body?: BodyOf<R>;
}

/** What a problem's status means to the command: the use-case refusal it stands for (one table both ways). */
const codeOfStatus = new Map(
  Object.entries(statusOfUseCaseError).map(([code, status]) => [status as number, code as UseCaseErrorCode]),
);

interface ProblemBody {
  status?: number;
  detail?: string;
  errors?: unknown;
}

/** The schema of a route's JSON answer under `status`. */
function answerSchema(route: RouteConfig, status: number): z.ZodType | undefined {
  const response = route.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined;
  return response?.content?.['application/json']?.schema as z.ZodType | undefined;
}

function pathOf(route: RouteConfig, input: CallInput): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`${route.operationId} needs its ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {}))
    if (value !== undefined) query.set(name, String(value));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

type Answer<R extends RouteConfig> =
  R['responses'] extends Record<
    200 | 201,
    { content: { 'application/json': { schema: infer S extends z.ZodType } } }
  >
    ? z.output<S>
    : R['responses'] extends Record<
          201,
          { content: { 'application/json': { schema: infer S extends z.ZodType } } }
        >
      ? z.output<S>
      : R['responses'] extends Record<
            200,
            { content: { 'application/json': { schema: infer S extends z.ZodType } } }
          >
        ? z.output<S>
        : never;

/**
 * The answer as the server wrote it (its fields in its order, as the command printed them when it
 * called the use-case itself), with what the schema decodes (times) taken from the decoded copy.
 */
function revived(raw: unknown, decoded: unknown): unknown {
  if (decoded instanceof Date) return decoded;
  if (Array.isArray(raw) && Array.isArray(decoded)) return raw.map((item, i) => revived(item, decoded[i]));
  if (isObject(raw) && isObject(decoded)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw))
      out[key] = key in decoded ? revived(value, decoded[key]) : value;
    // What the schema adds (a default), after what the server sent.
    for (const [key, value] of Object.entries(decoded)) if (!(key in raw)) out[key] = value;
    return out;
  }
  return raw;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body as the operation reads it (times as ISO text). One the description does not allow goes
 * as it is: the server's problem then says what is wrong with it, in its words.
 */
function encoded(schema: z.ZodType | undefined, body: unknown): unknown {
  if (!schema) return body;
  const result = z.safeEncode(schema, body);
  return result.success ? result.data : body;
}

export class Api {
  constructor(private readonly transport: ApiTransport) {}

  /** Calls the operation and returns its answer, decoded; a problem is thrown as the CLI's error. */
  async call<R extends RouteConfig>(route: R, input: InputOf<R> = {}): Promise<Answer<R>> {
    const response = await this.exchange(route, input);
    const schema = answerSchema(route, response.status);
    const json: unknown = JSON.parse(response.text);
    if (!schema) return json as Answer<R>;
    const decoded = schema.safeParse(json);
    if (!decoded.success)
      throw new CliError(
        `${this.transport.where} answered ${route.operationId} with something this psrt does not read (${decoded.error.issues[0]?.path.join('.') ?? ''}: ${decoded.error.issues[0]?.message ?? ''}); are both the same version?`,
      );
    return revived(json, decoded.data) as Answer<R>;
  }

  /** Calls an operation that answers text (a CSV file). */
  async text<R extends RouteConfig>(route: R, input: InputOf<R> = {}): Promise<string> {
    return (await this.exchange(route, input)).text;
  }

  private async exchange(route: RouteConfig, input: CallInput): Promise<ApiAnswer> {
    const schema = (route.request?.body?.content['application/json'] as { schema?: z.ZodType } | undefined)
      ?.schema;
    const body = input.body === undefined ? undefined : JSON.stringify(encoded(schema, input.body));
    const response = await this.transport.send(route.method.toUpperCase(), pathOf(route, input), body);
    if (response.status >= 200 && response.status < 300) return response;
    throw this.problem(response.status, response.text);
  }

  /** The error a problem stands for: a use-case refusal as it was raised, or what to do. */
  private problem(status: number, text: string): Error {
    let body: ProblemBody = {};
    try {
      body = JSON.parse(text) as ProblemBody;
    } catch {
      // Not a problem document (a proxy's error page, say): said below with the status alone.
    }
    const detail = body.detail ?? `${this.transport.where} answered HTTP ${status}.`;
    const refusal = this.transport.refusal?.(status, detail);
    if (refusal) return refusal;
    const code = codeOfStatus.get(status);
    if (code) return new UseCaseError(code, detail, body.errors);
    // A service psrt is not configured for, as when the command opened psrt itself: set it up.
    if (status === 503) return new CliError(detail, 78);
    if (status === 413) return new CliError(detail, 2);
    return new CliError(detail, 1);
  }
}
