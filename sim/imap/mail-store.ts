// The simulator's mailboxes: each message with its UID, flags and raw bytes, in arrival order
// (RFC 3501 §2.3.1), and the two ways a command names messages: sequence sets (§9
// "sequence-set") and search keys (§6.4.4), for the keys a mail client filters new mail by.
import type { Token } from './command-reader.ts';

export interface StoredMessage {
  uid: number;
  flags: Set<string>;
  raw: Buffer;
  internalDate: Date;
}

export interface Mailbox {
  name: string;
  uidValidity: number;
  uidNext: number;
  /** Arrival order: the sequence number of `messages[i]` is i + 1. */
  messages: StoredMessage[];
}

/** The flags every mailbox knows (§2.3.2); \Recent is not kept (no session ever "first sees" a message here). */
export const systemFlags = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];
/** What a client may set: everything but \Deleted, as the simulator never expunges (see README). */
export const permanentFlags = ['\\Answered', '\\Flagged', '\\Seen', '\\Draft', '\\*'];

export function createMailStore(names: string[], uidValidity: number) {
  const boxes = new Map<string, Mailbox>();
  // INBOX is case-insensitive (§5.1); other names are kept as given.
  const key = (name: string) => (name.toUpperCase() === 'INBOX' ? 'INBOX' : name);
  for (const name of ['INBOX', ...names]) {
    boxes.set(key(name), { name: key(name), uidValidity, uidNext: 1, messages: [] });
  }
  return {
    get: (name: string): Mailbox | undefined => boxes.get(key(name)),
    all: (): Mailbox[] => [...boxes.values()],
    deliver(name: string, raw: Buffer, at: Date): StoredMessage {
      const box = boxes.get(key(name));
      if (!box) throw new Error(`No mailbox ${name}: pass it in startImapServer({ mailboxes })`);
      const message = { uid: box.uidNext, flags: new Set<string>(), raw, internalDate: at };
      box.uidNext += 1;
      box.messages.push(message);
      return message;
    },
  };
}

export type MailStore = ReturnType<typeof createMailStore>;

/** Thrown for a set or search key the simulator cannot read; answered with BAD. */
export class BadArgument extends Error {}

/**
 * The messages a sequence set names (§9), in mailbox order. `*` is the last message's sequence
 * number, or its UID when `byUid`; a range's ends may come in either order. UIDs that name no
 * message are simply left out (§6.4.8).
 */
export function selectMessages(box: Mailbox, set: string, byUid: boolean): StoredMessage[] {
  if (!/^(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*$/.test(set)) {
    throw new BadArgument(`Invalid sequence set ${set}`);
  }
  const last = box.messages.at(-1);
  const star = byUid ? (last?.uid ?? 0) : box.messages.length;
  const ranges = set.split(',').map((part) => {
    const [from, to = from] = part.split(':').map((end) => (end === '*' ? star : Number(end)));
    return [Math.min(from as number, to as number), Math.max(from as number, to as number)] as const;
  });
  if (!byUid && ranges.some(([, to]) => to > box.messages.length || to === 0)) {
    throw new BadArgument('Sequence number out of range');
  }
  return box.messages.filter((message, index) => {
    const n = byUid ? message.uid : index + 1;
    return ranges.some(([from, to]) => n >= from && n <= to);
  });
}

type Test = (message: StoredMessage, seq: number) => boolean;

const flagKeys: Record<string, [flag: string, present: boolean]> = {
  SEEN: ['\\Seen', true],
  UNSEEN: ['\\Seen', false],
  ANSWERED: ['\\Answered', true],
  UNANSWERED: ['\\Answered', false],
  FLAGGED: ['\\Flagged', true],
  UNFLAGGED: ['\\Flagged', false],
  DELETED: ['\\Deleted', true],
  UNDELETED: ['\\Deleted', false],
  DRAFT: ['\\Draft', true],
  UNDRAFT: ['\\Draft', false],
};

/** The messages matching every search key in `args` (§6.4.4), in mailbox order. */
export function search(box: Mailbox, args: Token[]): StoredMessage[] {
  const keys = [...args];
  if (keys[0]?.kind === 'atom' && keys[0].value.toUpperCase() === 'CHARSET') {
    const charset = keys[1]?.kind === 'atom' || keys[1]?.kind === 'string' ? String(keys[1].value) : '';
    if (!/^(US-ASCII|UTF-8)$/i.test(charset))
      throw new BadArgument('[BADCHARSET (US-ASCII UTF-8)] Unknown charset');
    keys.splice(0, 2);
  }
  const tests: Test[] = [];
  while (keys.length > 0) tests.push(searchKey(box, keys));
  return box.messages.filter((message, index) => tests.every((test) => test(message, index + 1)));
}

function searchKey(box: Mailbox, keys: Token[]): Test {
  const token = keys.shift();
  if (token?.kind === 'list') {
    const inner = [...token.items];
    const tests: Test[] = [];
    while (inner.length > 0) tests.push(searchKey(box, inner));
    return (message, seq) => tests.every((test) => test(message, seq));
  }
  if (token?.kind !== 'atom') throw new BadArgument('Expected a search key');
  const name = token.value.toUpperCase();
  const flag = flagKeys[name];
  if (flag) return (message) => message.flags.has(flag[0]) === flag[1];
  const argument = () => {
    const next = keys.shift();
    if (next?.kind !== 'atom' && next?.kind !== 'string') throw new BadArgument(`${name} needs an argument`);
    return String(next.value);
  };
  switch (name) {
    case 'ALL':
    case 'OLD':
      return () => true;
    case 'NEW':
    case 'RECENT':
      return () => false;
    case 'KEYWORD': {
      const keyword = argument();
      return (message) => message.flags.has(keyword);
    }
    case 'UNKEYWORD': {
      const keyword = argument();
      return (message) => !message.flags.has(keyword);
    }
    case 'LARGER': {
      const size = Number(argument());
      return (message) => message.raw.length > size;
    }
    case 'SMALLER': {
      const size = Number(argument());
      return (message) => message.raw.length < size;
    }
    case 'UID': {
      const chosen = new Set(selectMessages(box, argument(), true));
      return (message) => chosen.has(message);
    }
    case 'NOT': {
      const test = searchKey(box, keys);
      return (message, seq) => !test(message, seq);
    }
    case 'OR': {
      const left = searchKey(box, keys);
      const right = searchKey(box, keys);
      return (message, seq) => left(message, seq) || right(message, seq);
    }
    default: {
      if (/^[\d*]/.test(name)) {
        const chosen = new Set(selectMessages(box, name, false));
        return (message) => chosen.has(message);
      }
      throw new BadArgument(`The simulator does not search by ${name}`);
    }
  }
}
