import { describe, expect, it } from 'vitest';
import {
  CvssError,
  cvssV4Metrics,
  ghsaSeverityOf,
  parseCvss,
  severityOf,
  validateCvssV4,
} from '../../src/domain/cvss.ts';

const base4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

describe('CVSS v4.0 scores match FIRST', () => {
  // Scores cross-checked against FIRST's reference calculator
  // (RedHatProductSecurity/cvss-v4-calculator, cvss40.js), which the
  // first.org v4.0 calculator runs.
  it.each([
    [base4, 9.3, 'Critical'],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5, 'High'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10, 'Critical'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 8.7, 'High'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 6.9, 'Medium'],
    ['CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 1.8, 'Low'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0, 'None'],
  ])('%s scores %d (%s)', (vector, score, severity) => {
    expect(parseCvss(vector)).toEqual({ version: '4.0', vector, score, severity });
  });

  it("FIRST's CVSS v4.0 Examples: CVE-2022-41741 (nginx mp4 module) scores CVSS-B 7.3 High", () => {
    const vector = 'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(parseCvss(vector)).toEqual({ version: '4.0', vector, score: 7.3, severity: 'High' });
  });

  it('threat metrics lower the score: unreported exploitation turns 9.3 into 8.1 (CVSS-BT)', () => {
    expect(parseCvss(`${base4}/E:U`)).toMatchObject({ score: 8.1, severity: 'High' });
  });

  it('environmental and supplemental metrics are accepted and scored', () => {
    const vector = `${base4}/CR:H/IR:H/AR:H/MAV:A/MSI:S/S:P/AU:Y/R:U/V:C/RE:H/U:Red`;
    expect(parseCvss(vector)).toEqual({ version: '4.0', vector, score: 9.7, severity: 'Critical' });
  });

  it('a PSF CNA vector that spells out every Not Defined metric is normalized to the short form', () => {
    // CVE-2026-4360 (CPython tarfile hardlink filter), as published with all metrics.
    const published =
      'CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:P/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X' +
      '/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X';
    expect(parseCvss(published)).toEqual({
      version: '4.0',
      vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:P/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N',
      score: 2,
      severity: 'Low',
    });
  });

  it('metrics out of specification order (as some GHSA vectors are) are put back in order', () => {
    const interleaved = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N';
    expect(parseCvss(interleaved).vector).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    );
  });
});

describe('CVSS v3.1 base scores match FIRST', () => {
  // Vectors from FIRST's "CVSS v3.1: Examples"; scores also recomputed by hand
  // with the v3.1 specification's formulas.
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'Critical'], // Shellshock
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'Medium'], // phpMyAdmin reflected XSS
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'High'], // Heartbleed
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4, 'Medium'], // MySQL stored SQL injection
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1, 'Low'], // POODLE
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9, 'Critical'], // VMware guest to host escape
    ['CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L', 4.2, 'Medium'], // Tomcat XML parser
  ])('%s scores %d (%s)', (vector, score, severity) => {
    expect(parseCvss(vector)).toEqual({ version: '3.1', vector, score, severity });
  });

  it('temporal and environmental metrics are validated but the score stays the base score GHSA reports', () => {
    const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:F/RL:O/RC:C/CR:H/MAV:L';
    expect(parseCvss(vector)).toEqual({ version: '3.1', vector, score: 6.1, severity: 'Medium' });
  });

  it('Not Defined temporal metrics are dropped from the normalized vector', () => {
    const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X';
    expect(parseCvss(vector).vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  });
});

describe('a malformed vector is refused with the problem named', () => {
  const refused = (vector: string) => () => parseCvss(vector);

  it.each([
    [
      'CVSS:4.0/AV:Q/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'metric AV has invalid value "Q" (allowed: N, A, L, P)',
    ],
    ['CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'missing mandatory metric AT'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H', 'missing mandatory metrics SC, SI, SA'],
    [`${base4}/AV:L`, 'metric AV appears more than once'],
    [`${base4}/XY:Z`, 'unknown metric XY for CVSS 4.0'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'metric S has invalid value "U"'],
    ['CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unknown metric AT for CVSS 3.1'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:P/S:U/C:H/I:H/A:H', 'metric UI has invalid value "P" (allowed: N, R)'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unsupported version "CVSS:3.0"'],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 'must start with "CVSS:4.0/" or "CVSS:3.1/"'],
    [`${base4}/`, 'empty metric'],
    [`${base4}/E`, '"E" is not of the form METRIC:VALUE'],
    ['CVSS:4.0/av:n/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'unknown metric av'],
    ['CVSS:4.0', 'no metrics after "CVSS:4.0"'],
    ['', 'must start with'],
  ])('%s', (vector, problem) => {
    expect(refused(vector)).toThrow(CvssError);
    expect(refused(vector)).toThrow(problem);
  });

  it('messages start with "CVSS vector:" so a checklist can show them as they are', () => {
    expect(refused(`${base4}/E:Z`)).toThrow(
      'CVSS vector: metric E has invalid value "Z" (allowed: X, A, P, U)',
    );
  });
});

