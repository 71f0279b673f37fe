// Which earlier reports or security@ threads a new one may duplicate: the same
// reporter, the same repository and module, wording or terms in common. Pure
// ranking over candidates the store found; the reasons say why in words.
import { mentionedModules } from './python-modules.ts';
import { stem, termsOf, wordsOf } from './report-words.ts';

export interface SimilarItem {
  /** `owner/name`; null for mail not yet tied to a repository. */
  repository: string | null;
  title: string;
  text: string;
  /** Emails and/or GitHub logins, lower-cased. */
  reporters: string[];
  receivedAt: Date;
}

export interface SimilarCandidate extends SimilarItem {
  kind: 'report' | 'thread';
  id: string;
}

export interface Suggestion {
  kind: 'report' | 'thread';
  id: string;
  /** 0 to 1. */
  score: number;
  reasons: string[];
}

/** Below this a candidate is not suggested: the same module alone stays under it. */
export const SUGGESTION_THRESHOLD = 0.4;

const SHINGLE = 3;

function shingles(words: string[]): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) set.add(words.slice(i, i + SHINGLE).join(' '));
  return set;
}

const intersection = <T>(a: Set<T>, b: Set<T>): T[] => [...a].filter((x) => b.has(x));

/** Everything about an item the ranking compares, computed once per item. */
interface Profile {
  item: SimilarItem;
  shingles: Set<string>;
  terms: Set<string>;
  modules: Set<string>;
}

function profile(item: SimilarItem): Profile {
  const text = `${item.title}\n${item.text}`;
  return {
    item,
    shingles: shingles(wordsOf(text).map(stem)),
    terms: termsOf(text),
    modules: new Set(mentionedModules(text)),
  };
}

const DAY = 86_400_000;
const percent = (x: number) => `${Math.round(x * 100)}%`;

function compare(a: Profile, b: Profile): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const sameReporter = a.item.reporters.some((r) => b.item.reporters.includes(r));
  if (sameReporter) {
    score += 0.3;
    reasons.push('same reporter');
  }
  // Wording: how much of the shorter text is in the longer one (a mail pasted into a GHSA).
  const shared = intersection(a.shingles, b.shingles).length;
  const smaller = Math.min(a.shingles.size, b.shingles.size);
  // Short texts share a stock phrase ("found in a fuzzing run") by chance: under 20 shingles count as 20.
  const wording = smaller === 0 ? 0 : shared / Math.max(smaller, 20);
  if (wording >= 0.2) reasons.push(`${percent(wording)} of the wording in common`);
  score += 0.6 * wording;
  // Terms: the content words (identifiers, module and function names) two independent reporters share.
  const common = intersection(a.terms, b.terms);
  const union = a.terms.size + b.terms.size - common.length;
  const terms = union === 0 ? 0 : common.length / union;
  score += 0.9 * terms;
  if (terms >= 0.15 && wording < 0.5) reasons.push(`${percent(terms)} of the terms in common`);
  const sameRepository =
    a.item.repository === null || b.item.repository === null || a.item.repository === b.item.repository;
  const modules = intersection(a.modules, b.modules);
  if (sameRepository && modules.length > 0) {
    score += 0.15;
    const where = a.item.repository && b.item.repository ? 'same repository and ' : '';
    reasons.push(`${where}module ${modules.map((m) => `\`${m}\``).join(', ')}`);
  } else if (a.item.repository !== null && a.item.repository === b.item.repository) {
    score += 0.05;
  }
  // Two projects' reports, or two modules' (`zlib` and `bz2`), are rarely one vulnerability.
  if (!sameRepository) score *= 0.5;
  else if (modules.length === 0 && a.modules.size > 0 && b.modules.size > 0) score *= 0.6;
  const apart = Math.abs(a.item.receivedAt.getTime() - b.item.receivedAt.getTime()) / DAY;
  if (apart <= 14 && score > 0) {
    score += 0.05;
    const days = Math.round(apart);
    reasons.push(days === 0 ? 'received the same day' : `received ${days} day${days === 1 ? '' : 's'} apart`);
  }
  return { score: Math.min(1, score), reasons };
}

/**
 * The candidates that may be the same vulnerability as `item`, most likely first,
 * those under `threshold` left out.
 */
export function similarReports(
  item: SimilarItem,
  candidates: readonly SimilarCandidate[],
  options: { threshold?: number; limit?: number } = {},
): Suggestion[] {
  const threshold = options.threshold ?? SUGGESTION_THRESHOLD;
  const mine = profile(item);
  return candidates
    .map((candidate) => ({ candidate, ...compare(mine, profile(candidate)) }))
    .filter(({ score }) => score >= threshold)
    .sort((x, y) => y.score - x.score || x.candidate.id.localeCompare(y.candidate.id))
    .slice(0, options.limit ?? 10)
    .map(({ candidate, score, reasons }) => ({
      kind: candidate.kind,
      id: candidate.id,
      score: Math.round(score * 100) / 100,
      reasons,
    }));
}
