// Signing in and out, and personal API tokens. A browser holds a random
// session token and an API client a random `psrt_` token; psrt stores only
// their SHA-256. Who they act as is resolved from the roster on each use.
import { createHash, randomBytes } from 'node:crypto';
import { principalFor } from '../domain/access.ts';
import type { Principal, RosterEntry } from '../domain/report.ts';
import {
  principalWithinScope,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  sessionEnded,
  type TokenScope,
  tokenExpiry,
  tokenUsable,
} from '../domain/sessions.ts';
import {
  appendAudit,
  deleteEndedSessions,
  deleteSession,
  findApiToken,
  findSession,
  insertApiToken,
  insertSession,
  listApiTokens as listStoredTokens,
  revokeApiToken as revokeStoredToken,
  type StoredApiToken,
  touchApiToken,
  touchSession,
} from '../store/index.ts';
import { personActing } from './authorize.ts';
import type { AppContext } from './context.ts';
import { UseCaseError } from './errors.ts';

/** Activity is written at most once a minute per session or token. */
const TOUCH_MS = 60_000;
const TOKEN_PREFIX = 'psrt_';

/** Whether activity last noted at `last` is worth writing again (the store checks again, race-free). */
const due = (last: Date | null, now: Date) => last === null || now.getTime() - last.getTime() >= TOUCH_MS;

/** Who the holder of a session or token is now: the roster's word, read in the same query. */
const holderPrincipal = (login: string, member: RosterEntry | null): Principal =>
  principalFor(login, member ? [member] : []);

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const randomSecret = () => randomBytes(32).toString('base64url');

export interface Session {
  login: string;
  /** What every form and state-changing request of this session must carry back. */
  csrf: string;
}

/** Who holds a session or token, as this request found them. */
export interface HolderView {
  principal: Principal;
  /** The database's committed state when they were looked up (store `Holder.snapshot`). */
  snapshot: string;
  /** The SHA-256 of the secret they presented: names this session or token without revealing it. */
  credential: string;
}

/**
 * Starts a new session for `login` (a new token every sign-in, so a token
 * planted before sign-in signs nobody in), ending `previousToken`'s if any.
 */
export async function signIn(
  ctx: AppContext,
  login: string,
  previousToken?: string | null,
): Promise<{ token: string; session: Session }> {
  const now = ctx.now();
  const token = randomSecret();
  const session = { login, csrf: randomSecret() };
  await ctx.store.transaction(async (tx) => {
    if (previousToken) await deleteSession(tx, sha256(previousToken));
    await insertSession(tx, { tokenHash: sha256(token), ...session, createdAt: now, lastSeenAt: now });
  });
  ctx.log.info({ login }, 'signed in');
  return { token, session };
}

/** The session a browser's token opens, or null when unknown, idle too long or too old. */
export async function sessionFor(ctx: AppContext, token: string): Promise<(Session & HolderView) | null> {
  const now = ctx.now();
  const tokenHash = sha256(token);
  const stored = await findSession(ctx.store.db, tokenHash);
  if (!stored) return null;
  const { found: session, member } = stored;
  if (sessionEnded(session, now) !== null) {
    await deleteSession(ctx.store.db, tokenHash);
    return null;
  }
  if (due(session.lastSeenAt, now)) await touchSession(ctx.store.db, tokenHash, now, TOUCH_MS);
  return {
    login: session.login,
    csrf: session.csrf,
    principal: holderPrincipal(session.login, member),
    snapshot: stored.snapshot,
    credential: tokenHash,
  };
}

export async function signOut(ctx: AppContext, token: string): Promise<void> {
  await deleteSession(ctx.store.db, sha256(token));
}

/** Housekeeping: drops sessions that ended. */
export function forgetEndedSessions(ctx: AppContext): Promise<number> {
  const now = ctx.now().getTime();
  return deleteEndedSessions(ctx.store.db, new Date(now - SESSION_MAX_MS), new Date(now - SESSION_IDLE_MS));
}

