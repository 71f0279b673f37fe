// The sandbox as a newcomer starts it: the real `psrt serve` (node bin/psrt.js serve) in a folder of
// its own with no GitHub credentials, on a free port, answering /healthz. Stopping it gives back
// what it logged, for the test to show when something failed.
import { expect } from 'vitest';
import { workspace } from '../cli/psrt.ts';
import { type Exit, startServe } from '../cli/serve-support.ts';

export interface Sandbox {
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL if it hangs) and removes its folder; resolves with its output. */
  stop(): Promise<Exit>;
}

/** `config`: more of psrt.config.json (the data folder is `data` beside it, the log at info). */
export async function startSandbox(config: Record<string, unknown> = {}): Promise<Sandbox> {
  const ws = workspace({ log: { level: 'info' }, ...config });
  try {
    const serve = await startServe(ws.dir);
    const stop = async () => {
      serve.child.kill('SIGTERM');
      const exit = await serve.exit(15_000);
      ws.remove();
      return exit;
    };
    const health = await fetch(`${serve.url}/healthz`).catch((error: Error) => error);
    if (health instanceof Error || health.status !== 200) {
      const exit = await stop();
      expect.fail(`psrt serve did not answer /healthz: ${health}\n${exit.stdout}\n${exit.stderr}`);
    }
    return { url: serve.url, stop };
  } catch (error) {
    ws.remove();
    throw error;
  }
}
