// The commands of an authenticated session (RFC 3501 §6.3, §6.4): finding and opening
// mailboxes, and searching, fetching and flagging the messages of the open one, by sequence
// number or (UID SEARCH/FETCH/STORE) by UID.
import { type Command, textOf } from './command-reader.ts';
import { fetchResponse, parseFetchItems, readsBody } from './fetch.ts';
import {
  BadArgument,
  type Mailbox,
  permanentFlags,
  type StoredMessage,
  search,
  selectMessages,
  systemFlags,
} from './mail-store.ts';
import { type Outcome, ok, type SessionHost, type SessionState } from './session-state.ts';
import { flagList, type Parts, str } from './wire.ts';

export function mailboxCommand(
  session: SessionState,
  host: SessionHost,
  { name, args }: Command,
  send: (parts: Parts) => void,
): Outcome {
  try {
    switch (name) {
      case 'SELECT':
      case 'EXAMINE':
        return select(session, host.store.get(textOf(args[0]) ?? ''), name === 'EXAMINE', send);
      case 'LIST':
      case 'LSUB':
        return listMailboxes(host, name, textOf(args[0]) ?? '', textOf(args[1]) ?? '', send);
      case 'NAMESPACE':
        send(['* NAMESPACE (("" "/")) NIL NIL\r\n']);
        return ok('NAMESPACE completed');
      case 'ENABLE':
        // No extension here needs enabling (RFC 5161 §3.1: the client is told which ones were).
        send(['* ENABLED\r\n']);
        return ok('ENABLE completed');
      case 'STATUS':
        return status(host.store.get(textOf(args[0]) ?? ''), args[1], send);
    }
    const selected = session.selected;
    if (!selected) return { status: 'BAD', text: `${name} needs a selected mailbox (or is unknown)` };
    const byUid = name.startsWith('UID ');
    switch (byUid ? name.slice(4) : name) {
      case 'CLOSE':
      case 'UNSELECT':
        // The simulator never expunges (see README), so CLOSE and UNSELECT are the same.
        session.selected = null;
        session.state = 'authenticated';
        return ok(`${name} completed`);
      case 'SEARCH': {
        const found = search(selected.box, args);
        const numbers = found.map((message) => (byUid ? message.uid : seqOf(selected.box, message)));
        send([`* SEARCH${numbers.map((n) => ` ${n}`).join('')}\r\n`]);
        return ok(`${name} completed`);
      }
      case 'FETCH': {
        const messages = selectMessages(selected.box, textOf(args[0]) ?? '', byUid);
        const items = parseFetchItems(args[1], byUid);
        const marksSeen = readsBody(items) && !selected.readOnly;
        for (const message of messages) {
          const seen = message.flags.has('\\Seen');
          if (marksSeen) message.flags.add('\\Seen');
          // The flag a read just set is reported with the data (§6.4.5).
          const reported =
            marksSeen && !seen && !items.some((item) => item.kind === 'FLAGS')
              ? [...items, { kind: 'FLAGS' as const }]
              : items;
          send(fetchResponse(message, seqOf(selected.box, message), reported));
        }
        return ok(`${name} completed`);
      }
      case 'STORE':
        if (selected.readOnly)
          return { status: 'NO', text: '[READ-ONLY] The mailbox was opened with EXAMINE' };
        return store(selected.box, args, byUid, send);
    }
    return { status: 'BAD', text: `Unknown command ${name}` };
  } catch (error) {
    if (error instanceof BadArgument) return { status: 'BAD', text: error.message };
    throw error;
  }
}

const seqOf = (box: Mailbox, message: StoredMessage): number => box.messages.indexOf(message) + 1;

