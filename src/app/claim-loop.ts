// The loop behind the effect runner and the webhook delivery processor: claim
// work whenever a slot is free, perform each claimed unit on its own, look
// again every `idleMs` when nothing is due (or at once when nudged: a unit
// finished, new work was recorded, or stop was asked), and back off while
// claiming fails. What is claimed and how it is performed is the caller's.
import type { Logger } from '../config/logger.ts';
import { loggableError } from './errors.ts';

export interface ClaimLoopOptions<T> {
  /** Names the loop in its log lines. */
  name: string;
  log: Logger;
  /** Units performed side by side. */
  concurrency: number;
  idleMs: number;
  /** Claims at most `free` units (fewer, or none, when less is due). */
  claim(free: number): Promise<T[]>;
  /** Performs one unit; `stopping` turns true once stop is asked. A rejection is logged, not retried here. */
  perform(unit: T, stopping: () => boolean): Promise<void>;
  /** Called at each turn of the loop that went well (claimed, or had no free slot): its sign of life. */
  heartbeat?: () => void;
}

export interface ClaimLoop {
  /** Looks for work now, not at the next idle tick. */
  nudge(): void;
  /** Stops claiming and waits for the units in hand (at most `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export function startClaimLoop<T>(options: ClaimLoopOptions<T>): ClaimLoop {
  const { log, name, concurrency, idleMs } = options;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  // Set when nudged while the loop is busy claiming: the next pause is skipped.
  let nudged = false;
  let wake: (() => void) | null = null;
  const nudge = () => {
    nudged = true;
    wake?.();
  };
  const pause = (ms: number) =>
    nudged
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
  const start = (unit: T) => {
    const done: Promise<void> = options
      .perform(unit, () => stopping)
      .catch((error: unknown) => {
        // Recording an outcome failed (the database went away): the claim's lease brings the work back.
        log.error({ err: loggableError(error), loop: name }, `${name} lost an outcome`);
      })
      .finally(() => {
        inFlight.delete(done);
        nudge();
      });
    inFlight.add(done);
  };

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      nudged = false;
      const free = concurrency - inFlight.size;
      if (free <= 0) {
        options.heartbeat?.();
        await pause(idleMs);
        continue;
      }
      try {
        const claimed = await options.claim(free);
        failures = 0;
        options.heartbeat?.();
        for (const unit of claimed) start(unit);
        // Everything due was claimed: wait for more to come due, a free slot, or a nudge.
        if (claimed.length < free) await pause(idleMs);
      } catch (error) {
        // The database is unreachable or similar: say so, and back off up to half a minute.
        failures++;
        log.error({ err: loggableError(error), loop: name }, `${name} could not claim`);
        await pause(Math.min(30_000, idleMs * 2 ** failures));
      }
    }
    await Promise.all(inFlight);
  })();

  return {
    nudge,
    async stop(graceMs = Number.POSITIVE_INFINITY) {
      stopping = true;
      nudge();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        if (Number.isFinite(graceMs)) timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([loop, grace]);
      clearTimeout(timer);
    },
  };
}
