// Hostile CVSS vectors: whatever a reporter pastes into a vector field, GHSA
// sends or a CVE record holds is either scored consistently (0.0 to 10.0, the
// severity FIRST's scale gives, a normalized vector that scores the same) or
// refused with a CvssError saying what is wrong; never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CvssError,
  cvssV4Metrics,
  parseCvss,
  severityOf,
  severityOfVector,
  validateCvssV4,
} from '../../src/domain/cvss.ts';
import { cvssMetric } from '../../src/records/cve-cvss.ts';
import { calculatorState, readablePicks, vectorFromPicks } from '../../src/web/cvss-picker.ts';
import { fuzz, mutated } from './runs.ts';

// CVSS v3.1 specification, table 15, as the generator needs it (metric, mandatory, values).
const v31: readonly [string, boolean, string][] = [
  ['AV', true, 'N A L P'],
  ['AC', true, 'L H'],
  ['PR', true, 'N L H'],
  ['UI', true, 'N R'],
  ['S', true, 'U C'],
  ['C', true, 'H L N'],
  ['I', true, 'H L N'],
  ['A', true, 'H L N'],
  ['E', false, 'X H F P U'],
  ['RL', false, 'X U W T O'],
  ['RC', false, 'X C R U'],
  ['CR', false, 'X H M L'],
  ['IR', false, 'X H M L'],
  ['AR', false, 'X H M L'],
  ['MAV', false, 'X N A L P'],
  ['MAC', false, 'X L H'],
  ['MPR', false, 'X N L H'],
  ['MUI', false, 'X N R'],
  ['MS', false, 'X U C'],
  ['MC', false, 'X H L N'],
  ['MI', false, 'X H L N'],
  ['MA', false, 'X H L N'],
];
const v4 = cvssV4Metrics.map(
  ({ key, mandatory, values }) => [key, mandatory, values.map((v) => v.code).join(' ')] as const,
);

/** A valid vector of `version`: every mandatory metric, some optional ones, in any order. */
function validVector(prefix: string, metrics: readonly (readonly [string, boolean, string])[]) {
  const parts = metrics.map(([key, mandatory, values]) => {
    const value = fc.constantFrom(...values.split(' ')).map((v) => `${key}:${v}`);
    return mandatory ? value.map((v): string | null => v) : fc.option(value, { nil: null });
  });
  return fc
    .tuple(...parts)
    .chain((chosen) =>
      fc.shuffledSubarray(
        chosen.filter((p): p is string => p !== null),
        { minLength: chosen.filter(Boolean).length },
      ),
    )
    .map((chosen) => [prefix, ...chosen].join('/'));
}
const validVectors = fc.oneof(validVector('CVSS:4.0', v4), validVector('CVSS:3.1', v31));

/** Characters vectors are made of, and a few that should never be in one. */
const vectorCharacters = fc.constantFrom(
  ...'CVSS:4.0/3.1AVNLPHXUIRSEMTCDY'.split(''),
  '/',
  ':',
  ' ',
  '\u0000',
  'é',
  '__proto__',
  'constructor',
);
const vectorLike = fc.array(vectorCharacters, { maxLength: 60 }).map((pieces) => pieces.join(''));
const hostileVectors = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  vectorLike,
  validVectors.chain((vector) => mutated(vector, fc.oneof(fc.string({ maxLength: 3 }), vectorLike))),
);

/** What must hold for any input: a consistent score, or a CvssError that says "CVSS vector: …". */
function checkScoredOrRefused(vector: string): void {
  let scored: ReturnType<typeof parseCvss>;
  try {
    scored = parseCvss(vector);
  } catch (error) {
    expect(error).toBeInstanceOf(CvssError);
    expect((error as Error).message).toMatch(/^CVSS vector: \S/);
    expect(severityOfVector(vector)).toBeNull();
    expect(validateCvssV4(vector)).toMatch(/^CVSS vector: /);
    expect(() => cvssMetric(vector)).toThrow(CvssError);
    const state = calculatorState(vector);
    expect(state.kind === 'invalid' || state.kind === 'empty').toBe(true);
    return;
  }
  expect(scored.score).toBeGreaterThanOrEqual(0);
  expect(scored.score).toBeLessThanOrEqual(10);
  expect(Math.round(scored.score * 10) / 10).toBe(scored.score);
  expect(scored.severity).toBe(severityOf(scored.score));
  // The normalized vector is a fixed point: it scores the same and normalizes to itself.
  expect(parseCvss(scored.vector)).toEqual(scored);
  expect(severityOfVector(vector)).toBe(scored.severity);
  const metric = cvssMetric(vector);
  const object = 'cvssV4_0' in metric ? metric.cvssV4_0 : metric.cvssV3_1;
  expect(object).toMatchObject({ vectorString: scored.vector, baseScore: scored.score });
  const state = calculatorState(vector);
  expect(state).toMatchObject({ kind: 'scored', vector: scored.vector });
  if (scored.version === '4.0') expect(vectorFromPicks(readablePicks(scored.vector))).toBe(scored.vector);
}

describe('CVSS vectors, fuzzed', () => {
  it('every valid v3.1 and v4.0 vector, in any metric order, scores within 0.0–10.0 and normalizes to a vector that scores the same', () => {
    fuzz(
      fc.property(validVectors, (vector) => {
        const scored = parseCvss(vector);
        expect(scored.vector.startsWith(vector.slice(0, 8))).toBe(true);
        checkScoredOrRefused(vector);
      }),
      400,
    );
  });

  it('any string, mutated vectors included, is scored consistently or refused with a CvssError naming the problem', () => {
    fuzz(fc.property(hostileVectors, checkScoredOrRefused), 800);
  });

  it('a vector with surrounding white space scores as the trimmed one', () => {
    fuzz(
      fc.property(validVectors, fc.constantFrom(' ', '\t', '\n', '\r\n'), (vector, space) => {
        expect(parseCvss(`${space}${vector}${space}`)).toEqual(parseCvss(vector));
      }),
      100,
    );
  });
});
