// A report's words as the duplicate search compares them: lower-case letters and
// digits, split at everything else (`tarfile.extractall` is two words), the way
// PostgreSQL's 'simple' text search reads the same text once punctuation is spaces.

// Words every report uses, which say nothing about which vulnerability it is.
const stopwords = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can cannot could did do does doing down during each even few for from further had has
have having he her here hers him his how i if in into is it its itself just let like may me might more most
must my no nor not now of off on once only or other our ours out over own per same she should so some such
than that the their theirs them then there these they this those through to too under until up upon us very
via was we were what when where which while who whom why will with would you your yours
hi hello thanks thank regards dear best please team psrt report reports reported reporting found find issue
issues bug bugs vulnerability vulnerabilities vulnerable security python cpython version versions attacker
attackers allows allow allowed cause causes caused use used uses using code file files example following
e g eg ie etc lib py c h http https www com org github`.split(/\s+/),
);

/** The text's words, lower-case, in order: letters and digits, everything else a separator. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** A crude English stem, so "symlinks" and "symlinked" meet "symlink". */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ations?|ings?|ed|es|s)$/, '') || word;
}

const contentWord = (word: string): boolean =>
  word.length >= 3 && !stopwords.has(word) && !/^\d+$/.test(word);

/** The content words of the text, stemmed: what two reports of one vulnerability tend to share. */
export function termsOf(text: string): Set<string> {
  return new Set(wordsOf(text).filter(contentWord).map(stem));
}

/**
 * The words worth searching other reports for, most telling first: rare-looking
 * ones (long, or the parts of identifiers such as `_header_value_parser`)
 * before common ones. Letters and digits only, so safe in a text-search query.
 */
export function significantWords(text: string, max = 12): string[] {
  const counts = new Map<string, number>();
  for (const word of wordsOf(text)) {
    if (contentWord(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // Identifier parts (`extractall`, `simplecookie`) are long and repeated; prose words are short.
  const weight = (word: string, count: number) => Math.min(count, 3) * 2 + Math.min(word.length, 14);
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => weight(b, y) - weight(a, x) || a.localeCompare(b))
    .slice(0, max)
    .map(([word]) => word);
}
