// One of several processes contending for a data folder's lock (run by
// folder-lock.test.ts): for `ms` milliseconds it takes the lock, marks the
// folder as entered, holds briefly, unmarks and releases, and counts the times
// it entered while another holder's mark was still there.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { acquireFolderLock, FolderLockedError } from '../../src/store/folder-lock.ts';

const [dataDir = '', ms = '2000'] = process.argv.slice(2);
const marker = join(dataDir, 'entered');
const until = Date.now() + Number(ms);
let acquisitions = 0;
let overlaps = 0;
let refusals = 0;

while (Date.now() < until) {
  let lock: ReturnType<typeof acquireFolderLock>;
  try {
    lock = acquireFolderLock(dataDir);
  } catch (error) {
    if (!(error instanceof FolderLockedError)) throw error;
    refusals++;
    continue;
  }
  acquisitions++;
  let fd: number | null = null;
  try {
    fd = openSync(marker, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    overlaps++;
  }
  if (fd !== null) {
    writeSync(fd, String(process.pid));
    // Hold it for a moment, so a second holder would have time to show up.
    for (const end = Date.now() + 1; Date.now() < end; );
    closeSync(fd);
    unlinkSync(marker);
  }
  lock.release();
}

process.stdout.write(JSON.stringify({ acquisitions, overlaps, refusals }));
