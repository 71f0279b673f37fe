// CVSS vectors as the PSRT records them: v4.0 for publication, v3.1 for what
// arrives from GHSA and older CVE records. We check every metric against the
// FIRST specifications ourselves, then let ae-cvss-calculator do the scoring.
import cvssCalculator from 'ae-cvss-calculator';
import { DomainError } from './errors.ts';

// The package is a CommonJS webpack bundle: Node's ESM loader cannot see its
// named exports, so they are taken from the default (module.exports) object.
const { Cvss3P1, Cvss4P0 } = cvssCalculator;

export class CvssError extends DomainError {
  override readonly name: string = 'CvssError';
}

export type CvssVersion = '4.0' | '3.1';

/** FIRST's qualitative severity rating scale (identical in v3.1 and v4.0). */
export type Severity = 'None' | 'Low' | 'Medium' | 'High' | 'Critical';

/** The severity words GHSA uses; a 0.0 score has none. */
export type GhsaSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface CvssScore {
  version: CvssVersion;
  /** Metrics in specification order, Not Defined (`X`) values left out. */
  vector: string;
  /** One decimal. v4.0: the score of the whole vector (CVSS-B, -BT, -BE or -BTE). v3.1: the base score. */
  score: number;
  severity: Severity;
}

interface MetricSpec {
  name: string;
  values: readonly string[];
  mandatory: boolean;
}

const required = (name: string, values: string): MetricSpec => ({
  name,
  values: values.split(' '),
  mandatory: true,
});
const optional = (name: string, values: string): MetricSpec => ({
  name,
  values: ['X', ...values.split(' ')],
  mandatory: false,
});

/** The metric groups of the CVSS v4.0 specification; only Base metrics are mandatory in a vector. */
export type CvssMetricGroup = 'Base' | 'Threat' | 'Environmental' | 'Supplemental';

/** A CVSS v4.0 metric as FIRST names it, so a picker can show what the vector says. */
export interface CvssMetric {
  /** Its abbreviation in a vector: `AV`. */
  key: string;
  /** FIRST's name: `Attack Vector`. */
  name: string;
  group: CvssMetricGroup;
  /** The part of its group FIRST's calculator shows it in: `Exploitability`, `Security Requirements`, … */
  section: string;
  mandatory: boolean;
  /** In specification order; an optional metric starts with Not Defined (`X`). */
  values: readonly { code: string; name: string }[];
}

const notDefined = { code: 'X', name: 'Not Defined' };

/** Metrics of one section; `values` is "CODE=Name …" in specification order. */
const section =
  (group: CvssMetricGroup, sectionName: string) =>
  (key: string, name: string, values: string): CvssMetric => {
    const mandatory = group === 'Base';
    const named = values.split(' ').map((pair) => {
      const [code = '', valueName = ''] = pair.split('=');
      return { code, name: valueName };
    });
    return {
      key,
      name,
      group,
      section: sectionName,
      mandatory,
      values: mandatory ? named : [notDefined, ...named],
    };
  };
const exploitability = section('Base', 'Exploitability');
const vulnerableSystem = section('Base', 'Vulnerable System Impact');
const subsequentSystem = section('Base', 'Subsequent System Impact');
const threat = section('Threat', 'Threat');
const requirements = section('Environmental', 'Security Requirements');
const modifiedExploitability = section('Environmental', 'Modified Exploitability');
const modifiedVulnerableSystem = section('Environmental', 'Modified Vulnerable System Impact');
const modifiedSubsequentSystem = section('Environmental', 'Modified Subsequent System Impact');
const supplemental = section('Supplemental', 'Supplemental');
const impact = 'H=High L=Low N=None';

/**
 * CVSS v4.0 specification, section 7 ("Vector String"), in the order of its
 * table (base, threat, environmental, supplemental), with the names of its
 * sections 2 to 5 and of FIRST's calculator.
 */