/** A token as its owner sees it listed: never the secret, which exists only in the creation's answer. */
export interface ApiTokenView {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  usable: boolean;
}

const tokenView = (token: StoredApiToken, now: Date): ApiTokenView => ({
  id: token.id,
  name: token.name,
  scope: token.scope,
  createdAt: token.createdAt,
  expiresAt: token.expiresAt,
  revokedAt: token.revokedAt,
  lastUsedAt: token.lastUsedAt,
  usable: tokenUsable(token, now),
});

function signedInPerson(actor: Principal): string {
  if (actor.kind !== 'user') throw new UseCaseError('forbidden', 'Sign in first to manage API tokens.');
  return personActing(actor);
}

/** Makes a token for the signed-in person; the answer is the only place its secret ever appears. */
export async function createApiToken(
  ctx: AppContext,
  actor: Principal,
  input: { name: string; scope: TokenScope; days?: number },
): Promise<{ secret: string; token: ApiTokenView }> {
  const login = signedInPerson(actor);
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    throw new UseCaseError(
      'invalid',
      'Give the token a name of 1 to 100 characters, saying where it is used.',
    );
  if (input.scope === 'admin' && !(actor.kind === 'user' && actor.roles.includes('Admin')))
    throw new UseCaseError('forbidden', 'Only PSRT admins may make tokens with the admin scope.');
  const now = ctx.now();
  let expiresAt: Date;
  try {
    expiresAt = tokenExpiry(now, input.days);
  } catch (error) {
    throw new UseCaseError('invalid', (error as Error).message);
  }
  const secret = `${TOKEN_PREFIX}${randomSecret()}`;
  const stored = await ctx.store.transaction(async (tx) => {
    const token = await insertApiToken(tx, {
      login,
      name,
      scope: input.scope,
      tokenHash: sha256(secret),
      createdAt: now,
      expiresAt,
    });
    await appendAudit(tx, {
      actor: login,
      action: 'token.create',
      subject: `token:${token.id}`,
      at: now,
      change: { name, scope: input.scope, expiresAt },
    });
    return token;
  });
  return { secret, token: tokenView(stored, now) };
}

export async function listApiTokens(ctx: AppContext, actor: Principal): Promise<ApiTokenView[]> {
  const now = ctx.now();
  return (await listStoredTokens(ctx.store.db, signedInPerson(actor))).map((t) => tokenView(t, now));
}

export async function revokeApiToken(ctx: AppContext, actor: Principal, id: string): Promise<ApiTokenView> {
  const login = signedInPerson(actor);
  const now = ctx.now();
  return ctx.store.transaction(async (tx) => {
    const revoked = await revokeStoredToken(tx, login, id, now);
    if (!revoked) throw new UseCaseError('not-found', `You have no token ${id} that is still in use.`);
    await appendAudit(tx, {
      actor: login,
      action: 'token.revoke',
      subject: `token:${id}`,
      at: now,
      change: { name: revoked.name },
    });
    return tokenView(revoked, now);
  });
}

/** Who a bearer token acts as, within its scope; null when it is not a usable psrt token. */
export async function tokenPrincipal(
  ctx: AppContext,
  secret: string,
): Promise<(HolderView & { login: string; scope: TokenScope }) | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const now = ctx.now();
  const credential = sha256(secret);
  const stored = await findApiToken(ctx.store.db, credential);
  if (!stored || !tokenUsable(stored.found, now)) return null;
  const { found: token, member } = stored;
  if (due(token.lastUsedAt, now)) await touchApiToken(ctx.store.db, token.id, now, TOUCH_MS);
  const owner = holderPrincipal(token.login, member);
  return {
    login: token.login,
    principal: principalWithinScope(owner, token.scope),
    scope: token.scope,
    snapshot: stored.snapshot,
    credential,
  };
}