describe('the publish checklist accepts only a CVSS v4.0 vector with a severity', () => {
  it('a valid v4.0 vector passes', () => {
    expect(validateCvssV4(base4)).toBeNull();
  });

  it('a v3.1 vector is not enough to publish', () => {
    expect(validateCvssV4('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatch(
      /needs a CVSS v4\.0 vector/,
    );
  });

  it('an invalid vector reports what is wrong', () => {
    expect(validateCvssV4('CVSS:4.0/AV:N')).toMatch(/^CVSS vector: missing mandatory metrics AC, AT/);
  });

  it('a vector without any impact (0.0, no severity word) is refused', () => {
    expect(validateCvssV4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatch(/0\.0/);
  });
});

describe('severity bands are exactly those of the FIRST rating scale', () => {
  it.each([
    [0, 'None'],
    [0.1, 'Low'],
    [3.9, 'Low'],
    [4.0, 'Medium'],
    [6.9, 'Medium'],
    [7.0, 'High'],
    [8.9, 'High'],
    [9.0, 'Critical'],
    [10, 'Critical'],
  ] as const)('%d is %s', (score, severity) => {
    expect(severityOf(score)).toBe(severity);
  });

  it('arithmetic noise does not push a score into the band below', () => {
    expect(severityOf(6.999999999)).toBe('High');
    expect(severityOf(0.1 + 0.2 + 3.6)).toBe('Low'); // 3.9000000000000004
  });

  it.each([-0.1, 10.1, Number.NaN])('%d is not a CVSS score', (score) => {
    expect(() => severityOf(score)).toThrow(CvssError);
  });

  // Real vectors on each side of each band edge, scored by FIRST's reference calculator.
  it.each([
    ['CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:P/VC:L/VI:L/VA:L/SC:L/SI:N/SA:N/E:U', 0.1, 'Low'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:N/SA:N/E:U', 3.9, 'Low'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:H/SI:N/SA:N', 4.0, 'Medium'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 6.9, 'Medium'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N', 7.0, 'High'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:H/SI:N/SA:N', 8.9, 'High'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:H/SC:H/SI:N/SA:N', 9.0, 'Critical'],
    ['CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:L', 3.9, 'Low'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:L/I:N/A:N', 4.0, 'Medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:H/I:L/A:N', 6.9, 'Medium'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:L', 7.0, 'High'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:L', 8.9, 'High'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 9.0, 'Critical'],
  ])('%s scores %d (%s)', (vector, score, severity) => {
    expect(parseCvss(vector)).toMatchObject({ score, severity });
  });

  it('GHSA gets the lower-case severity word, and none for a 0.0 score', () => {
    expect(ghsaSeverityOf('Critical')).toBe('critical');
    expect(ghsaSeverityOf('High')).toBe('high');
    expect(ghsaSeverityOf('Medium')).toBe('medium');
    expect(ghsaSeverityOf('Low')).toBe('low');
    expect(ghsaSeverityOf('None')).toBeNull();
  });
});

describe("the v4.0 metrics as FIRST names them (the calculator's radios)", () => {
  it('every value of every metric the calculator offers is accepted and scored when picked on a base vector', () => {
    for (const metric of cvssV4Metrics) {
      for (const value of metric.values) {
        const vector = metric.mandatory
          ? base4.replace(new RegExp(`/${metric.key}:[A-Z]+`), `/${metric.key}:${value.code}`)
          : `${base4}/${metric.key}:${value.code}`;
        expect(vector, `${metric.key}:${value.code}`).toContain(`/${metric.key}:${value.code}`);
        expect(parseCvss(vector).score, `${metric.key}:${value.code}`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('they are the 32 metrics of the specification, base metrics mandatory and named, the others Not Defined first', () => {
    expect(cvssV4Metrics).toHaveLength(32);
    expect(cvssV4Metrics.filter((m) => m.mandatory).map((m) => `${m.name} (${m.key})`)).toEqual([
      'Attack Vector (AV)',
      'Attack Complexity (AC)',
      'Attack Requirements (AT)',
      'Privileges Required (PR)',
      'User Interaction (UI)',
      'Confidentiality (VC)',
      'Integrity (VI)',
      'Availability (VA)',
      'Confidentiality (SC)',
      'Integrity (SI)',
      'Availability (SA)',
    ]);
    expect(cvssV4Metrics.find((m) => m.key === 'AV')?.values.map((v) => v.name)).toEqual([
      'Network',
      'Adjacent',
      'Local',
      'Physical',
    ]);
    for (const metric of cvssV4Metrics.filter((m) => !m.mandatory)) {
      expect(metric.values[0], metric.key).toEqual({ code: 'X', name: 'Not Defined' });
    }
  });
});
