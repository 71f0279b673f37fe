// The data folder lock under contention: processes that take and release it
// as fast as they can never hold it at the same time, also when they start by
// racing to take over a lock left by a process that died.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, FolderLockedError, lockFileName } from '../../src/store/folder-lock.ts';

const contender = fileURLToPath(new URL('./folder-lock-contender.ts', import.meta.url));

interface Tally {
  acquisitions: number;
  overlaps: number;
  refusals: number;
}

function contend(dataDir: string, ms: number): Promise<Tally> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', contender, dataDir, String(ms)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout) as Tally)
        : reject(new Error(`contender exited ${code}: ${stderr}`)),
    );
  });
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const newFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'psrt-lock-'));
  folders.push(folder);
  return folder;
};

describe('the data folder lock', () => {
  it('four processes taking and releasing it over and over never hold it at once, even racing over a dead holder', async () => {
    const dataDir = newFolder();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      join(dataDir, lockFileName),
      JSON.stringify({ pid: dead, host: hostname(), startTicks: 1, startedAt: 'earlier', token: 'dead' }),
    );
    const tallies = await Promise.all([1, 2, 3, 4].map(() => contend(dataDir, 2500)));
    const total = tallies.reduce((sum, t) => sum + t.acquisitions, 0);
    expect(tallies.map((t) => t.overlaps)).toEqual([0, 0, 0, 0]);
    // Enough turns that an unsafe lock would have shown an overlap (the old one: ~1 in 130).
    expect(total).toBeGreaterThan(500);
    // Every contender got its turns, and nothing is left behind but the folder itself.
    for (const tally of tallies) expect(tally.acquisitions).toBeGreaterThan(0);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 20_000);

  it('a lock file that cannot be read is treated as held, naming the file to delete', () => {
    const dataDir = newFolder();
    writeFileSync(join(dataDir, lockFileName), '');
    expect(() => acquireFolderLock(dataDir)).toThrow(FolderLockedError);
    expect(() => acquireFolderLock(dataDir)).toThrow(`left ${join(dataDir, lockFileName)} unreadable`);
    expect(() => acquireFolderLock(dataDir)).toThrow(`delete ${join(dataDir, lockFileName)}`);
  });

  it('taking it leaves nothing behind but the lock, and releasing removes that', () => {
    const dataDir = newFolder();
    const lock = acquireFolderLock(dataDir);
    expect(readdirSync(dataDir)).toEqual([lockFileName]);
    lock.release();
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
