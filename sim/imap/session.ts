// One client's connection (RFC 3501 §3): the greeting, then each command answered in order
// with its untagged data and a tagged OK, NO or BAD, through the states not authenticated →
// authenticated → selected → logout. Mailbox commands are in mailbox-commands.ts.
import type { Socket } from 'node:net';
import {
  type Command,
  CommandSyntaxError,
  createCommandReader,
  type RawLine,
  textOf,
} from './command-reader.ts';
import { mailboxCommand } from './mailbox-commands.ts';
import { type Outcome, ok, type SessionHost, type SessionState } from './session-state.ts';
import type { Parts } from './wire.ts';

export const capabilities = 'IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN ID ENABLE NAMESPACE';

export function startSession(socket: Socket, host: SessionHost): void {
  const session: SessionState = { state: 'not-authenticated', selected: null };
  // A command answered "+" and waits for the client's next line (AUTHENTICATE without SASL-IR).
  let awaiting: ((line: string) => Outcome) | null = null;
  let awaitingTag = '';
  const send = (parts: Parts) => {
    if (socket.destroyed || socket.writableEnded) return;
    socket.cork();
    for (const part of parts) socket.write(part);
    process.nextTick(() => socket.uncork());
  };
  const reader = createCommandReader(() => send(['+ Ready for literal data\r\n']));
  send([`* OK [CAPABILITY ${capabilities}] psrt IMAP simulator ready\r\n`]);

  const finish = (tag: string, outcome: Outcome) => {
    const selected = session.selected;
    if (selected && selected.box.messages.length > selected.knownExists) {
      // New mail since the client last heard: say so before the command completes (§7.3.1).
      selected.knownExists = selected.box.messages.length;
      send([`* ${selected.knownExists} EXISTS\r\n`]);
    }
    send([`${tag} ${outcome.status} ${outcome.text}\r\n`]);
  };

  const handle = (input: Command | CommandSyntaxError | RawLine) => {
    if ('line' in input) {
      const answer = awaiting;
      awaiting = null;
      if (answer) finish(awaitingTag, answer(input.line));
      return;
    }
    if (input instanceof CommandSyntaxError) {
      send([`${input.tag ?? '*'} BAD ${input.message}\r\n`]);
      return;
    }
    const fault = input.name.endsWith('FETCH') ? 'FETCH' : input.name.endsWith('STORE') ? 'STORE' : null;
    const drop = fault && session.state === 'selected' ? host.faultFor(fault) : null;
    if (drop === 'before') {
      socket.destroy();
      return;
    }
    const outcome = command(input);
    if (outcome) finish(input.tag, outcome);
    if (drop === 'after' || session.state === 'logout') socket.end();
  };

  const command = (input: Command): Outcome | null => {
    const { name, args } = input;
    switch (name) {
      case 'CAPABILITY':
        send([`* CAPABILITY ${capabilities}\r\n`]);
        return ok('CAPABILITY completed');
      case 'NOOP':
      case 'CHECK':
        return ok(`${name} completed`);
      case 'LOGOUT':
        send(['* BYE Logging out\r\n']);
        session.state = 'logout';
        return ok('LOGOUT completed');
      case 'ID':
        send(['* ID ("name" "psrt IMAP simulator")\r\n']);
        return ok('ID completed');
      case 'STARTTLS':
        // Plain TCP on the loopback interface only: no TLS to start (and none advertised).
        return { status: 'BAD', text: 'STARTTLS is not offered: this simulator speaks plain IMAP only' };
    }
    if (session.state === 'not-authenticated') {
      if (name === 'LOGIN') return login(textOf(args[0]), textOf(args[1]));
      if (name === 'AUTHENTICATE') return authenticate(input);
      return { status: 'BAD', text: `${name} is not valid before LOGIN (or unknown)` };
    }
    if (name === 'LOGIN' || name === 'AUTHENTICATE') return { status: 'BAD', text: 'Already authenticated' };
    return mailboxCommand(session, host, input, send);
  };

  const login = (user: string | null, password: string | null): Outcome => {
    if (user === null || password === null)
      return { status: 'BAD', text: 'LOGIN needs a user and a password' };
    if (!host.checkLogin(user, password)) {
      return { status: 'NO', text: '[AUTHENTICATIONFAILED] Invalid credentials' };
    }
    session.state = 'authenticated';
    return ok(`[CAPABILITY ${capabilities}] Logged in`);
  };

  // SASL PLAIN (RFC 4616): base64 of "authzid NUL user NUL password", inline (SASL-IR) or after "+".
  const plain = (response: string): Outcome => {
    if (response === '*') return { status: 'BAD', text: 'AUTHENTICATE cancelled' };
    const [authzid, user, password] = Buffer.from(response, 'base64').toString('utf8').split('\0');
    if (password === undefined || (authzid && authzid !== user)) {
      return { status: 'NO', text: '[AUTHENTICATIONFAILED] Invalid credentials' };
    }
    return login(user ?? '', password);
  };
  const authenticate = ({ tag, args }: Command): Outcome | null => {
    if (textOf(args[0])?.toUpperCase() !== 'PLAIN') {
      return { status: 'NO', text: '[CANNOT] Only AUTHENTICATE PLAIN is offered' };
    }
    const initial = textOf(args[1]);
    if (initial !== null) return plain(initial === '=' ? '' : initial);
    awaiting = plain;
    awaitingTag = tag;
    reader.expectLine();
    send(['+ \r\n']);
    return null;
  };

  const pump = (chunk?: Buffer) => {
    for (let input = reader.next(chunk); input !== null; input = reader.next()) {
      if (socket.destroyed || session.state === 'logout') return;
      handle(input);
    }
  };
  socket.on('data', (chunk: Buffer) => pump(chunk));
  // A client that goes away mid-command resets its socket: that ends the session, not the server.
  socket.on('error', () => socket.destroy());
}
