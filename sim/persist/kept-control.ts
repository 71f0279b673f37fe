// A simulator's control as callers in the same process get it when the simulator keeps its
// state in a folder: each call that may change something is saved before it returns (or
// resolves), so whatever the caller was told has happened is on disk.

/** Wraps every function of `control` except the `reads` with a `keep()` after it. */
export function keptControl<T extends object>(control: T, reads: readonly string[], keep: () => void): T {
  const kept: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(control)) {
    if (typeof operation !== 'function' || reads.includes(name)) {
      kept[name] = operation;
      continue;
    }
    kept[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = operation(...args);
      } finally {
        // Also after a refusal: an operation may have changed part of the model before it failed.
        if (!(result instanceof Promise)) keep();
      }
      return result instanceof Promise ? result.finally(keep) : result;
    };
  }
  return kept as T;
}