function select(
  session: SessionState,
  box: Mailbox | undefined,
  readOnly: boolean,
  send: (parts: Parts) => void,
): Outcome {
  // A failed SELECT leaves no mailbox selected (§6.3.1).
  session.selected = null;
  session.state = 'authenticated';
  if (!box) return { status: 'NO', text: '[NONEXISTENT] No such mailbox' };
  const firstUnseen = box.messages.findIndex((message) => !message.flags.has('\\Seen'));
  send([
    `* FLAGS ${flagList(systemFlags)}\r\n`,
    `* OK [PERMANENTFLAGS ${flagList(readOnly ? [] : permanentFlags)}] Flags permitted\r\n`,
    `* ${box.messages.length} EXISTS\r\n`,
    '* 0 RECENT\r\n',
    ...(firstUnseen >= 0 ? [`* OK [UNSEEN ${firstUnseen + 1}] First unseen\r\n`] : []),
    `* OK [UIDVALIDITY ${box.uidValidity}] UIDs valid\r\n`,
    `* OK [UIDNEXT ${box.uidNext}] Predicted next UID\r\n`,
  ]);
  session.selected = { box, readOnly, knownExists: box.messages.length };
  session.state = 'selected';
  return ok(`[${readOnly ? 'READ-ONLY' : 'READ-WRITE'}] ${readOnly ? 'EXAMINE' : 'SELECT'} completed`);
}

function listMailboxes(
  host: SessionHost,
  name: string,
  reference: string,
  pattern: string,
  send: (parts: Parts) => void,
): Outcome {
  if (pattern === '') {
    // The hierarchy delimiter and root (§6.3.8).
    send([`* ${name} (\\Noselect) "/" ""\r\n`]);
    return ok(`${name} completed`);
  }
  const wanted = new RegExp(
    `^${(reference + pattern)
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/%/g, '[^/]*')}$`,
    'i',
  );
  for (const box of host.store.all()) {
    if (wanted.test(box.name)) send([`* ${name} (\\HasNoChildren) "/" `, ...str(box.name), '\r\n']);
  }
  return ok(`${name} completed`);
}

function status(
  box: Mailbox | undefined,
  items: Command['args'][number] | undefined,
  send: (parts: Parts) => void,
) {
  if (!box) return { status: 'NO', text: '[NONEXISTENT] No such mailbox' } as const;
  if (items?.kind !== 'list') throw new BadArgument('STATUS needs a list of items');
  const values: Record<string, number> = {
    MESSAGES: box.messages.length,
    RECENT: 0,
    UIDNEXT: box.uidNext,
    UIDVALIDITY: box.uidValidity,
    UNSEEN: box.messages.filter((message) => !message.flags.has('\\Seen')).length,
  };
  const answered = items.items.map((item) => {
    const key = textOf(item)?.toUpperCase() ?? '';
    if (!(key in values)) throw new BadArgument(`Unknown STATUS item ${key}`);
    return `${key} ${values[key]}`;
  });
  send(['* STATUS ', ...str(box.name), ` (${answered.join(' ')})\r\n`]);
  return ok('STATUS completed');
}

function store(box: Mailbox, args: Command['args'], byUid: boolean, send: (parts: Parts) => void): Outcome {
  const messages = selectMessages(box, textOf(args[0]) ?? '', byUid);
  const operation = /^([+-]?)FLAGS(\.SILENT)?$/i.exec(textOf(args[1]) ?? '');
  if (!operation) throw new BadArgument('STORE takes FLAGS, +FLAGS or -FLAGS (.SILENT)');
  const flagArg = args[2];
  const given = flagArg?.kind === 'list' ? flagArg.items.map(textOf) : [textOf(flagArg)];
  const flags = given.map((flag) => {
    const system = systemFlags.find((known) => known.toLowerCase() === flag?.toLowerCase());
    if (system) return system;
    if (!flag || !/^[^\\\s(){%*"\]]+$/.test(flag)) throw new BadArgument(`Invalid flag ${flag}`);
    return flag;
  });
  if (flags.includes('\\Deleted')) {
    return { status: 'NO', text: '[CANNOT] This mailbox keeps every message: \\Deleted cannot be set' };
  }
  for (const message of messages) {
    if (operation[1] === '') message.flags.clear();
    for (const flag of flags) {
      if (operation[1] === '-') message.flags.delete(flag);
      else message.flags.add(flag);
    }
    if (!operation[2]) {
      const uid = byUid ? `UID ${message.uid} ` : '';
      send([`* ${seqOf(box, message)} FETCH (${uid}FLAGS ${flagList(message.flags)})\r\n`]);
    }
  }
  return ok(`${byUid ? 'UID ' : ''}STORE completed`);
}
