// What `psrt serve` runs beside the web app: each background loop is a name
// and a stop() that waits for the loop's work in hand, so shutting down is one
// walk over a list (and a new loop, such as the effect runner, is one entry more).
import { schedulerPrincipal, verifyAndRecordAudit } from '../app/audit-log.ts';
import type { DeliveryProcessor } from '../app/bot/deliveries.ts';
import type { BotSettings } from '../app/bot/observe.ts';
import { pollAsLeader } from '../app/bot/poller.ts';
import type { AppContext } from '../app/context.ts';
import type { EffectRunner } from '../app/effects/runner.ts';
import { loggableError } from '../app/errors.ts';
import type { Heartbeats } from '../app/heartbeats.ts';
import type { Leader } from '../app/leader.ts';
import { runClockTick } from '../app/scheduler.ts';
import { forgetEndedSessions } from '../app/sessions.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../domain/time.ts';
import type { GitHubClient } from '../github/index.ts';
import type { Metrics } from './prometheus.ts';

/** The effect runner (src/app/effects/runner.ts) as one of the server's loops. */
export function effectRunnerLoop(runner: EffectRunner): BackgroundLoop {
  return { name: 'effect runner', stop: () => runner.stop() };
}

/** The webhook delivery processor (src/app/bot/deliveries.ts) as one of the server's loops. */
export function deliveryProcessorLoop(processor: DeliveryProcessor): BackgroundLoop {
  return { name: 'webhook deliveries', stop: () => processor.stop() };
}

export interface BackgroundLoop {
  name: string;
  /** Starts nothing new, and resolves once the work already started has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `task` `firstMs` after start and then every `intervalMs`, never two at
 * once (a tick that finds the last one still running is skipped); a failure is
 * logged and the next tick tries again. Stopping waits for the tick in hand.
 */
export function periodicLoop(
  name: string,
  log: AppContext['log'],
  intervalMs: number,
  task: () => Promise<void>,
  firstMs = 1_000,
): BackgroundLoop {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = task()
      .catch((error: unknown) => log.error({ err: loggableError(error), loop: name }, `${name} failed`))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, firstMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    name,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

/** Runs the clock tick a second after start and then every `intervalSeconds`. */
export function startScheduler(ctx: AppContext, intervalSeconds: number): BackgroundLoop {
  if (intervalSeconds === 0) return { name: 'scheduler', stop: async () => {} };
  return periodicLoop('scheduler', ctx.log, intervalSeconds * 1_000, async () => {
    const result = await runClockTick(ctx);
    const acted =
      result.assigned.length +
      result.reminders.length +
      result.craAlerts.length +
      result.updatesOwed.length +
      result.expiredGrants;
    if (acted > 0 || result.unassigned.length > 0) {
      ctx.log.info(
        {
          assigned: result.assigned.map((a) => a.reportId),
          unassigned: result.unassigned,
          reminders: result.reminders.length,
          craAlerts: result.craAlerts.length,
          updatesOwed: result.updatesOwed,
          expiredGrants: result.expiredGrants,
        },
        'clocks acted on',
      );
    }
  });
}

/**
 * Daily (the first time ten minutes after start), verifies the audit log's
 * chain and records what it found, so the audit page says when it was last
 * checked; a broken chain is also logged as an error (seq and reason only).
 * Only the leading instance does: one check a day, however many run.
 */
export function startAuditVerification(ctx: AppContext, leader: Leader): BackgroundLoop {
  return periodicLoop(
    'audit verification',
    ctx.log,
    DAY_MS,
    async () => {
      if (!(await leader.lead())) return;
      const { verdict } = await verifyAndRecordAudit(ctx, schedulerPrincipal);
      if (!verdict.ok)
        ctx.log.error(
          { seq: verdict.firstBad.seq, reason: verdict.firstBad.reason },
          'the audit log was tampered with: see the audit page',
        );
    },
    10 * MINUTE_MS,
  );
}

/** Hourly: the embedded database's housekeeping, and forgetting browser sessions that ended. */
export function startMaintenance(ctx: AppContext): BackgroundLoop {
  return periodicLoop(
    'maintenance',
    ctx.log,
    HOUR_MS,
    async () => {
      await forgetEndedSessions(ctx);
      await ctx.store.maintain();
    },
    HOUR_MS,
  );
}

/**
 * The bot's look at GitHub's open advisories, every `intervalSeconds` (src/app/bot/poller.ts); each
 * round beats the poller's heartbeat and is counted, as leader or follower.
 */
export function startBotPoller(
  ctx: AppContext,
  leader: Leader,
  github: GitHubClient,
  bot: BotSettings,
  intervalSeconds: number,
  observe: { heartbeats?: Heartbeats; metrics?: Metrics | null } = {},
): BackgroundLoop {
  if (intervalSeconds === 0) return { name: 'bot poller', stop: async () => {} };
  // Only the leading instance polls; when it dies, another leads (and polls) at its next tick.
  return periodicLoop('bot poller', ctx.log, intervalSeconds * 1_000, async () => {
    const polled = await pollAsLeader(ctx, leader, github, bot);
    observe.heartbeats?.beat('bot poller');
    observe.metrics?.polled(polled !== null);
    if (polled && polled.mirrored + polled.commands + polled.leaks > 0)
      ctx.log.info({ ...polled }, 'the bot acted on what it saw on GitHub');
  });
}

/**
 * Stops every loop at once and waits for them until `deadline` (a time in ms,
 * as performance.now() counts); the names of loops still busy then are returned.
 * Their work is abandoned, not lost: what the database had not committed is rolled back.
 */
export async function stopLoops(
  loops: readonly BackgroundLoop[],
  deadline: number,
  log: AppContext['log'],
): Promise<string[]> {
  const busy = new Set(loops.map((loop) => loop.name));
  const stopped = Promise.all(
    loops.map((loop) =>
      loop
        .stop()
        .catch((error: unknown) =>
          log.warn({ loop: loop.name, err: loggableError(error) }, 'loop stop failed'),
        )
        .finally(() => busy.delete(loop.name)),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
  });
  await Promise.race([stopped, timeUp]);
  clearTimeout(timer);
  return [...busy];
}
