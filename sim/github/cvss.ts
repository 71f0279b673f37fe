// How the simulator reads a `cvss_vector_string` (§1, §2.5): checked and scored with
// ae-cvss-calculator directly, not with psrt's own parser, so the simulator shares no code with
// the client it holds to GitHub's behaviour. CVSS 3.0 vectors score like 3.1 for our purposes.
import cvssCalculator from 'ae-cvss-calculator';
import type { CvssEntry, Severity } from './state.ts';

// The package is a CommonJS webpack bundle: Node's ESM loader cannot see its named exports, so
// they are taken from the default (module.exports) object.
const { Cvss3P1, Cvss4P0 } = cvssCalculator;

export interface ScoredVector {
  version: 'v3' | 'v4';
  /** The vector as given (trimmed) and its score, one decimal: v4.0 the whole vector's, v3 the base score. */
  entry: CvssEntry;
  /** The score's band; a 0.0 score has none. */
  severity: Severity | null;
}

/** Scores a vector; throws an Error saying what is wrong with one GitHub would refuse. */
export function scoreVector(vector: string): ScoredVector {
  const trimmed = vector.trim();
  const [prefix = '', ...metrics] = trimmed.split('/');
  const v4 = prefix === 'CVSS:4.0';
  if (!v4 && prefix !== 'CVSS:3.1' && prefix !== 'CVSS:3.0')
    throw new Error(`CVSS vector: unsupported version "${prefix}" (CVSS:4.0, CVSS:3.1 or CVSS:3.0)`);
  const malformed = metrics.find((metric) => !/^[A-Za-z]+:[A-Za-z]+$/.test(metric));
  if (malformed !== undefined) throw new Error(`CVSS vector: "${malformed}" is not of the form METRIC:VALUE`);
  const names = metrics.map((metric) => metric.split(':')[0]);
  if (new Set(names).size !== names.length) throw new Error('CVSS vector: a metric appears more than once');
  // The calculator refuses unknown metrics and values; missing base metrics it leaves undefined.
  const normalized = [v4 ? 'CVSS:4.0' : 'CVSS:3.1', ...metrics].join('/');
  let scored: number | undefined;
  try {
    if (v4) {
      const calculator = new Cvss4P0(normalized);
      if (!calculator.isBaseFullyDefined()) throw new Error('the base metrics are incomplete');
      scored = calculator.calculateScores().overall;
    } else {
      const calculator = new Cvss3P1(normalized);
      if (!calculator.isBaseFullyDefined()) throw new Error('the base metrics are incomplete');
      scored = calculator.calculateScores().base;
    }
  } catch (error) {
    throw new Error(`CVSS vector: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (scored === undefined || !Number.isFinite(scored)) throw new Error('CVSS vector: could not be scored');
  const score = Math.round(scored * 10) / 10;
  return { version: v4 ? 'v4' : 'v3', entry: { vector: trimmed, score }, severity: bandOf(score) };
}

/** FIRST's rating scale (the same in v3.1 and v4.0) in GitHub's words; 0.0 (None) has no word. */
function bandOf(score: number): Severity | null {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return null;
}
