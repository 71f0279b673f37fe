// The Python versions a report says were tested ("3.12.4", "Python 3.13",
// "py3.11", "main"), read from free text. Pure; the policy checklist decides
// what they mean against the branches' statuses.
import { type PythonVersion, parsePythonVersion } from './python-versions.ts';

/** One version a report names: a release, a series, or the `main` branch. */
export interface NamedVersion {
  /** As written, normalised: `3.12.4`, `3.13`, `3.14.0b2`, `main`. */
  text: string;
  /** `3.12` (the series), or `main`. */
  series: string;
  /** An alpha, beta or release candidate, or the `main` branch: not yet stable. */
  prerelease: boolean;
}

const version = String.raw`3\.\d{1,2}(?:\.\d{1,2})?(?:(?:a|b|rc)\d{1,2})?`;
// A bare X.Y.Z is a version on its own; X.Y only after a word that makes it one ("Python 3.13").
// Digits or dots either side would make it part of an address or another number (10.3.12.4).
const fullRelease = /(?<![\d.\w])3\.\d{1,2}\.\d{1,2}(?:(?:a|b|rc)\d{1,2})?(?![\d]|\.\d)/g;
const afterWord = new RegExp(
  String.raw`(?:\bc?python\s*|\bpy|\bversions?\s*:?\s*|\bv)(${version})((?:\s*(?:,|/|&|\band\b|\bor\b|\bthrough\b|\bto\b)\s*(?:v?${version}|main\b))*)(?![\d]|\.\d)`,
  'gi',
);
const listed = new RegExp(`v?(${version})`, 'g');
// `main` as CPython's branch, not "the main problem" or "on main thread".
const mainBranch =
  /(?:`main`|\bmain\s+branch\b|\b(?:on|against|of|current|latest|tested|and|or|,)\s+main\b(?!\s+(?:thread|function|loop|module|page|process|window|menu|entry|program|script|purpose|point|issue|problem|concern|reason|idea))|\bmain\s*\((?:3\.\d+|[0-9a-f]{7,40})|\bHEAD of main\b)/i;

function named(text: string): NamedVersion | null {
  const parsed: PythonVersion | null = parsePythonVersion(text);
  const series = /^3\.\d{1,2}/.exec(text)?.[0];
  if (!series) return null;
  const prerelease = parsed !== null && parsed.level !== 'final' && /[abrc]\d/.test(text);
  return { text, series, prerelease };
}

/** The versions the text names, each once, in order of first mention. */
export function namedVersions(text: string): NamedVersion[] {
  const found: NamedVersion[] = [];
  const add = (v: NamedVersion | null) => {
    if (v && !found.some((f) => f.text === v.text)) found.push(v);
  };
  for (const match of text.matchAll(afterWord)) {
    add(named(match[1] ?? ''));
    for (const more of (match[2] ?? '').matchAll(listed)) add(named(more[1] ?? ''));
  }
  for (const match of text.matchAll(fullRelease)) add(named(match[0]));
  if (mainBranch.test(text)) {
    found.push({ text: 'main', series: 'main', prerelease: true });
  }
  return found;
}
