// A small IMAP4rev1 server (RFC 3501) on 127.0.0.1 holding mailboxes in memory: what psrt's
// IMAP intake fetches security@ mail from in the tests and the sandbox. Tests deliver mail,
// read the flags psrt left, and switch on faults (a connection dropped at the Nth FETCH or
// STORE, logins refused). Plain TCP only: no TLS, and STARTTLS is neither offered nor accepted.
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { createMailStore } from './mail-store.ts';
import { startSession } from './session.ts';

export interface ImapServerOptions {
  /** Who may log in: user name → password. */
  users: Record<string, string>;
  /** Mailboxes besides INBOX, which always exists. */
  mailboxes?: string[];
  /** The arrival time of delivered messages (INTERNALDATE); the wall clock by default. */
  now?: () => Date;
}

/** A message as the mailbox holds it. */
export interface HeldMessage {
  uid: number;
  flags: string[];
  raw: Buffer;
}

/** Drops the connection at the `nth` FETCH (or STORE) from now on, counted over every connection. */
export interface DropFault {
  command: 'FETCH' | 'STORE';
  nth: number;
  /** `before`: the command is not carried out or answered (default); `after`: it is, then the connection closes. */
  when?: 'before' | 'after';
}

export interface ImapServer {
  host: string;
  port: number;
  /** `imap://127.0.0.1:PORT`; add a user: `imap://security%40python.org@127.0.0.1:PORT`. */
  url: string;
  /** Puts a message in a mailbox (INBOX by default) with the next UID and no flags. */
  deliver(raw: Buffer | string, options?: { mailbox?: string }): HeldMessage;
  /** The messages of a mailbox in UID order, with their flags now. */
  messages(mailbox?: string): HeldMessage[];
  faults: {
    dropConnection(fault: DropFault): void;
    /** Refuses every login (as a server does for a locked account), or stops refusing. */
    rejectLogins(refuse: boolean): void;
    clear(): void;
  };
  /** Connections open now. */
  connections(): number;
  /** Closes every connection (with `* BYE`) and stops listening. */
  close(): Promise<void>;
}

export async function startImapServer(options: ImapServerOptions): Promise<ImapServer> {
  const now = options.now ?? (() => new Date());
  // A new UIDVALIDITY each start (RFC 3501 §2.3.1.1): UIDs from another run are not these.
  const store = createMailStore(options.mailboxes ?? [], Math.floor(now().getTime() / 1000));
  let drops: (DropFault & { seen: number })[] = [];
  let refuseLogins = false;
  const sockets = new Set<Socket>();

  const host = {
    store,
    checkLogin: (user: string, password: string) =>
      !refuseLogins && Object.hasOwn(options.users, user) && options.users[user] === password,
    faultFor(command: 'FETCH' | 'STORE') {
      for (const drop of drops) {
        if (drop.command !== command) continue;
        drop.seen += 1;
        if (drop.seen === drop.nth) {
          drops = drops.filter((other) => other !== drop);
          return drop.when ?? 'before';
        }
      }
      return null;
    },
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    startSession(socket, host);
  });
  const address = '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const held = (message: { uid: number; flags: Set<string>; raw: Buffer }): HeldMessage => ({
    uid: message.uid,
    flags: [...message.flags],
    raw: message.raw,
  });

  return {
    host: address,
    port,
    url: `imap://${address}:${port}`,
    deliver(raw, { mailbox = 'INBOX' } = {}) {
      const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      return held(store.deliver(mailbox, bytes, now()));
    },
    messages(mailbox = 'INBOX') {
      const box = store.get(mailbox);
      if (!box) throw new Error(`No mailbox ${mailbox}`);
      return box.messages.map(held);
    },
    faults: {
      dropConnection(fault) {
        drops.push({ ...fault, seen: 0 });
      },
      rejectLogins(refuse) {
        refuseLogins = refuse;
      },
      clear() {
        drops = [];
        refuseLogins = false;
      },
    },
    connections: () => sockets.size,
    close() {
      for (const socket of sockets) socket.end('* BYE The server is shutting down\r\n');
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A client that does not close its end is not waited for.
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 100).unref();
      });
    },
  };
}
