// `psrt serve` that cannot start says why in one line, with what to do, and
// exits non-zero by itself, without a stack trace, closing what it had opened
// (a process that printed an error must never linger holding a port or the
// data folder). Each case is a real condition: a taken port, a folder held by
// a live process, a database that does not answer, a file missing from the
// checkout.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireFolderLock } from '../../src/store/folder-lock.ts';
import { openStore } from '../../src/store/index.ts';
import { cleanEnv, type Workspace, workspace } from './psrt.ts';
import { copyCheckout, type Exit, lines, serveUntilExit } from './serve-support.ts';

const spaces: Workspace[] = [];
afterAll(() => {
  for (const ws of spaces) ws.remove();
});
const newWorkspace = (config: Record<string, unknown> = {}) => {
  const ws = workspace(config);
  spaces.push(ws);
  return ws;
};

/**
 * How long it may take to give up: enough for a busy machine to start node (and,
 * for the cases that get that far, to create a database); a hang takes forever.
 */
const QUICK_MS = 15_000;
const ALLOW_MS = 45_000;

/** Refused to start: non-zero, one line on stderr that says `cause`, and no stack trace. */
function expectRefusal(exit: Exit, cause: string | RegExp): void {
  expect(exit.hung).toBe(false);
  expect(exit.code).not.toBe(0);
  expect(exit.code).not.toBeNull();
  expect(lines(exit.stderr)).toHaveLength(1);
  expect(exit.stderr).toMatch(/^psrt: /);
  if (typeof cause === 'string') expect(exit.stderr).toContain(cause);
  else expect(exit.stderr).toMatch(cause);
  expect(exit.stderr).not.toMatch(/^\s+at /m);
  expect(exit.stdout).not.toContain('listening on');
}

describe('psrt serve that cannot start', () => {
  it('on a config file that is not JSON exits 78 naming the file', async () => {
    const ws = newWorkspace();
    writeFileSync(join(ws.dir, 'psrt.config.json'), '{ "server": { "port": 8080, } }');
    const exit = await serveUntilExit(ws.dir, QUICK_MS);
    expectRefusal(exit, `${join(ws.dir, 'psrt.config.json')} is not valid JSON`);
    expect(exit.code).toBe(78);
  });

  it('on a wrongly typed setting exits 78 naming the file and the field, one line per field', async () => {
    const ws = newWorkspace({ server: { port: 'eighty' } });
    const exit = await serveUntilExit(ws.dir, QUICK_MS);
    expect(exit.hung).toBe(false);
    expect(exit.code).toBe(78);
    expect(lines(exit.stderr)).toEqual([
      `psrt: ${join(ws.dir, 'psrt.config.json')} is invalid:`,
      expect.stringMatching(/^ {2}server\.port: /),
    ]);
  });

  it('against GitHub without PSRT_SESSION_SECRET exits 78 saying to set it, before opening anything', async () => {
    const ws = newWorkspace({ github: { appId: 12345 } });
    const exit = await serveUntilExit(ws.dir, QUICK_MS, {
      env: cleanEnv({ GITHUB_APP_PRIVATE_KEY: 'not-checked-before-the-secret' }),
    });
    expectRefusal(exit, 'PSRT_SESSION_SECRET must be set');
    expect(exit.code).toBe(78);
  });

  it('on a port another program listens on names the port and how to choose another, opening no database', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const ws = newWorkspace();
      const exit = await serveUntilExit(ws.dir, QUICK_MS, { env: cleanEnv({ PSRT_PORT: String(port) }) });
      expectRefusal(exit, `Port ${port} on 127.0.0.1 is already in use`);
      expect(exit.stderr).toContain('PSRT_PORT');
      // The port is checked first: the data folder was never created.
      expect(() => mkdirSync(ws.dataDir)).not.toThrow();
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('on a data folder another live process holds names that process and the way out', async () => {
    const ws = newWorkspace();
    const lock = acquireFolderLock(ws.dataDir);
    try {
      const exit = await serveUntilExit(ws.dir, QUICK_MS);
      expectRefusal(exit, `in use by process ${process.pid}`);
      expect(exit.stderr).toContain('DATABASE_URL');
    } finally {
      lock.release();
    }
  });

  it('on a PostgreSQL server that does not answer says to check DATABASE_URL', async () => {
    const ws = newWorkspace();
    const exit = await serveUntilExit(ws.dir, QUICK_MS, {
      env: cleanEnv({ DATABASE_URL: 'postgres://psrt:secret-pw@127.0.0.1:1/psrt' }),
    });
    expectRefusal(exit, 'Cannot connect to the PostgreSQL server in DATABASE_URL');
    expect(exit.stderr).toContain('Check that the server is running');
    expect(exit.stderr).not.toContain('secret-pw');
  });
});

describe('psrt serve from a checkout with files missing', () => {
  // One copy without the simulators; its sandbox roster is taken away for the first case only.
  const checkout = copyCheckout(['sim']);
  afterAll(() => checkout.remove());
  const ws = newWorkspace();

  it(
    'without the sandbox roster names the missing file and how to restore it, and frees the data folder',
    async () => {
      const roster = join(checkout.dir, 'sandbox', 'psrt.csv');
      renameSync(roster, `${roster}.away`);
      try {
        // Any free port: the default one may be taken by another psrt on this machine.
        const exit = await serveUntilExit(ws.dir, ALLOW_MS, { bin: checkout.bin, args: ['--port', '0'] });
        expectRefusal(exit, `A file psrt needs is missing: ${roster}`);
        expect(exit.stderr).toContain('git checkout -- sandbox/psrt.csv');
      } finally {
        renameSync(`${roster}.away`, roster);
      }
      const store = await openStore({ dataDir: ws.dataDir });
      await store.close();
    },
    ALLOW_MS + 15_000,
  );

  it(
    'without the simulators the sandbox needs says they could not start and how to run against GitHub instead',
    async () => {
      const exit = await serveUntilExit(ws.dir, ALLOW_MS, { bin: checkout.bin });
      expectRefusal(exit, "The sandbox's GitHub and CVE Services simulators could not start");
      expect(exit.stderr).toContain('github.appId and GITHUB_APP_PRIVATE_KEY');
      const store = await openStore({ dataDir: ws.dataDir });
      await store.close();
    },
    ALLOW_MS + 15_000,
  );
});
