import { describe, expect, it } from 'vitest';
import {
  comparePythonVersions,
  formatPythonVersion,
  mainSeries,
  type PythonVersion,
  parsePythonVersion,
  parseSeries,
  versionOfTag,
} from '../../src/domain/python-versions.ts';

const v = (text: string): PythonVersion => {
  const parsed = parsePythonVersion(text);
  if (!parsed) throw new Error(`not a version: ${text}`);
  return parsed;
};

describe('Python versions', () => {
  it('orders a series as it is released: alphas, betas, release candidates, X.Y.0, then bugfix releases', () => {
    const released = [
      '3.13.0a1',
      '3.13.0a6',
      '3.13.0b1',
      '3.13.0b4',
      '3.13.0rc1',
      '3.13.0rc3',
      '3.13.0',
      '3.13.1',
      '3.13.9',
      '3.13.10',
    ];
    const shuffled = [...released].reverse();
    expect(shuffled.sort((a, b) => comparePythonVersions(v(a), v(b)))).toEqual(released);
  });

  it('orders series by number, not text: 3.9 before 3.10, and a later series after every release of an earlier one', () => {
    expect(comparePythonVersions(v('3.9.20'), v('3.10.0a1'))).toBeLessThan(0);
    expect(comparePythonVersions(v('3.12.9'), v('3.13.0a1'))).toBeLessThan(0);
    expect(comparePythonVersions(v('3.12.6'), v('3.12.6'))).toBe(0);
  });

  it('reads release tags (`v3.12.6`, `v3.14.0a1`, and the oldest without a micro) and nothing else', () => {
    expect(versionOfTag('v3.14.0a1')).toEqual({ major: 3, minor: 14, micro: 0, level: 'a', serial: 1 });
    expect(versionOfTag('v3.0')).toEqual({ major: 3, minor: 0, micro: 0, level: 'final', serial: 0 });
    for (const tag of ['3.12.6', 'v2.5c1', 'v3.13.0-dev', 'legacy-trunk', 'v3.12.6.1', 'v3']) {
      expect(versionOfTag(tag)).toBeNull();
    }
  });

  it('writes versions as CPython does', () => {
    expect(['3.12.6', '3.14.0a1', '3.13.0rc2'].map((text) => formatPythonVersion(v(text)))).toEqual([
      '3.12.6',
      '3.14.0a1',
      '3.13.0rc2',
    ]);
    expect(formatPythonVersion(v('3.1'))).toBe('3.1.0');
  });

  it('main develops the series after the newest maintenance branch', () => {
    expect(mainSeries(['2.7', '3.9', '3.13', '3.14', 'main', 'backport-1234567-3.13'])).toEqual({
      major: 3,
      minor: 15,
    });
    expect(mainSeries(['main'])).toBeNull();
    expect(parseSeries('main')).toBeNull();
  });
});
