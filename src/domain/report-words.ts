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

// Code in prose: dotted names, calls, backquoted names, _private and CamelCase identifiers.
const codeLike =
  /`[^`\n]{1,60}`|\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|\b[A-Za-z_]\w*(?=\()|\b_\w+|\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*/g;

/**
 * The words worth searching other reports for, most telling first: the parts of
 * names in code (`tarfile.extractall`, `_header_value_parser`, `SimpleCookie`),
 * then the title's words, then long or repeated ones. Letters and digits only, so
 * safe in a text-search query.
 */
export function significantWords(text: string, max = 8, title = ''): string[] {
  const code = new Set((text.match(codeLike) ?? []).flatMap((name) => wordsOf(name)));
  const titled = new Set(wordsOf(title));
  const counts = new Map<string, number>();
  for (const word of wordsOf(`${title}\n${text}`)) {
    if (contentWord(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const weight = (word: string, count: number) =>
    (code.has(word) ? 20 : 0) +
    (titled.has(word) ? 10 : 0) +
    Math.min(count, 3) +
    Math.min(word.length, 12) / 2;
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => weight(b, y) - weight(a, x) || a.localeCompare(b))
    .slice(0, max)
    .map(([word]) => word);
}
