// Stopping the real `psrt serve` the way a supervisor or a person at the
// terminal does (and the addresses it logs, first things first): SIGTERM or Ctrl-C (SIGINT) stops it cleanly, exit 0, in a
// few seconds, and leaves the embedded database folder free for the next
// process.
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { type Workspace, workspace } from './psrt.ts';
import { startServe } from './serve-support.ts';

// Logging on, to see it say that it stopped.
const ws: Workspace = workspace({ log: { level: 'info' } });
afterAll(() => ws.remove());

/** Enough for a busy machine; a server that does not stop takes forever. */
const STOP_MS = 15_000;

describe('stopping psrt serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} closes the database and exits 0, leaving the data folder free`, async () => {
      const serve = await startServe(ws.dir);
      expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
      serve.child.kill(signal);
      const exit = await serve.exit(STOP_MS);
      expect(exit.hung).toBe(false);
      expect(exit.code).toBe(0);
      expect(exit.stderr).toBe('');
      expect(exit.stdout).toContain('"msg":"psrt stopped"');
      // What scripts read from the log: the first address is the dashboard's, and the first
      // smtp:// one is security@'s intake (not the sandbox's outgoing mail).
      const port = new URL(serve.url).port;
      expect(/(?:localhost|127\.0\.0\.1):(\d+)/.exec(exit.stdout)?.[1]).toBe(port);
      const intake = /security@ intake listening at (smtp:\/\/127\.0\.0\.1:\d+)/.exec(exit.stdout)?.[1];
      expect(intake).toBeDefined();
      expect(/smtp:\/\/127\.0\.0\.1:\d+/.exec(exit.stdout)?.[0]).toBe(intake);
      await expect(fetch(`${serve.url}/healthz`)).rejects.toThrow();
      const store = await openStore({ dataDir: ws.dataDir });
      await store.close();
    }, 90_000);
  }
});
