// A lock file that lets only one process open a PGlite data folder: two
// embedded Postgres instances writing the same files would corrupt it. A lock
// left by a process that died (or whose pid was since reused) is taken over.

import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const lockFileName = 'psrt.lock';

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
    readonly holder: LockContent,
  ) {
    const where =
      holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`;
    super(
      `The database folder ${dataDir} is in use by ${where} (started ${holder.startedAt}). ` +
        `Stop that process (e.g. a running \`psrt serve\`), or point DATABASE_URL at a PostgreSQL server ` +
        'so several processes can share the data. If you are sure no such process runs, ' +
        `delete ${join(dataDir, lockFileName)}.`,
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
    return typeof content.pid === 'number' ? { raw, content } : { raw, content: null };
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
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
      } finally {
        closeSync(fd);
      }
      return lockHandle(path, content.token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = readLock(path);
    if (existing === null) continue; // released meanwhile: try again
    // An unreadable lock (crash while writing it) is treated as stale.
    if (existing.content && !isStale(existing.content))
      throw new FolderLockedError(dataDir, existing.content);
    // Remove it only if it is still the same stale lock, not one a racing process just wrote.
    if (readLock(path)?.raw === existing.raw) unlinkSync(path);
  }
  throw new Error(`Could not lock the database folder ${dataDir}: another process keeps taking the lock.`);
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
