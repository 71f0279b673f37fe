// The security@ queue at the terminal, with the real `psrt` command on one
// embedded database: mail stored and read as psrt serve would, then listed,
// shown (a sender's its control characters gone, never sent to the terminal)
// and decided by an admin; members are refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPendingMail, receiveMail } from '../../src/app/intake.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { mail } from '../app/intake-mail.ts';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace({
  intake: { forwardTo: [{ name: 'PyPI', address: 'security@pypi.org' }] },
});
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);

beforeAll(async () => {
  const store = await openStore({ dataDir: ws.dataDir });
  const ctx = { store, now: () => new Date(), log: createLogger('silent') };
  await receiveMail(ctx, {
    raw: mail({ id: 'cli1@example.org', subject: 'zipfile \u001b[2J bomb' }),
    source: 'smtp',
  });
  await receiveMail(ctx, {
    raw: mail({ id: 'cli2@example.org', inReplyTo: 'cli1@example.org', body: 'Also on 3.12.' }),
    source: 'smtp',
  });
  await readPendingMail(ctx, { teamKey: null, acknowledgeDays: 7, ownAddresses: [] });
  await store.close();
}, 60_000);

it('lists the queue for an admin, with the sender and subject, its control characters gone', async () => {
  const listed = await run('intake', 'list', '--as', 'sethmlarson');
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain('finder@example.org');
  expect(listed.stdout).toContain('zipfile [2J bomb');
  expect(listed.stdout).not.toContain('\u001b');
  const page = json<{ threads: { id: number; messageCount: number }[] }>(
    await run('intake', 'list', '--json', '--as', 'sethmlarson'),
  );
  expect(page.threads.map((t) => t.messageCount)).toEqual([2]);
});

it("shows a thread's messages as text, oldest first", async () => {
  const shown = await run('intake', 'show', '1', '--as', 'sethmlarson');
  expect(shown.code).toBe(0);
  const first = shown.stdout.indexOf('Extracting a crafted archive');
  const reply = shown.stdout.indexOf('Also on 3.12.');
  expect(first).toBeGreaterThan(0);
  expect(reply).toBeGreaterThan(first);
  expect(shown.stdout).toContain('Next update promised by');
});

it('refuses a forward to a destination that is not configured, and a member who is not an admin', async () => {
  const forward = await run('intake', 'forward', '1', '--to', 'Elsewhere', '--as', 'sethmlarson');
  expect(forward.code).not.toBe(0);
  expect(forward.stderr).toContain('Forward to one of the configured destinations: PyPI.');
  const member = await run('intake', 'list', '--as', 'gpshead');
  expect(member.code).not.toBe(0);
  expect(member.stderr).toContain('Only PSRT admins');
  expect(member.stderr).not.toContain('zipfile');
});

it('asks the reporter for what is missing, and the thread waits in the queue for the answer', async () => {
  const asked = await run(
    'intake',
    'ask',
    '1',
    '--missing',
    'the Python versions tested',
    'a proof of concept',
    '--as',
    'sethmlarson',
  );
  expect(asked.code).toBe(0);
  expect(asked.stdout.trim()).toBe('thread 1: needs-information');
  const page = json<{ threads: { status: string; triageDetail: string }[] }>(
    await run('intake', 'list', '--json', '--as', 'sethmlarson'),
  );
  expect(page.threads).toEqual([
    expect.objectContaining({
      status: 'needs-information',
      triageDetail: 'the Python versions tested; a proof of concept',
    }),
  ]);
});
