// Records every request and response that passes through a fetch function (a simulator's
// `fetch(Request)` or the global one) so a test can check them all against the description.
import { describeAllowance, type Problem } from './allow.ts';
import type { Conformance } from './openapi.ts';

export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  /** Set for requests a test sends on purpose against the description (to provoke a 400 or 422). */
  expectInvalidRequest?: string;
}

export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface Recorder {
  /** A fetch-compatible function that forwards to the wrapped one and records the exchange. */
  fetch: FetchLike;
  /**
   * Sends a request that deliberately breaks the description (e.g. `per_page=500`, an unknown key in
   * a body): its request must then have problems, and its response is checked as usual.
   */
  fetchInvalid(reason: string, input: Request | string | URL, init?: RequestInit): Promise<Response>;
  readonly exchanges: Exchange[];
  clear(): void;
}

export function recordExchanges(target: FetchLike | ((request: Request) => Promise<Response>)): Recorder {
  const exchanges: Exchange[] = [];
  const send = async (
    input: Request | string | URL,
    init: RequestInit | undefined,
    expectInvalid?: string,
  ) => {
    const request = new Request(input, init);
    const requestBody = request.body ? await request.clone().text() : '';
    const response = await (target as (request: Request) => Promise<Response>)(request);
    const responseBody = response.body ? await response.clone().text() : '';
    exchanges.push({
      method: request.method,
      url: request.url,
      requestHeaders: Object.fromEntries(request.headers),
      requestBody,
      status: response.status,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody,
      ...(expectInvalid === undefined ? {} : { expectInvalidRequest: expectInvalid }),
    });
    return response;
  };
  return {
    fetch: (input, init) => send(input, init),
    fetchInvalid: (reason, input, init) => send(input, init, reason),
    exchanges,
    clear: () => {
      exchanges.length = 0;
    },
  };
}

/** Every problem of every exchange (requests, then responses), after the allow-list. */
export function checkExchanges(exchanges: readonly Exchange[], conformance: Conformance): Problem[] {
  const problems: Problem[] = [];
  for (const exchange of exchanges) {
    const { method, url } = exchange;
    const expectInvalid = exchange.expectInvalidRequest !== undefined;
    const requestProblems = conformance.checkRequest(
      method,
      url,
      exchange.requestHeaders,
      exchange.requestBody,
      {
        keepExcused: expectInvalid,
      },
    );
    if (!expectInvalid) {
      problems.push(...requestProblems);
    } else if (requestProblems.length === 0) {
      // Any problem confirms the request breaks the description; an excused `unresolved-ref` means
      // the description could not be read there, so it cannot tell either way.
      problems.push({
        where: 'request',
        operationId: conformance.matchOperation(method, url)?.operationId ?? null,
        method,
        url,
        location: 'operation',
        instancePath: '',
        keyword: 'expected-invalid-request',
        message: `sent as invalid (${exchange.expectInvalidRequest}) but the description accepts it`,
      });
    }
    problems.push(
      ...conformance.checkResponse(
        method,
        url,
        exchange.status,
        exchange.responseHeaders,
        exchange.responseBody,
      ),
    );
  }
  return problems;
}

/** Throws, listing every problem, unless all exchanges conform. */
export function assertConformant(exchanges: readonly Exchange[], conformance: Conformance): void {
  const problems = checkExchanges(exchanges, conformance);
  if (problems.length > 0) throw new Error(formatProblems(problems));
}

export function formatProblems(problems: readonly Problem[]): string {
  const lines = problems.map((problem) => {
    const path = new URL(problem.url, 'http://conformance.invalid');
    const where = `${problem.method} ${path.pathname}${path.search}`;
    const status = problem.status === undefined ? '' : ` → ${problem.status}`;
    const op = problem.operationId ?? '(no operation)';
    const at = problem.instancePath === '' ? problem.location : `${problem.location} ${problem.instancePath}`;
    return `  - ${op} ${problem.where}${status} [${problem.keyword}] at ${at}: ${problem.message}\n      (${where})`;
  });
  return `${problems.length} conformance problem(s):\n${lines.join('\n')}`;
}

export function formatStaleAllowances(conformance: Conformance): string | undefined {
  const stale = conformance.staleAllowances();
  if (stale.length === 0) return undefined;
  const lines = stale.map((entry) => `  - ${describeAllowance(entry)}: ${entry.reason}`);
  return `${stale.length} allow-list entr${stale.length === 1 ? 'y' : 'ies'} never matched:\n${lines.join('\n')}`;
}
