// `psrt effects …`: what psrt did and will do outside (CVE IDs, GHSA changes,
// comments, mail), run the runner by hand, and re-drive a failed effect.
import type { Command } from 'commander';
import * as routes from '../web/api/routes/admin.ts';
import { withApi } from './api.ts';
import { parseWholeNumber } from './arguments.ts';
import { effectsTable } from './effects-text.ts';
import { CliError, globalOptions, print } from './runtime.ts';

export function registerEffectsCommands(program: Command): void {
  const effects = program
    .command('effects')
    .description('what psrt does outside (CVE IDs, GHSA changes, comments, mail): list, run, retry');

  effects
    .command('list')
    .description('effects with their status, attempts and last error, oldest first')
    .option('--failed', 'only the effects the runner gave up on')
    .option('--pending', 'only the effects waiting to be performed')
    .option('--report <id>', 'only the effects of one report')
    .option('--latest <n>', 'only the newest N (default 50)', (v) =>
      parseWholeNumber(v, '--latest', 1, 10_000),
    )
    .action(function (
      this: Command,
      opts: { failed?: boolean; pending?: boolean; report?: string; latest?: number },
    ) {
      const options = globalOptions(this);
      if (opts.failed && opts.pending) throw new CliError('Choose --failed or --pending, not both.', 2);
      return withApi(options, 'person', async (api) => {
        const status = opts.failed ? 'failed' : opts.pending ? 'pending' : undefined;
        const listed = await api.call(routes.listEffects, {
          query: { status, report: opts.report, latest: opts.latest ?? 50 },
        });
        const { byStatus, oldestPendingSince } = listed.summary;
        print(options, listed, () =>
          [
            effectsTable(listed.effects),
            `${byStatus.pending} pending${oldestPendingSince ? ` (oldest due ${oldestPendingSince.toISOString()})` : ''}, ` +
              `${byStatus.claimed} in progress, ${byStatus.done} done, ${byStatus.failed} failed`,
          ].join('\n'),
        );
      });
    });

  effects
    .command('retry <id>')
    .description('drive a failed effect again, now, with a fresh set of attempts')
    .action(function (this: Command, id: string) {
      const options = globalOptions(this);
      const effectId = parseWholeNumber(id, 'effect id', 1, Number.MAX_SAFE_INTEGER);
      return withApi(options, 'person', async (api) => {
        const effect = await api.call(routes.retryEffect, { params: { effectId } });
        print(options, effect, () => `effect ${effect.id} (${effect.kind}) is pending again`);
      });
    });

  effects
    .command('run')
    .description('perform due effects until stopped (Ctrl-C), or once with --once')
    .option('--once', 'perform what is due now, then exit')
    .addHelpText(
      'after',
      '\n`psrt serve` runs the runner itself; use this beside a server on PostgreSQL, or to drain\n' +
        'the queue by hand. Effects whose service is not configured (GitHub App, CNA user and key,\n' +
        'mail relay, advisory database checkout) wait, pending. In the sandbox the simulators live inside `psrt serve`.',
    )
    .action(async function (this: Command, opts: { once?: boolean }) {
      const options = globalOptions(this);
      // The runner works on the database itself, here: it is no API call.
      const [{ actingPrincipal, withApp }, { requireEffectsAccess }, { serviceOf }, runner, services, db] =
        await Promise.all([
          import('./local.ts'),
          import('../app/effects/manage.ts'),
          import('../app/effects/performers.ts'),
          import('../app/effects/runner.ts'),
          import('../app/effects/services.ts'),
          import('../app/advisory-database.ts'),
        ]);
      const { performDueEffects, startEffectRunner } = runner;
      const { effectServices } = services;
      const { advisoryDatabaseOf } = db;
      const { stopSignal } = await import('./stop-signal.ts');
      return withApp(options, async (ctx, config, app) => {
        requireEffectsAccess(await actingPrincipal(ctx, config, options));
        const deps = { ...ctx, services: effectServices(app, config.mail, advisoryDatabaseOf(config)) };
        const missing = (['github', 'cna', 'mailer', 'advisoryDatabase'] as const).filter(
          (service) => deps.services[service] === null,
        );
        if (missing.length > 0) {
          const kinds = Object.entries(serviceOf)
            .filter(([, service]) => missing.includes(service))
            .map(([kind]) => kind);
          process.stderr.write(
            `psrt: not configured: ${missing.join(', ')}; ${kinds.join(', ')} effects wait.\n`,
          );
        }
        if (opts.once) {
          const pass = await performDueEffects(deps);
          print(
            options,
            pass,
            () => `${pass.done} done, ${pass.retrying} to retry later, ${pass.failed} failed`,
          );
          return;
        }
        const stop = stopSignal();
        const runner = startEffectRunner(deps);
        process.stderr.write('psrt: performing effects; Ctrl-C stops\n');
        await stop.received;
        stop.dispose();
        await runner.stop(10_000);
      });
    });
}
