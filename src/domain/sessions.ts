// How long a signed-in browser stays signed in, and what a personal API token
// may do. Pure rules: the web layer applies them to each request.
import { DomainError } from './errors.ts';
import type { Principal } from './report.ts';

/** A browser session ends after this long without a request (it is then refused, not renewed). */
export const SESSION_IDLE_MS = 4 * 3600 * 1000;
/** …and at the latest this long after sign-in, however busy: sign in again then. */
export const SESSION_MAX_MS = 24 * 3600 * 1000;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

/** Why a stored session no longer signs anyone in, or null while it does. */
export function sessionEnded(session: SessionTimes, now: Date): 'idle' | 'expired' | null {
  if (now.getTime() - session.createdAt.getTime() >= SESSION_MAX_MS) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'idle';
  return null;
}

/**
 * What a personal API token may do, each scope including the one before:
 * `read` sees what its owner sees; `act` also takes report actions; `admin`
 * also does its owner's admin work (roster, audit, imports).
 */
export const tokenScopes = ['read', 'act', 'admin'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const TOKEN_DEFAULT_DAYS = 30;
/** Tokens always expire: a forgotten one stops working within a year. */
export const TOKEN_MAX_DAYS = 366;

export interface TokenTimes {
  expiresAt: Date;
  revokedAt: Date | null;
}

export function tokenUsable(token: TokenTimes, now: Date): boolean {
  return token.revokedAt === null && token.expiresAt.getTime() > now.getTime();
}

/**
 * The principal a token acts as: its owner as the roster has them now (so a
 * member who leaves loses what their tokens could do), without the Admin role
 * unless the token has the admin scope. Whether a `read` token may change
 * anything is the caller's check (`scopeAllowsChanges`).
 */
export function principalWithinScope(owner: Principal, scope: TokenScope): Principal {
  if (owner.kind !== 'user' || scope === 'admin') return owner;
  return { ...owner, roles: owner.roles.filter((role) => role !== 'Admin') };
}

export const scopeAllowsChanges = (scope: TokenScope): boolean => scope !== 'read';

/** The expiry of a new token: `days` from now (default 30), between 1 and 366 days. */
export function tokenExpiry(now: Date, days: number = TOKEN_DEFAULT_DAYS): Date {
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS)
    throw new DomainError(`A token lasts 1 to ${TOKEN_MAX_DAYS} days; ${days} is not allowed.`);
  return new Date(now.getTime() + days * 24 * 3600 * 1000);
}
