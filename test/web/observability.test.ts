// What an operator's monitoring sees of one instance: /readyz, Prometheus /metrics (optionally
// behind a token), and a request id on every response and on the log line of each request.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { createReport } from '../../src/app/reports.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { createMetrics } from '../../src/web/prometheus.ts';

const sessionSecret = 'test-session-secret-0123456789abcdef';
const metricsToken = 'metrics-token-0123456789';
let store: Store;
let ctx: AppContext;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  ctx = { store, now: () => new Date('2026-12-05T12:00:00Z'), log: createLogger('info', sink) };
  const system = { kind: 'system', name: 'test' } as const;
  await createReport(ctx, system, {
    repository: 'python/cpython',
    title: 'Overdue: received long ago',
    description: 'x',
    receivedAt: new Date('2026-06-01T00:00:00Z'),
  });
  await createReport(ctx, system, {
    repository: 'python/cpython',
    title: 'Fresh',
    description: 'y',
    receivedAt: new Date('2026-12-01T00:00:00Z'),
  });
});
afterAll(() => store?.close());

const appWith = (options: { metricsToken?: string } = {}) =>
  createWebApp({
    ctx,
    sandbox: false,
    sessionSecret,
    metrics: createMetrics(ctx, null),
    metricsToken: options.metricsToken ?? null,
  });

describe('GET /readyz', () => {
  it('answers 200 "ready" with each check when the database answers and its schema is current', async () => {
    const response = await appWith().request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'database', ok: true, detail: 'pglite answers' },
        { name: 'migrations', ok: true, detail: 'the schema is current' },
      ],
    });
  });
});

describe('GET /metrics', () => {
  it("exposes psrt's series in Prometheus's text format: reports by state, overdue clocks, HTTP latency by route", async () => {
    const app = appWith();
    await app.request('/reports/PSRT-2026-0001');
    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('psrt_reports{state="triage"} 2');
    expect(text).toContain('psrt_reports{state="published"} 0');
    expect(text).toContain('psrt_reports_overdue 1');
    expect(text).toContain('psrt_effects_oldest_pending_seconds');
    // The route's pattern, never the report it named.
    expect(text).toMatch(
      /psrt_http_request_duration_seconds_count\{method="GET",route="\/reports\/:id",status="\d+"\} 1/,
    );
    expect(text).not.toContain('PSRT-2026-0001');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('with PSRT_METRICS_TOKEN set, answers only that bearer token', async () => {
    const app = appWith({ metricsToken });
    expect((await app.request('/metrics')).status).toBe(401);
    const wrong = await app.request('/metrics', {
      headers: { authorization: 'Bearer metrics-token-9999999999' },
    });
    expect(wrong.status).toBe(401);
    const right = await app.request('/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('psrt_reports{state="triage"}');
  });
});

describe('request ids', () => {
  it('every answer carries an X-Request-Id, and the log line of the request names it and the route pattern, not the path', async () => {
    const response = await appWith().request('/reports/PSRT-2026-0002?q=secret+words');
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.requestId === id && l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', route: '/reports/:id', status: response.status });
    expect(JSON.stringify(line)).not.toContain('PSRT-2026-0002');
    expect(JSON.stringify(line)).not.toContain('secret');
  });

  it("keeps a proxy's plain X-Request-Id, and replaces one that is not a plain token", async () => {
    const app = appWith();
    const kept = await app.request('/readyz', { headers: { 'x-request-id': 'proxy-1234.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-1234.abc');
    const replaced = await app.request('/readyz', { headers: { 'x-request-id': 'a b\u0007<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
