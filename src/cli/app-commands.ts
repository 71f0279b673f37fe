// `psrt app manifest|create`: psrt's GitHub App. `manifest` prints the App manifest (app.yml);
// `create` registers the App through GitHub's App-manifest flow and writes its credentials where
// the configuration reads them. Both run here, without the database.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  checkWritable,
  credentialEnvironment,
  credentialFiles,
  existingCredentials,
} from '../config/app-credentials.ts';
import { configFilePath, loadConfig, publicUrl } from '../config/config.ts';
import { githubLoginPattern } from '../domain/identifiers.ts';
import { appManifest, exampleUrl, manifestYaml } from '../github/app-manifest.ts';
import { installUrl, runManifestFlow } from './app-create.tsx';
import { parseWholeNumber } from './arguments.ts';
import { CliError, globalOptions, print, readConfig } from './runtime.ts';
import { stopSignal } from './stop-signal.ts';
import { terminalText } from './terminal.ts';

const httpUrl = z.url({ protocol: /^https?$/ });

function parseUrl(value: string, what: string, schema: z.ZodType<string> = httpUrl): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new CliError(
      `${what}: "${terminalText(value)}" ${parsed.error.issues[0]?.message ?? 'is not a URL'}`,
      2,
    );
  return value.replace(/\/+$/, '');
}

function parseAppName(value: string): string {
  // GitHub takes up to 34 characters and makes the App's slug from them.
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,33}$/.test(value))
    throw new CliError(
      `--name: "${terminalText(value)}" is not an App name (up to 34 letters, digits, spaces, dots, hyphens or underscores)`,
      2,
    );
  return value;
}

function parseOrg(value: string): string {
  if (!githubLoginPattern.test(value))
    throw new CliError(`--org: "${terminalText(value)}" is not a GitHub organisation`, 2);
  return value;
}

/** Opens the page in the system's browser; failing that, the person opens the printed URL. */
function openInBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  const child = spawn(command ?? 'xdg-open', args, { detached: true, stdio: 'ignore' });
  child.once('error', () => process.stderr.write(`psrt: could not open a browser: open ${url} yourself\n`));
  child.unref();
}

interface CreateOptions {
  org?: string;
  name: string;
  url?: string;
  githubUrl?: string;
  apiUrl?: string;
  envFile?: string;
  port: number;
  timeout: number;
  open?: boolean;
  force?: boolean;
}

