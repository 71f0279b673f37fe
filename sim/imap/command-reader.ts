// Reads a client's commands off the socket (RFC 3501 §2.2.1, §4): lines ending in CRLF, with
// `{n}` literals in between (the client waits for our "+" before sending the n bytes; `{n+}`
// does not), and turns each into its tag, name and arguments.

/** An argument as the client wrote it: an atom, a string (quoted or literal), NIL, or a parenthesised list. */
export type Token =
  | { kind: 'atom'; value: string }
  | { kind: 'string'; value: Buffer }
  | { kind: 'nil' }
  | { kind: 'list'; items: Token[] };

export interface Command {
  tag: string;
  /** Upper case; `UID FETCH` and the like are one name. */
  name: string;
  args: Token[];
}

/** A line answering a continuation request ("+"), as sent. */
export interface RawLine {
  line: string;
}

/** A command line that could not be read; answered with BAD (tagged when the tag could be read). */
export class CommandSyntaxError extends Error {
  constructor(
    message: string,
    readonly tag: string | null,
  ) {
    super(message);
  }
}

const maxLine = 64 * 1024;
/** No command here takes a large literal (mail arrives through `deliver`, not APPEND). */
const maxLiteral = 64 * 1024;
// A literal stands in the line as NUL, its number, NUL: NUL cannot occur in a command line.
const literalMark = /\0(\d+)\0/y;

/**
 * Frames commands as bytes arrive. `next` answers the next complete command (or the error of one
 * that could not be read), one at a time so that a command can change how the next line is read;
 * `continuation` is called when the client waits for "+" to send a literal.
 */
export function createCommandReader(continuation: () => void) {
  let pending: Buffer = Buffer.alloc(0);
  let text = '';
  const literals: Buffer[] = [];
  let literalLength: number | null = null;
  let rawLine = false;

  const take = (): Command | CommandSyntaxError | RawLine | null => {
    if (literalLength !== null) {
      if (pending.length < literalLength) return null;
      literals.push(pending.subarray(0, literalLength));
      text += `\0${literals.length - 1}\0`;
      pending = pending.subarray(literalLength);
      literalLength = null;
    }
    const end = pending.indexOf('\r\n');
    if (end < 0) {
      if (pending.length + text.length > maxLine)
        return reset(new CommandSyntaxError('Command line too long', null));
      return null;
    }
    const line = pending.subarray(0, end).toString('latin1');
    pending = pending.subarray(end + 2);
    if (rawLine) {
      rawLine = false;
      return { line };
    }
    const literal = /\{(\d+)(\+?)\}$/.exec(line);
    if (literal) {
      text += line.slice(0, literal.index);
      const length = Number(literal[1]);
      if (length > maxLiteral) return reset(new CommandSyntaxError('Literal too large', tagOf(text)));
      literalLength = length;
      if (literal[2] !== '+') continuation();
      return take();
    }
    const whole = text + line;
    const values = literals.splice(0);
    text = '';
    try {
      return parseCommand(whole, values);
    } catch (error) {
      return error instanceof CommandSyntaxError
        ? error
        : new CommandSyntaxError(String(error), tagOf(whole));
    }
  };
  const reset = (error: CommandSyntaxError): CommandSyntaxError => {
    text = '';
    literals.length = 0;
    literalLength = null;
    pending = Buffer.alloc(0);
    return error;
  };

  return {
    /** The complete commands in what has arrived so far; call again after answering each. */
    next(chunk?: Buffer): Command | CommandSyntaxError | RawLine | null {
      if (chunk) pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      return take();
    },
    /** The next line is a reply to our "+" (an AUTHENTICATE exchange), not a command. */
    expectLine() {
      rawLine = true;
    },
  };
}

