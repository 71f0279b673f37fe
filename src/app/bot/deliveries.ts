// Processing GitHub's webhook deliveries after they were recorded: claimed
// oldest first with a lease (so psrt instances sharing one PostgreSQL never
// process one twice at once), handed to the handler of their event, retried
// with backoff, and failed after the last attempt with a message free of payload text.
import { randomUUID } from 'node:crypto';
import { MINUTE_MS } from '../../domain/time.ts';
import { claimDeliveries, type StoredDelivery } from '../../store/index.ts';
import { startClaimLoop } from '../claim-loop.ts';
import type { AppContext } from '../context.ts';
import type { BackoffPolicy } from '../effects/retry.ts';
import { type Finish, groupedFinish, handleDelivery, type RetryPolicy } from './delivery-outcome.ts';

/** What a handler gets of a delivery: GitHub's event, action and payload (embargoed text: never log it). */
export interface Delivery {
  guid: string;
  event: string;
  action: string | null;
  payload: unknown;
  /** The App installation it came through, for calls back to GitHub; null for other hooks. */
  installationId: number | null;
}

/**
 * Acts on one delivery: `done` when it did (or found nothing left to do),
 * `ignored` when the delivery is of no concern to psrt. A handler may run
 * again for the same delivery (a processor dying between the handler's commit
 * and the outcome's), so it must be idempotent; mirroring is. It records and
 * audits its changes through the use-cases it calls; a throw is retried.
 */
export type DeliveryHandler = (ctx: AppContext, delivery: Delivery) => Promise<'done' | 'ignored'>;

/** Handlers by event name (`X-GitHub-Event`); an event without one is marked `ignored`. */
export type DeliveryHandlers = Readonly<Record<string, DeliveryHandler>>;

/** `ping` (sent when a hook is set) asks for nothing: the endpoint records it as done on arrival. */
export const defaultDeliveryHandlers: DeliveryHandlers = {
  ping: async () => 'done',
};

export interface DeliveryOptions {
  /** Names this processor in claims and logs (default: a random id). */
  processorId?: string;
  /** Deliveries handled side by side (default 8). */
  concurrency?: number;
  /** How long a claim holds before another processor may take the delivery over (default 2 min). */
  leaseMs?: number;
  /** Attempts before a delivery is failed for good (default 5). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** With nothing due, how often to look again (default 1 s); a nudge looks at once. */
  idleMs?: number;
}

/**
 * 15 s doubling: the 4 waits between 5 attempts add up to 1.9 to 3.75
 * minutes. Webhooks are the fast path only: the poller sees every change too.
 */
export const deliveryBackoff: BackoffPolicy = { baseMs: 15_000, maxMs: 15 * MINUTE_MS };
const defaults = { concurrency: 8, leaseMs: 2 * MINUTE_MS, maxAttempts: 5, idleMs: 1_000 };

export interface DeliveryTally {
  claimed: number;
  done: number;
  ignored: number;
  retrying: number;
  failed: number;
}

const emptyTally = (): DeliveryTally => ({ claimed: 0, done: 0, ignored: 0, retrying: 0, failed: 0 });

/** One processor's settings, its handlers and its way of recording outcomes. */
interface Processing {
  policy: RetryPolicy;
  leaseMs: number;
  concurrency: number;
  /** One lookup table: an event named like an Object property ("constructor") finds no handler. */
  table: ReadonlyMap<string, DeliveryHandler>;
  finish: Finish;
}

function processing(
  ctx: AppContext,
  handlers: DeliveryHandlers,
  options: DeliveryOptions,
  processorId: string,
): Processing {
  return {
    policy: {
      processorId,
      maxAttempts: options.maxAttempts ?? defaults.maxAttempts,
      backoff: options.backoff ?? deliveryBackoff,
      random: options.random,
    },
    leaseMs: options.leaseMs ?? defaults.leaseMs,
    concurrency: Math.max(1, options.concurrency ?? defaults.concurrency),
    table: new Map(Object.entries({ ...defaultDeliveryHandlers, ...handlers })),
    finish: groupedFinish(ctx, processorId),
  };
}

const claim = (ctx: AppContext, run: Processing, limit: number) =>
  claimDeliveries(ctx.store.db, {
    limit,
    now: ctx.now(),
    workerId: run.policy.processorId,
    leaseMs: run.leaseMs,
    maxAttempts: run.policy.maxAttempts,
  });

const processOne = (ctx: AppContext, run: Processing, delivery: StoredDelivery) =>
  handleDelivery(ctx, run.table.get(delivery.event), delivery, run.policy, run.finish);

/** One pass: claims what is due (at most `concurrency`) and handles it side by side. For tests and benchmarks. */
export async function processDueDeliveries(
  ctx: AppContext,
  handlers: DeliveryHandlers,
  options: DeliveryOptions = {},
): Promise<DeliveryTally> {
  const run = processing(ctx, handlers, options, options.processorId ?? `deliveries-${process.pid}`);
  const tally = emptyTally();
  const claimed = await claim(ctx, run, run.concurrency);
  tally.claimed = claimed.length;
  for (const outcome of await Promise.all(claimed.map((d) => processOne(ctx, run, d)))) {
    if (outcome) tally[outcome]++;
  }
  return tally;
}

export interface DeliveryProcessor {
  /** A delivery was just recorded: look now, not at the next idle tick. */
  nudge(): void;
  /** What the processor did since it started. */
  totals(): DeliveryTally;
  /** Stops claiming and waits for the deliveries in hand (at most `graceMs`); their lease brings back any left. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Processes deliveries until stopped, `concurrency` at a time: it claims
 * whenever a slot is free and something is due, looks again every
 * `idleMs` when nothing is, and at once when nudged (the webhook endpoint nudges after
 * recording, so a delivery is handled within moments of arriving).
 */
export function processDeliveries(
  ctx: AppContext,
  handlers: DeliveryHandlers,
  options: DeliveryOptions = {},
): DeliveryProcessor {
  const processorId = options.processorId ?? `deliveries-${process.pid}-${randomUUID().slice(0, 8)}`;
  const run = processing(ctx, handlers, options, processorId);
  const { concurrency } = run;
  const tally = emptyTally();
  const loop = startClaimLoop<StoredDelivery>({
    name: `webhook delivery processor ${processorId}`,
    log: ctx.log,
    concurrency,
    idleMs: options.idleMs ?? defaults.idleMs,
    claim: async (free) => {
      const claimed = await claim(ctx, run, free);
      tally.claimed += claimed.length;
      return claimed;
    },
    perform: async (delivery) => {
      const outcome = await processOne(ctx, run, delivery);
      if (outcome) tally[outcome]++;
    },
  });
  return { nudge: loop.nudge, totals: () => ({ ...tally }), stop: (graceMs) => loop.stop(graceMs) };
}
