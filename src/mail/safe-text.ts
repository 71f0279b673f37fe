// What a sender controls and psrt shows or saves, made safe: attachment names
// that cannot climb out of a folder or disguise their type, and one-line
// header texts (subject, names) without line breaks or direction tricks.

/** Control characters, and the invisible format characters that reorder or hide text (RLO, LRI, zero-width…). */
const invisible = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** Characters Windows refuses in a file name (and `/`, `\` that would make it a path). */
const reservedInName = /[<>:"|?*/\\]/g;
/** Device names Windows treats specially whatever the extension. */
const windowsDevice = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
/** A long name is cut to this many UTF-8 bytes, well under every file system's limit of 255. */
const maxNameBytes = 150;
/** An extension longer than this is not worth keeping when a long name is cut. */
const maxExtensionLength = 16;

/**
 * An attachment's name safe to show and to save: the last component of any
 * path (so `../../etc/passwd` is `passwd`), without control or bidirectional
 * characters, Windows-reserved characters, runs of dots or leading dots,
 * at most 150 UTF-8 bytes with its extension kept, and `attachment-N`
 * (`position`, from 1) when nothing is left.
 */
export function safeFilename(name: string | null | undefined, position: number): string {
  const fallback = `attachment-${position}`;
  if (typeof name !== 'string' || name === '') return fallback;
  const lastComponent =
    name
      .normalize('NFKC')
      .replace(invisible, '')
      .split(/[/\\]/)
      .filter((part) => part.trim() !== '')
      .pop() ?? '';
  let safe = lastComponent
    .replace(reservedInName, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+/, '')
    // Windows drops trailing dots and spaces, so `evil.exe.` would open as `evil.exe`.
    .replace(/[\s.]+$/, '');
  if (windowsDevice.test(safe)) safe = `_${safe}`;
  safe = capBytes(safe, maxNameBytes);
  return safe === '' ? fallback : safe;
}

/** Cuts the name's stem so the whole fits in `max` UTF-8 bytes, keeping a short extension. */
function capBytes(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= maxExtensionLength ? name.slice(dot) : '';
  const stem = extension ? name.slice(0, dot) : name;
  let budget = max - Buffer.byteLength(extension);
  let cut = '';
  // By code point, so a cut never splits a character (or a surrogate pair) in two.
  for (const char of stem) {
    budget -= Buffer.byteLength(char);
    if (budget < 0) break;
    cut += char;
  }
  return cut.replace(/[\s.]+$/, '') + extension;
}

/**
 * A header text (subject, display name) as one line: decoded line breaks and
 * other control characters become spaces (a Subject encoded with CR LF cannot
 * pose as more headers), direction-changing characters are dropped, and runs
 * of space collapse.
 */
export function oneLine(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A body text fit to store and show: line ends as `\n`, and no control
 * characters but tab and newline (a NUL, which PostgreSQL cannot store in
 * text, least of all).
 */
export function bodyText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/(?![\t\n])\p{Cc}/gu, '');
}
