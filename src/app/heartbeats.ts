// The background loops' sign of life: each loop notes when it last went round (whether or not it
// found work), and /readyz calls an instance ready only while the loops it runs keep doing so. A
// loop that is stuck (waiting forever on a dead connection, say) stops beating; a loop that cannot
// reach the database beats no more either, as its round fails.

export type LoopName = 'effect runner' | 'bot poller';

export interface Heartbeats {
  /** Notes that `loop` completed a round now. */
  beat(loop: LoopName): void;
  /** When `loop` last completed a round (ms since the epoch), or null if it has not yet. */
  lastBeat(loop: LoopName): number | null;
}

export function createHeartbeats(clock: () => number = Date.now): Heartbeats {
  const last = new Map<LoopName, number>();
  return {
    beat: (loop) => last.set(loop, clock()),
    lastBeat: (loop) => last.get(loop) ?? null,
  };
}