const tagOf = (line: string): string | null => /^([^\s(){%*"\\\0]+) /.exec(line)?.[1] ?? null;

export function parseCommand(line: string, literals: Buffer[] = []): Command {
  const tag = tagOf(line);
  if (!tag) throw new CommandSyntaxError('Expected a tag, a space and a command', null);
  let at = tag.length + 1;
  const word = /[A-Za-z]+/y;
  word.lastIndex = at;
  const first = word.exec(line);
  if (!first) throw new CommandSyntaxError('Expected a command name', tag);
  let name = first[0].toUpperCase();
  at = word.lastIndex;
  if (name === 'UID') {
    word.lastIndex = at + 1;
    const second = line[at] === ' ' ? word.exec(line) : null;
    if (!second) throw new CommandSyntaxError('UID must be followed by COPY, FETCH, SEARCH or STORE', tag);
    name = `UID ${second[0].toUpperCase()}`;
    at = word.lastIndex;
  }
  const { items, end } = parseTokens(line, at, literals, tag, false);
  if (end !== line.length) throw new CommandSyntaxError('Unexpected ")"', tag);
  return { tag, name, args: items };
}

function parseTokens(
  line: string,
  start: number,
  literals: Buffer[],
  tag: string,
  inList: boolean,
): { items: Token[]; end: number } {
  const items: Token[] = [];
  let at = start;
  while (at < line.length) {
    if (line[at] === ')') {
      if (!inList) break;
      return { items, end: at + 1 };
    }
    // Arguments are separated by one space; a list opens or closes without one.
    if (items.length > 0 || !inList) {
      if (line[at] !== ' ') throw new CommandSyntaxError('Expected a space between arguments', tag);
      at += 1;
    }
    const char = line[at];
    if (char === '(') {
      const list = parseTokens(line, at + 1, literals, tag, true);
      items.push({ kind: 'list', items: list.items });
      at = list.end;
    } else if (char === '"') {
      const { value, end } = quoted(line, at, tag);
      items.push({ kind: 'string', value: Buffer.from(value, 'latin1') });
      at = end;
    } else if (char === '\0') {
      literalMark.lastIndex = at;
      const mark = literalMark.exec(line);
      const literal = mark ? literals[Number(mark[1])] : undefined;
      if (!mark || !literal) throw new CommandSyntaxError('Malformed literal', tag);
      items.push({ kind: 'string', value: literal });
      at = literalMark.lastIndex;
    } else {
      const end = atomEnd(line, at);
      if (end === at) throw new CommandSyntaxError('Expected an argument', tag);
      const value = line.slice(at, end);
      items.push(value.toUpperCase() === 'NIL' ? { kind: 'nil' } : { kind: 'atom', value });
      at = end;
    }
  }
  if (inList) throw new CommandSyntaxError('Missing ")"', tag);
  return { items, end: at };
}

function quoted(line: string, start: number, tag: string): { value: string; end: number } {
  let value = '';
  for (let at = start + 1; at < line.length; at += 1) {
    const char = line[at];
    if (char === '"') return { value, end: at + 1 };
    if (char === '\\') {
      at += 1;
      if (line[at] !== '"' && line[at] !== '\\')
        throw new CommandSyntaxError('Bad escape in a quoted string', tag);
    }
    value += line[at];
  }
  throw new CommandSyntaxError('Unterminated quoted string', tag);
}

/**
 * Where an atom ends. A fetch item's section and partial (`BODY.PEEK[HEADER.FIELDS (FROM)]<0.100>`)
 * belong to the atom, spaces and parentheses inside the brackets included.
 */
function atomEnd(line: string, start: number): number {
  let at = start;
  let depth = 0;
  while (at < line.length) {
    const char = line[at] as string;
    if (char === '[') depth += 1;
    else if (char === ']') depth -= 1;
    else if (depth === 0 && (char === ' ' || char === '(' || char === ')' || char === '"' || char === '\0'))
      break;
    at += 1;
  }
  return at;
}

/** The text of an atom or string argument, or null for anything else. */
export function textOf(token: Token | undefined): string | null {
  if (token?.kind === 'atom') return token.value;
  if (token?.kind === 'string') return token.value.toString('utf8');
  return null;
}
