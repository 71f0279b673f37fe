// A lock file that lets only one process open a PGlite data folder: two
// embedded Postgres instances writing the same files would corrupt it. A lock
// left by a process that died (or whose pid was since reused) is taken over.
//
// Taking the lock is one atomic step: the full content is written to a file of
// our own and hard-linked to the lock's name, which fails if a lock exists. So
// a lock file is never seen half-written, and one that cannot be read is a
// damaged lock, never taken as free. Taking over a stale lock happens under a
// second, short-lived lock, so two processes cannot both remove one and enter.

import { linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const lockFileName = 'psrt.lock';
/** Held only while a stale lock is replaced; its owner never does anything slow meanwhile. */
export const takeoverFileName = 'psrt.lock.takeover';

interface LockContent {
  pid: number;
  host: string;
  /** Process start time: Linux clock ticks since boot, to tell a reused pid apart. */
  startTicks: number | null;
  /** When the owning process started, for people reading the file. */
  startedAt: string;
  /** Random per lock, so release never removes a lock that someone else took over. */
  token: string;
}

export interface FolderLock {
  path: string;
  release(): void;
}

export class FolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    /** Null when the lock file cannot be read: it is then treated as held, never as free. */
    readonly holder: LockContent | null,
  ) {
    const lockFile = join(dataDir, lockFileName);
    const where = !holder
      ? `a process that left ${lockFile} unreadable`
      : holder.host === hostname()
        ? `process ${holder.pid} (started ${holder.startedAt})`
        : `process ${holder.pid} on ${holder.host} (started ${holder.startedAt})`;
    super(
      `The database folder ${dataDir} is in use by ${where}. ` +
        `Stop that process (e.g. a running \`psrt serve\`), or point DATABASE_URL at a PostgreSQL server ` +
        'so several processes can share the data. If you are sure no such process runs, ' +
        `delete ${lockFile}.`,
    );
    this.name = 'FolderLockedError';
  }
}

/** Linux-only: field 22 of /proc/<pid>/stat. Null where /proc is unavailable. */
function processStartTicks(pid: number | 'self'): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock at `path`: null when there is none; `content` null when it cannot be read as a lock. */
function readLock(path: string): { raw: string; content: LockContent | null } | null {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const content = JSON.parse(raw) as LockContent;
    const valid =
      typeof content.pid === 'number' &&
      typeof content.host === 'string' &&
      typeof content.token === 'string';
    return { raw, content: valid ? content : null };
  } catch {
    return { raw, content: null };
  }
}

/** A lock whose owner is certainly gone. On another host we cannot tell, so it is never stale. */
function isStale(lock: LockContent): boolean {
  if (lock.host !== hostname()) return false;
  // Our own pid: this process holds it, unless the pid was reused (e.g. pid 1 in a restarted container).
  if (lock.pid !== process.pid && !isAlive(lock.pid)) return true;
  const ticks = processStartTicks(lock.pid === process.pid ? 'self' : lock.pid);
  return ticks !== null && lock.startTicks !== null && ticks !== lock.startTicks;
}

/** Blocks the thread for `ms` (the lock is taken synchronously, before anything else runs). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Links `from` to `to` unless `to` exists: the one atomic "create if absent" with full content. */
function linkIfAbsent(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export function acquireFolderLock(dataDir: string): FolderLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, lockFileName);
  const content: LockContent = {
    pid: process.pid,
    host: hostname(),
    startTicks: processStartTicks('self'),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    token: `${process.pid}-${Math.random().toString(36).slice(2)}`,
  };
  // Our complete lock, under a name only we use, ready to be linked into place.
  const ours = join(dataDir, `${lockFileName}.${content.token}`);
  writeFileSync(ours, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (linkIfAbsent(ours, path)) return lockHandle(path, content.token);
      const existing = readLock(path);
      if (existing === null) continue; // released meanwhile: try again
      if (!existing.content || !isStale(existing.content))
        throw new FolderLockedError(dataDir, existing.content);
      if (takeOver(dataDir, ours, path, existing.raw)) return lockHandle(path, content.token);
      pause(5 + Math.random() * 20);
    }
  } finally {
    unlinkSync(ours);
  }
  throw new Error(`Could not lock the database folder ${dataDir}: another process keeps taking the lock.`);
}

/**
 * Replaces the stale lock `staleRaw` with ours, under the takeover lock: only
 * its holder removes a lock it did not take, so the lock it re-reads is still
 * the stale one when it replaces it. False when another process is taking
 * over, or the stale lock is gone; the caller then tries again.
 */
function takeOver(dataDir: string, ours: string, path: string, staleRaw: string): boolean {
  const guard = join(dataDir, takeoverFileName);
  if (!linkIfAbsent(ours, guard)) {
    abandonedTakeoverCheck(dataDir, guard);
    return false;
  }
  try {
    if (readLock(path)?.raw !== staleRaw) return false;
    // rename replaces the stale file in one step; `ours` keeps its own name through the guard link.
    const replacement = `${ours}.next`;
    linkSync(ours, replacement);
    renameSync(replacement, path);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

/**
 * A takeover lock is held for microseconds. One older than a few seconds whose
 * owner is gone was left by a crash in that instant: say so rather than guess.
 */
function abandonedTakeoverCheck(dataDir: string, guard: string): void {
  const holder = readLock(guard);
  if (holder === null) return;
  let age: number;
  try {
    age = Date.now() - statSync(guard).mtimeMs;
  } catch {
    return; // gone meanwhile
  }
  if (age < 5_000 || (holder.content && !isStale(holder.content))) return;
  throw new Error(
    `The database folder ${dataDir} has a lock takeover that a process abandoned (${guard}). ` +
      `If no psrt process uses the folder, delete ${guard} and ${join(dataDir, lockFileName)}.`,
  );
}

function lockHandle(path: string, token: string): FolderLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const current = readLock(path);
    if (current?.content?.token === token) unlinkSync(path);
  };
  // A clean exit without close() should not leave a lock behind (a crash can; then it is stale).
  process.on('exit', release);
  return { path, release };
}
