// Untrusted text on the terminal: escape sequences and control characters in
// a report's fields are shown, never obeyed.
import { describe, expect, it } from 'vitest';
import { jsonText, terminalText } from '../../src/cli/terminal.ts';

describe('text printed on a terminal', () => {
  it('shows an escape sequence as text instead of sending it to the terminal', () => {
    expect(terminalText('\u001b[2J\u001b]0;pwned\u0007title')).toBe('\\x1b[2J\\x1b]0;pwned\\x07title');
  });

  it('shows C1 controls, DEL and bidirectional overrides as escapes', () => {
    expect(terminalText('a\u009b31mb\u007fc\u202ed\u2066e')).toBe('a\\x9b31mb\\x7fc\\u202ed\\u2066e');
  });

  it('keeps a one-line field on one line: a line break or carriage return is shown, not obeyed', () => {
    expect(terminalText('title\nPSRT-2026-0002 triage\rfake')).toBe(
      'title\\x0aPSRT-2026-0002 triage\\x0dfake',
    );
  });

  it('keeps the lines and tabs of a multi-line field, with CRLF read as a line break', () => {
    expect(terminalText('line 1\r\n\tline 2\n\u001b[1mline 3', { multiline: true })).toBe(
      'line 1\n\tline 2\n\\x1b[1mline 3',
    );
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    const text = 'Łukasz Langa: zipfile — heap overflow 🐍';
    expect(terminalText(text)).toBe(text);
  });
});

describe('--json output', () => {
  it('escapes every control character and still reads back as the same value', () => {
    const value = { title: '\u001b[31mred\u009b\u202e\u0000' };
    const text = jsonText(value);
    // Pretty-printing puts line breaks between fields; inside the values there is no control character left.
    expect(text.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
    expect(JSON.parse(text)).toEqual(value);
  });
});
