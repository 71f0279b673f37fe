// CPython's versions as its release tags name them (`v3.13.0a1`, `v3.13.0rc2`, `v3.12.6`), in
// release order: the alphas, betas and release candidates of X.Y.0 come before X.Y.0 itself, and
// numbers compare as numbers (3.13.10 after 3.13.9). A series is `X.Y`, which is also the name
// of its maintenance branch.

export type ReleaseLevel = 'a' | 'b' | 'rc' | 'final';

export interface PythonVersion {
  major: number;
  minor: number;
  micro: number;
  level: ReleaseLevel;
  /** 1 for a1, b1, rc1; 0 for a final release. */
  serial: number;
}

const levels: readonly ReleaseLevel[] = ['a', 'b', 'rc', 'final'];
// The micro is optional because the oldest tags have none (`v3.0`, `v3.1a1`).
const versionPattern = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(a|b|rc)(\d+))?$/;

/** `3.13.0rc2` → its parts, or null for anything else (`3.13`, `2.5c1`, `3.13.0-dev`). */
export function parsePythonVersion(text: string): PythonVersion | null {
  const match = versionPattern.exec(text);
  if (!match) return null;
  const [, major, minor, micro, level, serial] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    micro: Number(micro ?? 0),
    level: (level as ReleaseLevel | undefined) ?? 'final',
    serial: Number(serial ?? 0),
  };
}

/** The version a release tag names (`v3.12.6` → 3.12.6), or null for any other tag. */
export function versionOfTag(tag: string): PythonVersion | null {
  return tag.startsWith('v') ? parsePythonVersion(tag.slice(1)) : null;
}

/** How CPython writes the version: `3.12.6`, `3.14.0a1`, `3.13.0rc2`. */
export function formatPythonVersion(version: PythonVersion): string {
  const base = `${version.major}.${version.minor}.${version.micro}`;
  return version.level === 'final' ? base : `${base}${version.level}${version.serial}`;
}

/** Negative when `a` was released before `b` (in version order), 0 when they are the same version. */
export function comparePythonVersions(a: PythonVersion, b: PythonVersion): number {
  return (
    a.major - b.major ||
    a.minor - b.minor ||
    a.micro - b.micro ||
    levels.indexOf(a.level) - levels.indexOf(b.level) ||
    a.serial - b.serial
  );
}

export interface Series {
  major: number;
  minor: number;
}

/** A series or maintenance branch name, `3.12` → {3, 12}; null for `main` or anything else. */
export function parseSeries(name: string): Series | null {
  const match = /^(\d+)\.(\d+)$/.exec(name);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

export const formatSeries = (series: Series): string => `${series.major}.${series.minor}`;

export const compareSeries = (a: Series, b: Series): number => a.major - b.major || a.minor - b.minor;

export const inSeries = (version: PythonVersion, series: Series): boolean =>
  version.major === series.major && version.minor === series.minor;

/**
 * The series `main` is developing: the one after the newest maintenance branch, since CPython
 * branches X.Y off main at X.Y.0b1 and main moves on to X.(Y+1). Null without any X.Y branch.
 */
export function mainSeries(branches: readonly string[]): Series | null {
  const newest = branches
    .map(parseSeries)
    .filter((s): s is Series => s !== null)
    .sort(compareSeries)
    .at(-1);
  return newest ? { major: newest.major, minor: newest.minor + 1 } : null;
}
