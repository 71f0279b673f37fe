// `psrt sim github|cve`: the local simulators of GitHub and CVE Services as
// standalone servers, for trying psrt's clients or a second psrt instance
// against them. They serve until interrupted.
import type { Command } from 'commander';
import { CliError } from './runtime.ts';
import { stopSignal } from './stop-signal.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliError(`--port must be a whole number from 0 to 65535, not "${value}"`, 2);
  return n;
}

/** Serves until SIGINT or SIGTERM (as `psrt serve` stops), then closes the simulator. */
async function closeWhenStopped(running: { close(): Promise<void> }): Promise<void> {
  const stop = stopSignal();
  try {
    await stop.received;
    await running.close();
  } finally {
    stop.dispose();
  }
}

/** Where a simulator listens (`--port`, `--host`) and keeps its state (`--state-dir`). */
const listening = (command: Command): Command =>
  command
    .option('-p, --port <port>', 'port to listen on (0: any free port)', port, 0)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--state-dir <folder>',
      'keep the whole state in this folder (state.json), read at start and saved after every change; default: memory only',
    );

/** `--state-dir` as the simulators take it, or nothing. */
const stateDir = (opts: { stateDir?: string }) => (opts.stateDir ? { stateDir: opts.stateDir } : {});

export function registerSimCommands(program: Command): void {
  const sim = program.command('sim').description('run the local simulators of GitHub and CVE Services');

  listening(sim.command('github'))
    .description(
      'a GitHub REST API simulator (repository advisories, the Advisory Database, App auth, teams, issues, commits, search, webhooks); control API under /_sim',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ psrt sim github --port 9000 --state-dir .psrt/github-sim',
        '  $ curl -X POST localhost:9000/_sim/orgs -d \'{"login":"python","owners":["ned"]}\'',
        '  $ curl -X POST localhost:9000/_sim/faults -d \'{"match":{"path":"^/repos/"},"kind":"status","status":502}\'',
        '',
        'Its own pages, to act on GitHub as any user (report, accept, comment, forks): /_sim/view/',
        'The control API (seed, act in the web UI, faults, clock, webhooks) and the choices made where',
        "GitHub's behaviour is undocumented, with the knobs that change them: sim/github/README.md",
      ].join('\n'),
    )
    .action(async (opts) => {
      const { startGitHubSim } = await import('../../sim/github/index.ts');
      const running = await startGitHubSim({ port: opts.port, host: opts.host, ...stateDir(opts) });
      process.stdout.write(
        `GitHub simulator listening on ${running.url} (seed it through ${running.url}/_sim, see it at ${running.url}/_sim/view/)\n` +
          (opts.stateDir
            ? `  state kept in ${opts.stateDir}${running.sim.restored ? ' (restored)' : ''}\n`
            : ''),
      );
      await closeWhenStopped(running);
    });

  listening(sim.command('cve'))
    .description(
      'a CVE Services simulator with the PSF as CNA (ID reservation, CVE records); control API under /_sim',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ psrt sim cve --port 9001',
        '  $ curl -X POST localhost:9001/_sim/faults -d \'{"path":"/cve-id","status":503}\'',
        '',
        'The control API (orgs, users, clock, faults, ID ranges) and how each fault is answered:',
        'sim/cve-services/README.md',
      ].join('\n'),
    )
    .action(async (opts) => {
      const { demoPsf, startCveSim } = await import('../../sim/cve-services/index.ts');
      const running = await startCveSim({ port: opts.port, host: opts.host, ...stateDir(opts) });
      const user = demoPsf.users?.[0];
      process.stdout.write(
        `CVE Services simulator listening on ${running.url}\n` +
          `  API base URL ${running.apiUrl}; org ${demoPsf.shortName}, user ${user?.username}, API key ${user?.apiKey}\n` +
          (opts.stateDir
            ? `  state kept in ${opts.stateDir}${running.sim.restored ? ' (restored)' : ''}\n`
            : ''),
      );
      await closeWhenStopped(running);
    });
}
