// `psrt config check`: the configuration psrt serve would read (the file and
// the environment), with every problem at once, then whether each configured
// service answers. Exit 0 when all is well, 1 otherwise; never prints a secret.
import type { Command } from 'commander';
import { allOk, type CheckResult, configurationChecks } from '../config/check.ts';
import { readConfiguration } from '../config/config.ts';
import { parseWholeNumber } from './arguments.ts';
import { globalOptions, print, table } from './runtime.ts';

export function registerConfigCommands(program: Command): void {
  const config = program
    .command('config')
    .description('the configuration: check it before psrt serve runs with it');

  config
    .command('check')
    .description(
      'list every problem of the config file and the environment, then check that each configured service answers',
    )
    .option('--offline', 'check only the file and the environment, contacting nothing')
    .option(
      '--timeout <seconds>',
      'how long each service may take to answer (default 10)',
      (v) => parseWholeNumber(v, '--timeout', 1, 120),
      10,
    )
    .addHelpText(
      'after',
      [
        '',
        'Reads the file and the environment exactly as psrt serve does (--config, PSRT_CONFIG, psrt.config.json).',
        'Then, unless --offline, asks at once and each within the time limit: the database (does it',
        'answer, are its migrations current), the GitHub App (its id and key, the installation on',
        'github.org, its permissions and events, the PSRT team), CVE Services (cna.user and CVE_API_KEY,',
        'the ID quota), the SMTP relay (greeting and login), the IMAP mailbox, the advisory database',
        'checkout (a writable git checkout) and the OpenPGP key (unlocks and decrypts).',
        'Each is ok, a problem (saying what to do) or skipped (not configured). Exit 0 when nothing is',
        'a problem, 1 otherwise. No secret, nor any part of one, is printed.',
      ].join('\n'),
    )
    .action(async function (this: Command, opts: { offline?: boolean; timeout: number }) {
      const options = globalOptions(this);
      const reading = readConfiguration({ file: options.config });
      const results: CheckResult[] = configurationChecks(reading);
      if (!opts.offline) {
        if (reading.config) {
          const { checkServices } = await import('../app/service-check.ts');
          results.push(...(await checkServices(reading.config, { timeoutMs: opts.timeout * 1000 })));
        } else {
          results.push({
            check: 'services',
            status: 'skipped',
            detail: 'not asked until the configuration above is fixed',
          });
        }
      }
      const ok = allOk(results);
      print(options, { source: reading.source, ok, checks: results }, () => {
        const problems = results.filter((r) => r.status === 'problem').length;
        return [
          table(
            ['STATUS', 'CHECK', 'DETAIL'],
            results.map((r) => [r.status, r.check, r.detail]),
          ),
          ok ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'}`,
        ].join('\n');
      });
      if (!ok) process.exitCode = 1;
    });
}
