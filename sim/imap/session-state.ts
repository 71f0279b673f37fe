// What a session and its commands share: the server's side (mail and faults), where the
// conversation stands, and how a command ends.
import type { Mailbox, MailStore } from './mail-store.ts';

/** What a session asks of the server it belongs to. */
export interface SessionHost {
  store: MailStore;
  /** Whether `user` may log in with `password` (not when unknown, wrong, or logins are refused). */
  checkLogin(user: string, password: string): boolean;
  /** Whether a FETCH or STORE is answered, or the connection dropped before or after it (the fault switch). */
  faultFor(command: 'FETCH' | 'STORE'): 'before' | 'after' | null;
}

export interface SessionState {
  state: 'not-authenticated' | 'authenticated' | 'selected' | 'logout';
  selected: { box: Mailbox; readOnly: boolean; knownExists: number } | null;
}

/** Answered by a handler: the tagged status and its text (with a response code in brackets, if any). */
export interface Outcome {
  status: 'OK' | 'NO' | 'BAD';
  text: string;
}

export const ok = (text: string): Outcome => ({ status: 'OK', text });
