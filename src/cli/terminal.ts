// Text from outside (report titles and descriptions, names, logins, reasons,
// file contents in error messages) printed on a terminal: control characters
// would let it move the cursor, rewrite earlier lines, retitle the window or
// reorder what is shown, so they are printed as visible escapes instead.

/**
 * Control characters (C0, DEL and C1, U+0080–U+009F, which some terminals
 * obey as escapes), the line and paragraph separators, and the bidirectional
 * overrides and isolates that reorder the text around them.
 */
const unsafe = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const unsafeInLines = /(?![\t\n])[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Untrusted text as it may be printed: every control character shown as
 * `\xNN` (or `\uNNNN`). `multiline` keeps line breaks (a CRLF as one) and
 * tabs, for fields that are several lines by nature (a description, a list of
 * problems); anywhere else a line break would let the text pose as another
 * line of output.
 */
export function terminalText(text: string, options: { multiline?: boolean } = {}): string {
  return options.multiline
    ? text.replace(/\r\n/g, '\n').replace(unsafeInLines, visible)
    : text.replace(unsafe, visible);
}

/**
 * A value as --json output. JSON.stringify already escapes C0 controls and ESC;
 * the rest of what `terminalText` escapes is written as `\uNNNN`, which any
 * JSON reader turns back into the same character.
 */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
