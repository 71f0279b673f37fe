// Prometheus's view of one psrt instance (`GET /metrics`, prom-client's text format): HTTP latency
// per route, webhook deliveries, GitHub requests and the share answered 304, the rate limit left,
// the bot's polls, and from the database (the same from every instance) reports by state, overdue
// disclosure clocks, effects by status and kind and the age of the oldest due effect. Labels are
// route patterns, kinds and states, never a report id or text: the set of series stays bounded.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../app/context.ts';
import type { RequestCounters } from '../github/conditional-fetch.ts';
import type { GitHubClient } from '../github/index.ts';
import { operationalCounts } from '../store/index.ts';

export interface Metrics {
  registry: Registry;
  /** Times and counts every request by method, route pattern and status. */
  http: MiddlewareHandler;
  /** A poll of GitHub by the bot, as leader or not. */
  polled(asLeader: boolean): void;
  /** A webhook delivery answered: `event` only when its signature was good (else "unverified"). */
  webhookAnswered(event: string, status: number): void;
}

export function createMetrics(ctx: AppContext, github: GitHubClient | null): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requestSeconds = new Histogram({
    name: 'psrt_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const deliveries = new Counter({
    name: 'psrt_webhook_deliveries_total',
    help: 'GitHub webhook deliveries by event and outcome (recorded, duplicate, ping, refused).',
    labelNames: ['event', 'outcome'] as const,
    registers,
  });
  const polls = new Counter({
    name: 'psrt_bot_polls_total',
    help: "The bot's rounds of polling GitHub; role=leader polled, role=follower left it to the leader.",
    labelNames: ['role'] as const,
    registers,
  });

  // The GitHub client counts what it sent; the counters below follow it at each scrape.
  const seen: RequestCounters | null = github ? { ...github.counters() } : null;
  new Counter({
    name: 'psrt_github_requests_total',
    help: 'HTTP requests sent to GitHub (retries, token requests and revalidations included).',
    registers,
    collect() {
      if (github && seen) followCounters(github.counters(), seen, this, 'requests');
    },
  });
  new Counter({
    name: 'psrt_github_not_modified_total',
    help: 'Requests to GitHub answered 304 Not Modified (served from the ETag cache, not counted against the limit).',
    registers,
    collect() {
      if (github && seen) followCounters(github.counters(), seen, this, 'notModified');
    },
  });
  new Gauge({
    name: 'psrt_github_rate_limit_remaining',
    help: "Requests left in GitHub's primary rate limit, as its last answer said, per installation.",
    labelNames: ['installation'] as const,
    registers,
    collect() {
      this.reset();
      for (const { installationId, remaining } of github?.rateLimits() ?? [])
        this.set({ installation: String(installationId) }, remaining);
    },
  });

  // The database's counts, read once per scrape for all the gauges that show them.
  let counts: ReturnType<typeof operationalCounts> | null = null;
  const read = () => {
    counts ??= operationalCounts(ctx.store.db, ctx.now()).finally(() => {
      setImmediate(() => {
        counts = null;
      });
    });
    return counts;
  };
  new Gauge({
    name: 'psrt_reports',
    help: 'Reports by state.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      for (const [state, n] of Object.entries((await read()).reportsByState)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'psrt_reports_overdue',
    help: 'Open reports past their disclosure deadline.',
    registers,
    async collect() {
      this.set((await read()).overdueReports);
    },
  });
  new Gauge({
    name: 'psrt_effects',
    help: 'Effects (what psrt does on GitHub, CVE Services, mail) by status and kind; failed ones gave up and wait for a person.',
    labelNames: ['status', 'kind'] as const,
    registers,
    async collect() {
      this.reset();
      for (const [status, kinds] of Object.entries((await read()).effects))
        for (const [kind, n] of Object.entries(kinds)) this.set({ status, kind }, n);
    },
  });
  new Gauge({
    name: 'psrt_effects_oldest_pending_seconds',
    help: 'How long the oldest due effect has waited to be performed (0 when none waits).',
    registers,
    async collect() {
      const due = (await read()).oldestPendingEffectDueAt;
      this.set(due ? Math.max(0, (ctx.now().getTime() - due.getTime()) / 1000) : 0);
    },
  });

  return {
    registry,
    async http(c, next) {
      const started = performance.now();
      try {
        await next();
      } finally {
        requestSeconds.observe(
          { method: c.req.method, route: routePath(c), status: String(c.res.status) },
          (performance.now() - started) / 1000,
        );
      }
    },
    polled: (asLeader) => polls.inc({ role: asLeader ? 'leader' : 'follower' }),
    webhookAnswered(event, status) {
      const outcome =
        status === 202 ? 'recorded' : status === 200 ? (event === 'ping' ? 'ping' : 'duplicate') : 'refused';
      deliveries.inc({ event: status < 300 ? event : 'unverified', outcome });
    },
  };
}

/** Moves `counter` on by what `field` of the client's counters grew since the last scrape. */
function followCounters(
  now: RequestCounters,
  seen: RequestCounters,
  counter: Counter,
  field: keyof RequestCounters,
): void {
  // The client's counters may have been reset (a benchmark does): then count from zero again.
  const grown = now[field] >= seen[field] ? now[field] - seen[field] : now[field];
  if (grown > 0) counter.inc(grown);
  seen[field] = now[field];
}
