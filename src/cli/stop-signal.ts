// How a long-running command (`psrt serve`, `psrt effects run`, `psrt sim …`)
// is stopped: the first SIGINT (Ctrl-C) or SIGTERM asks it to stop cleanly, a
// second one ends the process at once for someone who will not wait.

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process without waiting. */
export function stopSignal(): { received: Promise<NodeJS.Signals>; dispose(): void } {
  let stop: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => {
    stop = resolve;
  });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals === 1) return stop(signal);
    process.stderr.write(`psrt: ${signal} again: stopping at once, without waiting for work in hand\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
