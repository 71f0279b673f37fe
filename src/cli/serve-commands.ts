// `psrt serve`, which (like `psrt db migrate`, in db-commands.ts) may change the
// schema. It runs until SIGINT or SIGTERM, then stops cleanly (exit 0); a
// second signal stops it at once. The server and the database code load only
// for these commands: any other may be a client of a running psrt, and starts fast.
import type { Command } from 'commander';
import { parseWholeNumber } from './arguments.ts';
import { globalOptions, readConfig } from './runtime.ts';
import { stopSignal } from './stop-signal.ts';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('run the web dashboard (sandbox with demo data when no GitHub App is configured)')
    .option('-p, --port <port>', 'port to listen on (default from config, 8080)')
    .addHelpText(
      'after',
      '\nApplies pending schema migrations first. Stops cleanly on SIGINT or SIGTERM (Ctrl-C):\n' +
        'stops taking requests, lets the work in hand finish (up to 10 s), closes the database, exits 0.\n' +
        'If it cannot start, it says why in one line and exits non-zero (PSRT_DEBUG=1 adds the stack).',
    )
    .action(async function (this: Command, opts) {
      const config = readConfig(globalOptions(this));
      if (opts.port !== undefined) config.server.port = parseWholeNumber(opts.port, '--port', 0, 65535);
      // Listen from the start: a signal during start-up stops the server as soon as it is up.
      const stop = stopSignal();
      try {
        const { startServer } = await import('../web/server.ts');
        const server = await startServer(config);
        process.stdout.write(`psrt ${config.sandbox ? 'sandbox ' : ''}listening on ${server.url}\n`);
        const signal = await stop.received;
        server.ctx.log.info({ signal }, 'psrt is stopping');
        await server.close();
        server.ctx.log.info('psrt stopped');
      } finally {
        stop.dispose();
      }
    });
}
