// How long the fuzz properties run. Each property names its short run count,
// sized so the whole fuzz set stays under a minute in CI; PSRT_FUZZ_RUNS sets
// every property's count for a longer search (e.g. PSRT_FUZZ_RUNS=5000), and
// PSRT_FUZZ_SEED replays the seed a failure printed.
import fc from 'fast-check';
import { vi } from 'vitest';

function positiveInteger(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new Error(`${name} must be a positive whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

const runsOverride = positiveInteger('PSRT_FUZZ_RUNS');
const seed = process.env.PSRT_FUZZ_SEED === undefined ? undefined : Number(process.env.PSRT_FUZZ_SEED);

// A longer run outlasts the suite's 30 s test timeout: give this file's tests a day.
if (runsOverride !== undefined) vi.setConfig({ testTimeout: 86_400_000 });

/** The run count of a property: its short count, or PSRT_FUZZ_RUNS when set. */
export const runs = (short: number): number => runsOverride ?? short;

/** fast-check's options for a property with `short` runs (the seed is printed on failure). */
function fuzzOptions(short: number, endOnFailure: boolean) {
  return {
    numRuns: runs(short),
    endOnFailure,
    ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  };
}

/** Asserts a pure property; a failure is shrunk to a small counterexample. */
export const fuzz = <T extends [unknown, ...unknown[]]>(property: fc.IProperty<T>, short: number): void =>
  fc.assert(property, fuzzOptions(short, false));

/**
 * Asserts a property that does I/O. Shrinking one can take minutes, so the
 * first counterexample is reported as found, with its seed.
 */
export const fuzzAsync = <T extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<T>,
  short: number,
): Promise<void> => fc.assert(property, fuzzOptions(short, true));

/** Generates a string by replacing, inserting or deleting a few characters of `text`. */
export function mutated(text: string, alphabet: fc.Arbitrary<string> = fc.string({ maxLength: 3 })) {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 4 }), alphabet);
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce((current, [at, remove, insert]) => {
      const index = current.length === 0 ? 0 : at % (current.length + 1);
      return current.slice(0, index) + insert + current.slice(index + remove);
    }, text),
  );
}
