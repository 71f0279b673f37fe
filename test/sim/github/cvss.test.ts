// The simulator scores cvss_vector_string itself (ae-cvss-calculator, not psrt's parser), so these
// are the scores and refusals GitHub gives, checked against FIRST's published scores.
import { describe, expect, it } from 'vitest';
import { scoreVector } from '../../../sim/github/cvss.ts';

describe("the GitHub simulator's CVSS vectors", () => {
  it('scores v4.0 and v3.1 vectors as FIRST does and derives the severity band', () => {
    const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(scoreVector(v4)).toEqual({
      version: 'v4',
      entry: { vector: v4, score: 9.3 },
      severity: 'critical',
    });
    const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N';
    expect(scoreVector(v31)).toEqual({
      version: 'v3',
      entry: { vector: v31, score: 6.5 },
      severity: 'medium',
    });
    expect(scoreVector('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N').severity).toBe('medium');
    expect(scoreVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H').entry.score).toBe(10);
  });

  it('keeps a CVSS 3.0 vector as given and scores it like 3.1', () => {
    const v30 = ' CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H ';
    expect(scoreVector(v30)).toEqual({
      version: 'v3',
      entry: { vector: v30.trim(), score: 9.8 },
      severity: 'critical',
    });
  });

  it('gives a 0.0 score no severity', () => {
    expect(scoreVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toMatchObject({
      entry: { score: 0 },
      severity: null,
    });
  });

  it.each([
    ['missing base metrics', 'CVSS:4.0/AV:X', /base metrics are incomplete/],
    ['only one metric', 'CVSS:3.1/AV:N', /base metrics are incomplete/],
    ['a base metric Not Defined', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X', /incomplete/],
    ['an unknown metric', 'CVSS:3.1/FOO:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /FOO/],
    ['an unknown value', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /Q/],
    ['a v4.0 metric in a v3.1 vector', 'CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H', /AT/],
    ['a metric given twice', 'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /more than once/],
    ['an empty metric', 'CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /METRIC:VALUE/],
    ['CVSS v2', 'CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C', /unsupported version/],
    ['no prefix', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /unsupported version/],
  ])('refuses a vector with %s, saying what is wrong', (_, vector, message) => {
    expect(() => scoreVector(vector)).toThrow(message);
  });
});
