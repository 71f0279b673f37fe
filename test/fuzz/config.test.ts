// Hostile configuration: whatever JSON is in psrt.config.json and whatever the
// environment holds, loadConfig either returns a configuration or throws a
// ConfigError naming the field that is wrong; never a TypeError or a crash,
// and never a secret's value in the message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { fuzz, mutated } from './runs.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'psrt-fuzz-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = path.join(folder, 'psrt.config.json');

/** A configuration that is valid in every section, as an operator writes it. */
const validFile = {
  server: { host: '127.0.0.1', port: 8080, publicUrl: 'https://psrt.example.org' },
  database: { dataDir: 'data' },
  github: { org: 'python', team: 'psrt', appId: 12345, pollSeconds: 30, botName: 'psrt-bot' },
  cna: { shortName: 'PSF', user: 'psrt@python.org', operators: ['sethmlarson'] },
  advisoryDatabase: { checkout: 'advisory-database', push: false },
  mail: { smtp: 'smtp://psrt@mail.example.org:587', from: 'PSRT <security@python.org>' },
  intake: {
    smtpPort: 2525,
    maxMessageBytes: 10485760,
    imap: { url: 'imaps://security@imap.example.org:993', pollSeconds: 60 },
    acknowledgeDays: 7,
    pythonBranches: { '3.14': 'bugfix', '3.9': 'end-of-life' },
    forwardTo: [{ name: 'PyPI', address: 'security@pypi.org' }],
  },
  scheduler: { intervalSeconds: 60, coordinatorIdleDays: 3 },
  operator: 'sethmlarson',
  steeringCouncil: ['gpshead'],
  membership: { coreRepository: 'python/cpython', psfStaff: ['ewdurbin'], driftCheckHours: 24 },
  log: { level: 'info' },
};

const secretValue = 'hunter2-SECRET-VALUE-never-in-a-message';
const validEnv: Record<string, string> = {
  GITHUB_APP_PRIVATE_KEY: secretValue,
  PSRT_SESSION_SECRET: `${secretValue}-0123456789abcdef`,
  PSRT_SMTP_PASSWORD: secretValue,
  PSRT_IMAP_PASSWORD: secretValue,
};

/** Any JSON value, with the keys configuration uses (and a few that poison objects) favoured. */
const keys = fc.constantFrom(
  ...Object.keys(validFile),
  'host',
  'port',
  'url',
  'publicUrl',
  'appId',
  'imap',
  'forwardTo',
  '__proto__',
  'constructor',
  'toString',
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 20 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(keys, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** The valid file with one value somewhere in it replaced by anything. */
function withReplaced(base: unknown): fc.Arbitrary<unknown> {
  if (base === null || typeof base !== 'object') return anyJson;
  const entries = Object.entries(base as Record<string, unknown>);
  return fc.oneof(
    anyJson,
    fc
      .constantFrom(...entries.map(([key]) => key))
      .chain((key) =>
        withReplaced((base as Record<string, unknown>)[key]).map((value) =>
          Array.isArray(base) ? Object.assign([...base], { [key]: value }) : { ...base, [key]: value },
        ),
      ),
    // An unknown key next to the known ones.
    fc.tuple(fc.string({ maxLength: 10 }), anyJson).map(([key, value]) => ({ ...base, [key]: value })),
  );
}

const envNames = [
  'DATABASE_URL',
  'PSRT_SESSION_SECRET',
  'PSRT_PORT',
  'PSRT_ACTOR',
  'GITHUB_APP_PRIVATE_KEY',
  'PSRT_WEBHOOK_SECRET',
  'PSRT_GITHUB_CLIENT_SECRET',
  'CVE_API_KEY',
  'PSRT_SMTP_PASSWORD',
  'PSRT_IMAP_PASSWORD',
  'PSRT_OPENPGP_PASSPHRASE',
  'PSRT_URL',
  'PSRT_TOKEN',
];
const envValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '0',
    '65536',
    '-1',
    '8080',
    'postgres://',
    'http://0',
    'psrt_',
    'x'.repeat(40),
    secretValue,
  ),
);
const hostileEnv = fc.dictionary(fc.constantFrom(...envNames), envValue, { maxKeys: 6 });

/** Loads `text` as the config file with `env`: the configuration, or the ConfigError's message. */
function load(text: string, env: Record<string, string>): { ok: true } | { ok: false; message: string } {
  writeFileSync(file, text);
  try {
    loadConfig({ file, env, cwd: folder });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, message: error.message };
  }
}

/** A refusal names what is wrong: a field (`server.port: …`), the file, or the variables that go together. */
function expectClearRefusal(message: string): void {
  expect(message).not.toContain(secretValue);
  expect(message).toMatch(
    /is invalid:\n {2}(\(top level\)|\S+): \S|is not valid JSON|go together|is set but|needs a user/,
  );
}

describe('configuration, fuzzed', () => {
  it('the valid configuration used as the base of the properties loads', () => {
    expect(load(JSON.stringify(validFile), validEnv)).toEqual({ ok: true });
  });

  it('any JSON in the config file loads or is refused with a ConfigError naming the field', () => {
    fuzz(
      fc.property(fc.oneof(anyJson, withReplaced(validFile)), (json) => {
        const answer = load(JSON.stringify(json), validEnv);
        if (!answer.ok) expectClearRefusal(answer.message);
      }),
      400,
    );
  });

  it('a config file with its text mutated (not JSON any more, or other JSON) loads or is refused clearly', () => {
    fuzz(
      fc.property(mutated(JSON.stringify(validFile, null, 2)), (text) => {
        const answer = load(text, validEnv);
        if (!answer.ok) expectClearRefusal(answer.message);
      }),
      300,
    );
  });

  it('any environment loads or is refused with a ConfigError naming the variable, never echoing a secret', () => {
    fuzz(
      fc.property(hostileEnv, fc.boolean(), (env, withFile) => {
        const answer = load(
          withFile ? JSON.stringify(validFile) : '{}',
          withFile ? { ...validEnv, ...env } : env,
        );
        if (!answer.ok) expectClearRefusal(answer.message);
      }),
      400,
    );
  });
});