export const cvssV4Metrics: readonly CvssMetric[] = [
  exploitability('AV', 'Attack Vector', 'N=Network A=Adjacent L=Local P=Physical'),
  exploitability('AC', 'Attack Complexity', 'L=Low H=High'),
  exploitability('AT', 'Attack Requirements', 'N=None P=Present'),
  exploitability('PR', 'Privileges Required', 'N=None L=Low H=High'),
  exploitability('UI', 'User Interaction', 'N=None P=Passive A=Active'),
  vulnerableSystem('VC', 'Confidentiality', impact),
  vulnerableSystem('VI', 'Integrity', impact),
  vulnerableSystem('VA', 'Availability', impact),
  subsequentSystem('SC', 'Confidentiality', impact),
  subsequentSystem('SI', 'Integrity', impact),
  subsequentSystem('SA', 'Availability', impact),
  threat('E', 'Exploit Maturity', 'A=Attacked P=POC U=Unreported'),
  requirements('CR', 'Confidentiality Requirement', 'H=High M=Medium L=Low'),
  requirements('IR', 'Integrity Requirement', 'H=High M=Medium L=Low'),
  requirements('AR', 'Availability Requirement', 'H=High M=Medium L=Low'),
  modifiedExploitability('MAV', 'Modified Attack Vector', 'N=Network A=Adjacent L=Local P=Physical'),
  modifiedExploitability('MAC', 'Modified Attack Complexity', 'L=Low H=High'),
  modifiedExploitability('MAT', 'Modified Attack Requirements', 'N=None P=Present'),
  modifiedExploitability('MPR', 'Modified Privileges Required', 'N=None L=Low H=High'),
  modifiedExploitability('MUI', 'Modified User Interaction', 'N=None P=Passive A=Active'),
  modifiedVulnerableSystem('MVC', 'Modified Confidentiality', impact),
  modifiedVulnerableSystem('MVI', 'Modified Integrity', impact),
  modifiedVulnerableSystem('MVA', 'Modified Availability', impact),
  modifiedSubsequentSystem('MSC', 'Modified Confidentiality', 'H=High L=Low N=Negligible'),
  modifiedSubsequentSystem('MSI', 'Modified Integrity', 'S=Safety H=High L=Low N=Negligible'),
  modifiedSubsequentSystem('MSA', 'Modified Availability', 'S=Safety H=High L=Low N=Negligible'),
  supplemental('S', 'Safety', 'N=Negligible P=Present'),
  supplemental('AU', 'Automatable', 'N=No Y=Yes'),
  supplemental('R', 'Recovery', 'A=Automatic U=User I=Irrecoverable'),
  supplemental('V', 'Value Density', 'D=Diffuse C=Concentrated'),
  supplemental('RE', 'Vulnerability Response Effort', 'L=Low M=Moderate H=High'),
  supplemental('U', 'Provider Urgency', 'Clear=Clear Green=Green Amber=Amber Red=Red'),
];

const v4Metrics: readonly MetricSpec[] = cvssV4Metrics.map(({ key, mandatory, values }) => ({
  name: key,
  values: values.map((value) => value.code),
  mandatory,
}));

// CVSS v3.1 specification, section 6 ("Vector String"), table 15: base,
// temporal, environmental.
const v31Metrics: readonly MetricSpec[] = [
  required('AV', 'N A L P'),
  required('AC', 'L H'),
  required('PR', 'N L H'),
  required('UI', 'N R'),
  required('S', 'U C'),
  required('C', 'H L N'),
  required('I', 'H L N'),
  required('A', 'H L N'),
  optional('E', 'H F P U'),
  optional('RL', 'U W T O'),
  optional('RC', 'C R U'),
  optional('CR', 'H M L'),
  optional('IR', 'H M L'),
  optional('AR', 'H M L'),
  optional('MAV', 'N A L P'),
  optional('MAC', 'L H'),
  optional('MPR', 'N L H'),
  optional('MUI', 'N R'),
  optional('MS', 'U C'),
  optional('MC', 'H L N'),
  optional('MI', 'H L N'),
  optional('MA', 'H L N'),
];

const specs: Record<CvssVersion, readonly MetricSpec[]> = { '4.0': v4Metrics, '3.1': v31Metrics };

function fail(problem: string): never {
  throw new CvssError(`CVSS vector: ${problem}`);
}

/**
 * Checks every metric name and value, then returns the metrics in
 * specification order. Order in the input is not enforced: the v4.0 text is
 * ambiguous about it and real GHSA vectors exist with the impacts interleaved.
 */