export function registerAppCommands(program: Command): void {
  const app = program
    .command('app')
    .description("psrt's GitHub App: its manifest, and creating it on GitHub");

  app
    .command('manifest')
    .description("print psrt's GitHub App manifest (app.yml): the permissions and events psrt uses")
    .option('--url <public-url>', `psrt's public URL (default: server.publicUrl, else ${exampleUrl})`)
    .option('--name <name>', 'the App name', parseAppName, 'psrt')
    .action(function (this: Command) {
      const options = globalOptions(this);
      const opts = this.opts<{ url?: string; name: string }>();
      const url = opts.url === undefined ? undefined : parseUrl(opts.url, '--url', publicUrl);
      const manifest = appManifest({
        name: opts.name,
        publicUrl: url ?? readConfig(options).server.publicUrl ?? exampleUrl,
      });
      print(options, manifest, () => manifestYaml(manifest).trimEnd());
    });

  app
    .command('create')
    .description(
      "register psrt's GitHub App through GitHub's App-manifest flow and write its id, key and secrets where psrt reads them",
    )
    .option('--org <org>', 'the organisation that will own the App (default: your own account)', parseOrg)
    .option(
      '--name <name>',
      'the App name GitHub proposes (unique on GitHub; changeable there)',
      parseAppName,
      'psrt',
    )
    .option('--url <public-url>', "psrt's public URL for the webhook and sign-in (default: server.publicUrl)")
    .option(
      '--github-url <url>',
      'GitHub (default: github.webUrl, https://github.com); also written to the config',
    )
    .option(
      '--api-url <url>',
      "GitHub's API (default: github.apiUrl, https://api.github.com); also written to the config",
    )
    .option('--env-file <file>', 'where the secrets go (default: psrt.env beside the config file)')
    .option('--port <port>', 'port of the local page on 127.0.0.1 (default: any free port)', (v) =>
      parseWholeNumber(v, '--port', 0, 65535),
    )
    .option('--timeout <seconds>', 'how long to wait for GitHub (default 900)', (v) =>
      parseWholeNumber(v, '--timeout', 1, 3600),
    )
    .option('--open', 'open the local page in your browser')
    .option('--force', "replace an App's credentials already in the config or environment file")
    .addHelpText(
      'after',
      [
        '',
        'It prints a page on 127.0.0.1 to open in a browser signed in to GitHub. Its button posts the',
        'manifest (app.yml, with your public URL) to GitHub; GitHub shows the App, creates it and sends',
        'the browser back, and psrt writes:',
        '  github.appId, github.oauthClientId      to the config file',
        '  PSRT_WEBHOOK_SECRET, PSRT_GITHUB_CLIENT_SECRET, GITHUB_APP_PRIVATE_KEY_FILE',
        '                                          to the environment file (mode 600; systemd EnvironmentFile=)',
        '  the private key                         to github-app.pem beside it (mode 600)',
        'Secrets are never printed. Then install the App on the organisations psrt watches.',
        '',
        'Example:',
        '  $ psrt app create --org python --name "PSRT" --url https://psrt.python.org --open',
      ].join('\n'),
    )
    .action(async function (this: Command) {
      const options = globalOptions(this);
      const opts = this.opts<CreateOptions>();
      const config = readConfig(options);
      const files = credentialFiles(configFilePath({ file: options.config }), opts.envFile);

      const givenUrl = opts.url ?? config.server.publicUrl;
      if (givenUrl === undefined)
        throw new CliError(
          "psrt's public URL is needed (GitHub sends webhooks to it and signs people in through it): give --url, or set server.publicUrl",
          2,
        );
      const githubUrls = {
        ...(opts.githubUrl === undefined ? {} : { webUrl: parseUrl(opts.githubUrl, '--github-url') }),
        ...(opts.apiUrl === undefined ? {} : { apiUrl: parseUrl(opts.apiUrl, '--api-url') }),
      };

      const existing = existingCredentials(files);
      if (existing.length > 0 && !opts.force)
        throw new CliError(
          `psrt already has a GitHub App's credentials:\n  ${existing.join('\n  ')}\nRun again with --force to replace them with a new App's.`,
          1,
        );
      checkWritable(files);

      const stop = stopSignal();
      try {
        const created = await runManifestFlow({
          name: opts.name,
          org: opts.org ?? null,
          publicUrl: parseUrl(givenUrl, opts.url === undefined ? 'server.publicUrl' : '--url', publicUrl),
          webUrl: githubUrls.webUrl ?? config.github.webUrl,
          apiUrl: githubUrls.apiUrl ?? config.github.apiUrl,
          files,
          githubUrls,
          port: opts.port ?? 0,
          timeoutMs: (opts.timeout ?? 900) * 1000,
          stopped: stop.received,
          onListening: (page) => {
            process.stderr.write(
              `Open ${page} in a browser signed in to GitHub${opts.org ? ` as an owner of ${opts.org}` : ''}:\n` +
                `its button asks GitHub to create the App "${opts.name}". Waiting for GitHub to send you back…\n`,
            );
            if (opts.open) openInBrowser(page);
          },
        });
        // What was written is what psrt reads: the configuration loads, outside the sandbox.
        const written = loadConfig({
          file: files.configFile,
          env: { ...process.env, GITHUB_APP_PRIVATE_KEY: '', ...credentialEnvironment(files, created) },
        });
        if (written.sandbox || written.github.appId !== created.id)
          throw new CliError(`the configuration at ${files.configFile} does not name the new App`, 1);
        const result = {
          appId: created.id,
          slug: created.slug,
          name: created.name,
          owner: created.owner,
          htmlUrl: created.htmlUrl,
          installUrl: installUrl(created),
          ...files,
        };
        print(options, result, () =>
          [
            terminalText(
              `Created the GitHub App "${created.name}" (id ${created.id}, owned by ${created.owner}): ${created.htmlUrl}`,
            ),
            `  github.appId, github.oauthClientId        in ${files.configFile}`,
            `  PSRT_WEBHOOK_SECRET, PSRT_GITHUB_CLIENT_SECRET, GITHUB_APP_PRIVATE_KEY_FILE  in ${files.envFile} (mode 600)`,
            `  the private key                           in ${files.keyFile} (mode 600)`,
            `Next: install it on the organisations psrt watches: ${installUrl(created)}`,
            `and start psrt with the environment file (systemd: EnvironmentFile=${files.envFile}).`,
          ].join('\n'),
        );
      } finally {
        stop.dispose();
      }
    });
}
