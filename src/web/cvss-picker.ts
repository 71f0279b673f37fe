// What the CVSS calculator shows for a vector, and the vector a submitted calculator stands for.
// Pure, so the server-rendered page and the browser script (src/web/client/cvss.ts) show the same
// thing: both score through src/domain/cvss.ts, which runs ae-cvss-calculator.
import { CvssError, type CvssMetricGroup, type CvssScore, cvssV4Metrics, parseCvss } from '../domain/cvss.ts';

/** Metric key → value code, as the radios show them. */
export type Picks = ReadonlyMap<string, string>;

export type CalculatorState =
  /** Nothing to score yet. */
  | { kind: 'empty'; vector: ''; picks: Picks; message: string }
  /** `vector` is the normalized one; `note` says what the picker cannot show (a v3.1 vector). */
  | {
      kind: 'scored';
      vector: string;
      picks: Picks;
      score: CvssScore;
      nomenclature: string;
      note: string | null;
    }
  /** `vector` as given; `message` is the domain's; `picks` are the metrics that could be read. */
  | { kind: 'invalid'; vector: string; picks: Picks; message: string };

export const emptyMessage = 'Pick a value for each base metric, or paste a vector.';
export const v31Note =
  'A CVSS v3.1 vector, scored as GHSA does (base score). The metric picker is for CVSS v4.0, which publication needs.';

const v4Prefix = 'CVSS:4.0';
const metricByKey = new Map(cvssV4Metrics.map((metric) => [metric.key, metric]));

/** The state of a calculator showing `vector` (trimmed; empty means none). */
export function calculatorState(vector: string): CalculatorState {
  const given = vector.trim();
  if (given === '') return { kind: 'empty', vector: '', picks: new Map(), message: emptyMessage };
  let score: CvssScore;
  try {
    score = parseCvss(given);
  } catch (error) {
    if (!(error instanceof CvssError)) throw error;
    return { kind: 'invalid', vector: given, picks: readablePicks(given), message: error.message };
  }
  if (score.version === '3.1') {
    return {
      kind: 'scored',
      vector: score.vector,
      picks: new Map(),
      score,
      nomenclature: 'CVSS v3.1',
      note: v31Note,
    };
  }
  const picks = readablePicks(score.vector);
  return {
    kind: 'scored',
    vector: score.vector,
    picks,
    score,
    nomenclature: nomenclatureOf(picks),
    note: null,
  };
}

/**
 * The metrics of a v4.0 vector that name a known metric and one of its values, so a
 * half-typed or mistyped vector still shows what it says. A v3.1 vector's metrics are not v4.0's.
 */
export function readablePicks(vector: string): Picks {
  const [prefix = '', ...parts] = vector.trim().split('/');
  const picks = new Map<string, string>();
  if (prefix !== v4Prefix) return picks;
  for (const part of parts) {
    const [key = '', code, ...rest] = part.split(':');
    const metric = metricByKey.get(key);
    if (metric && rest.length === 0 && metric.values.some((value) => value.code === code) && code) {
      picks.set(key, code);
    }
  }
  return picks;
}

/** The vector the radios stand for: specification order, Not Defined left out. */
export function vectorFromPicks(picks: Picks): string {
  const parts = cvssV4Metrics
    .filter((metric) => picks.has(metric.key) && picks.get(metric.key) !== 'X')
    .map((metric) => `${metric.key}:${picks.get(metric.key)}`);
  return [v4Prefix, ...parts].join('/');
}

/** FIRST's name for what a v4.0 score covers: CVSS-B, -BT, -BE or -BTE (supplemental metrics do not count). */
export function nomenclatureOf(picks: Picks): string {
  return `CVSS-B${definedIn('Threat', picks) ? 'T' : ''}${definedIn('Environmental', picks) ? 'E' : ''}`;
}

/** The metrics of a group the vector sets, as they read in it ("E:A"); empty when none is. */
export function definedIn(group: CvssMetricGroup, picks: Picks): string {
  return cvssV4Metrics
    .filter((metric) => metric.group === group && (picks.get(metric.key) ?? 'X') !== 'X')
    .map((metric) => `${metric.key}:${picks.get(metric.key)}`)
    .join(' ');
}

/** The form fields of a calculator named `name` (the vector's own field). */
export const calculatorFields = (name: string) => ({
  vector: name,
  /** The vector as the page showed it: when the text field still says that, the radios are the source. */
  shown: `${name}-shown`,
  metric: (key: string) => `${name}-${key}`,
  compute: `${name}-compute`,
});

/**
 * The vector a submitted calculator stands for. Without JavaScript the radios are the source,
 * unless the vector's text was edited (typed or pasted) since the page showed it; a link that
 * carries only the vector (`?vector=…`) has no radios at all.
 */
export function submittedVector(field: (name: string) => string | undefined, name: string): string {
  const fields = calculatorFields(name);
  const typed = (field(fields.vector) ?? '').trim();
  const shown = field(fields.shown);
  const picks = new Map<string, string>();
  for (const metric of cvssV4Metrics) {
    const code = field(fields.metric(metric.key));
    if (code !== undefined) picks.set(metric.key, code);
  }
  const anyBasePicked = cvssV4Metrics.some((metric) => metric.mandatory && picks.has(metric.key));
  if (shown === undefined || typed !== shown.trim() || !anyBasePicked) return typed;
  return vectorFromPicks(picks);
}