function checkMetrics(version: CvssVersion, parts: readonly string[]): string[] {
  const spec = specs[version];
  const given = new Map<string, string>();
  for (const part of parts) {
    if (part === '') fail('empty metric (look for a doubled or trailing "/")');
    const pieces = part.split(':');
    const [name = '', value = ''] = pieces;
    if (pieces.length !== 2 || name === '' || value === '') fail(`"${part}" is not of the form METRIC:VALUE`);
    const metric = spec.find((m) => m.name === name);
    if (metric === undefined) {
      const known = spec.map((m) => m.name).join(', ');
      fail(`unknown metric ${name} for CVSS ${version} (known: ${known})`);
    }
    if (given.has(name)) fail(`metric ${name} appears more than once`);
    if (!metric.values.includes(value)) {
      fail(`metric ${name} has invalid value "${value}" (allowed: ${metric.values.join(', ')})`);
    }
    given.set(name, value);
  }
  const missing = spec.filter((m) => m.mandatory && !given.has(m.name)).map((m) => m.name);
  if (missing.length === 1) fail(`missing mandatory metric ${missing[0]}`);
  if (missing.length > 1) fail(`missing mandatory metrics ${missing.join(', ')}`);
  // "X" (Not Defined) means the same as leaving the metric out.
  return spec
    .filter((m) => given.has(m.name) && given.get(m.name) !== 'X')
    .map((m) => `${m.name}:${given.get(m.name)}`);
}

function versionOf(prefix: string): CvssVersion {
  if (prefix === 'CVSS:4.0') return '4.0';
  if (prefix === 'CVSS:3.1') return '3.1';
  if (prefix.startsWith('CVSS:'))
    return fail(`unsupported version "${prefix}" (supported: CVSS:4.0, CVSS:3.1)`);
  return fail(`must start with "CVSS:4.0/" or "CVSS:3.1/", found "${prefix}"`);
}

/** Parses, validates and scores a CVSS v4.0 or v3.1 vector; throws CvssError naming the problem. */
export function parseCvss(vector: string): CvssScore {
  const [prefix = '', ...parts] = vector.trim().split('/');
  const version = versionOf(prefix);
  if (parts.length === 0) fail(`no metrics after "${prefix}"`);
  const normalized = [prefix, ...checkMetrics(version, parts)].join('/');
  const scored =
    version === '4.0'
      ? new Cvss4P0(normalized).calculateScores().overall
      : new Cvss3P1(normalized).calculateScores().base;
  if (scored === undefined || !Number.isFinite(scored)) fail('could not be scored');
  const score = Math.round(scored * 10) / 10;
  return { version, vector: normalized, score, severity: severityOf(score) };
}

/**
 * The publish checklist's CVSS item: a valid v4.0 vector with a severity word
 * for the advisory. Returns what is wrong, or null when it is fine.
 */
export function validateCvssV4(vector: string): string | null {
  let parsed: CvssScore;
  try {
    parsed = parseCvss(vector);
  } catch (error) {
    if (error instanceof CvssError) return error.message;
    throw error;
  }
  if (parsed.version !== '4.0') {
    return `CVSS vector: publication needs a CVSS v4.0 vector (CVSS:4.0/...), this one is CVSS ${parsed.version}`;
  }
  if (parsed.severity === 'None') {
    return 'CVSS vector: scores 0.0 (no impact), so the advisory would have no severity; check the impact metrics';
  }
  return null;
}

/** FIRST's rating scale: None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. */
export function severityOf(score: number): Severity {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new CvssError(`CVSS score must be between 0.0 and 10.0, got ${score}`);
  }
  // Scores are defined to one decimal; rounding first keeps arithmetic noise
  // such as 6.9999999 in the band the score is meant to be in.
  const rounded = Math.round(score * 10) / 10;
  if (rounded >= 9) return 'Critical';
  if (rounded >= 7) return 'High';
  if (rounded >= 4) return 'Medium';
  if (rounded > 0) return 'Low';
  return 'None';
}

/** The GHSA `severity` field for a rating; GHSA has no word for None. */
export function ghsaSeverityOf(severity: Severity): GhsaSeverity | null {
  return severity === 'None' ? null : (severity.toLowerCase() as GhsaSeverity);
}

/** A report's severity for lists and filters: from its vector, null when it has none or one that does not score. */
export function severityOfVector(vector: string | null): Severity | null {
  if (vector === null) return null;
  try {
    return parseCvss(vector).severity;
  } catch (error) {
    if (error instanceof CvssError) return null;
    throw error;
  }
}
