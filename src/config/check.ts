// `psrt config check`, the part that needs no network: every problem of the
// file and the environment at once, then what a production psrt needs beyond a
// valid file (the secrets psrt serve refuses to start without, sign-in, the
// webhook secret). Pure: it reads a ConfigReading and says what it finds.
import type { Config, ConfigReading } from './config.ts';

export type CheckStatus = 'ok' | 'problem' | 'skipped';

/** One thing checked: ok, a problem (the detail says what to do), or skipped (not configured). */
export interface CheckResult {
  check: string;
  status: CheckStatus;
  /** What was found, or what to do; never a secret. */
  detail: string;
}

const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
const problem = (check: string, detail: string): CheckResult => ({ check, status: 'problem', detail });
const skipped = (check: string, detail: string): CheckResult => ({ check, status: 'skipped', detail });

/** The file and the environment: one result per problem, or one saying what psrt would run as. */
export function configurationChecks(reading: ConfigReading): CheckResult[] {
  if (!reading.config)
    return reading.problems.map((p) =>
      problem('configuration', p.where === reading.source ? p.message : `${p.where}: ${p.message}`),
    );
  const config = reading.config;
  const from = config.source === 'defaults' ? 'no file (the defaults)' : config.source;
  return [
    ok(
      'configuration',
      `${from} and the environment: ${config.sandbox ? 'the sandbox (no GitHub App configured)' : `GitHub App ${config.github.appId} on ${config.github.org}`}`,
    ),
    ...productionChecks(config),
  ];
}

/** What psrt serve needs, or warns about, when it runs against GitHub; the sandbox makes its own. */
function productionChecks(config: Config): CheckResult[] {
  const { secrets, github, server } = config;
  if (config.sandbox) {
    const why = 'the sandbox makes its own';
    return [
      skipped('session secret', why),
      skipped('webhook secret', why),
      skipped('sign-in', 'the sandbox signs people in through its GitHub simulator'),
    ];
  }
  return [
    secrets.sessionSecret
      ? ok('session secret', 'PSRT_SESSION_SECRET is set')
      : problem(
          'session secret',
          'PSRT_SESSION_SECRET is not set: psrt serve refuses to start without it. Set it to 32 or more random characters (e.g. `openssl rand -hex 32`).',
        ),
    secrets.githubWebhookSecret
      ? ok('webhook secret', 'PSRT_WEBHOOK_SECRET is set')
      : problem(
          'webhook secret',
          "PSRT_WEBHOOK_SECRET is not set: every GitHub webhook delivery is refused. Set it to the App's webhook secret.",
        ),
    github.oauthClientId && secrets.githubClientSecret
      ? ok('sign-in', `"Sign in with GitHub" with client ID ${github.oauthClientId} at ${github.webUrl}`)
      : problem(
          'sign-in',
          'github.oauthClientId and PSRT_GITHUB_CLIENT_SECRET are not set: nobody can sign in. Set them from the App\'s settings page (docs/configuration.md, "Signing in").',
        ),
    server.publicUrl
      ? ok('public URL', server.publicUrl)
      : problem(
          'public URL',
          'server.publicUrl is not set: links in mail and the sign-in callback need the address people reach psrt at. Set it, e.g. "https://psrt.example.org".',
        ),
  ];
}

/** Results with a problem make the check fail. */
export function allOk(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.status !== 'problem');
}

/** Every secret of a configuration, to keep out of what the check prints (the database password too). */
export function secretsOf(config: Config): string[] {
  const values = Object.values(config.secrets).filter((value): value is string => typeof value === 'string');
  const databasePassword = config.databaseUrl ? databaseUrlPassword(config.databaseUrl) : null;
  return databasePassword ? [...values, databasePassword] : values;
}

function databaseUrlPassword(url: string): string | null {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? null : password;
  } catch {
    return null;
  }
}

/**
 * `text` with every secret, and every long line or word of one, replaced: what
 * a service answers may quote what it was sent, and a key has many lines.
 */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  const pieces = secrets
    .flatMap((secret) => [secret, ...secret.split(/\s+/)])
    .filter((piece) => piece.length >= 6)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const piece of pieces) out = out.split(piece).join('[secret]');
  return out;
}
