// `psrt app create` end to end: the real command against the GitHub simulator, with the test as the
// browser (Chromium for the whole flow; fetch where it tampers with GitHub's answer). The App GitHub
// creates asks exactly psrt's permissions and events, the credentials land where the configuration
// reads them (secrets in mode 0600 files, never printed) and authenticate as the App; a wrong state,
// a spent code and existing credentials are refused with nothing written.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubSim } from '../../sim/github/index.ts';
import { loadConfig } from '../../src/config/config.ts';
import { appEvents, appPermissionLevels } from '../../src/github/app-manifest.ts';
import { createGitHubClient } from '../../src/github/index.ts';
import signAppJwt from '../sim/github/jwt.ts';
import { chromiumPath, haveChromium } from '../support/browser.ts';
import { bin, cleanEnv, type Workspace, workspace } from './psrt.ts';

const sim = createGitHubSim();
let simUrl: string;
let closeSim: () => Promise<void>;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  sim.control.addUser({ login: 'sethmlarson' });
  sim.control.addOrg({ login: 'python', owners: ['sethmlarson'] });
  const listening = await sim.listen();
  simUrl = listening.url;
  closeSim = listening.close;
});
afterAll(async () => {
  for (const ws of workspaces) ws.remove();
  await closeSim();
});

/** A folder with a config pointing psrt at the simulator, as an operator sets it up before creating the App. */
function operatorFolder(): Workspace {
  const ws = workspace({
    server: { publicUrl: 'https://psrt.example.org' },
    github: { webUrl: simUrl, apiUrl: simUrl },
  });
  workspaces.push(ws);
  return ws;
}

interface Running {
  /** The local page psrt printed. */
  page: string;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  child: ChildProcess;
}

/** Starts `psrt app create ARGS` and resolves once it prints the page to open. */
function startCreate(dir: string, args: string[], env = cleanEnv()): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'app', 'create', ...args], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const page = /Open (http:\/\/127\.0\.0\.1:\d+\/) /.exec(stderr)?.[1];
      if (page) resolve({ page, exited, child });
    });
    void exited.then((result) =>
      reject(new Error(`psrt app create exited ${result.code}: ${result.stderr}`)),
    );
  });
}

const entities: Record<string, string> = {
  '&quot;': '"',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&#39;': "'",
};
const decode = (text: string) => text.replace(/&(?:quot|amp|lt|gt|#39);/g, (e) => entities[e] ?? e);

/** The first POST form of a page: where it goes and its hidden fields. */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form on the page:\n${html}`);
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1] ?? '',
      decode(m[2] ?? ''),
    ]),
  );
  return { action: decode(action), fields };
}

/**
 * The browser's part up to GitHub's redirect, with fetch: psrt's page, its form posted to GitHub
 * (from psrt's origin), GitHub's page confirmed. Answers where GitHub sends the browser back.
 */
async function createOnGitHub(page: string): Promise<URL> {
  const local = formOf(await (await fetch(page)).text());
  const shown = await fetch(local.action, {
    method: 'POST',
    headers: { origin: new URL(page).origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(local.fields),
  });
  expect(shown.status).toBe(200);
  const confirm = formOf(await shown.text());
  const created = await fetch(new URL(confirm.action, simUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: simUrl, 'content-type': 'application/x-www-form-urlencoded' },
    // Nobody is signed in to the simulator: its page asks who creates an App on a personal account.
    body: new URLSearchParams({ ...confirm.fields, as: 'sethmlarson' }),
  });
  expect(created.status).toBe(302);
  return new URL(created.headers.get('location') ?? '');
}

/** The environment file as psrt's service reads it (NAME=value lines). */
function envFileOf(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('psrt app create', () => {
  // CI has Chromium; without it there, this fails at launch rather than passing unseen.
  it.runIf(haveChromium || process.env.CI)(
    "registers psrt's App through the manifest flow in a browser and writes credentials that authenticate as it",
    async () => {
      const ws = operatorFolder();
      const run = await startCreate(ws.dir, ['--org', 'python', '--name', 'PSRT test', '--timeout', '60']);
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox'],
      });
      try {
        const tab = await browser.newPage();
        await tab.goto(run.page);
        await tab.getByRole('button', { name: 'Create the App on GitHub' }).click();
        await tab.waitForURL((url) => url.pathname === '/organizations/python/settings/apps/new');
        await tab.getByRole('button', { name: 'Create GitHub App' }).click();
        await tab.waitForURL((url) => url.pathname === '/callback');
        expect(await tab.locator('h1').textContent()).toBe('PSRT test is created');
      } finally {
        await browser.close();
      }
      const result = await run.exited;
      expect(result.stderr).not.toContain('psrt:');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Created the GitHub App "PSRT test"');

      const config = JSON.parse(readFileSync(join(ws.dir, 'psrt.config.json'), 'utf8'));
      const envFile = join(ws.dir, 'psrt.env');
      const keyFile = join(ws.dir, 'github-app.pem');
      expect(statSync(envFile).mode & 0o777).toBe(0o600);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const env = envFileOf(envFile);
      expect(Object.keys(env).sort()).toEqual([
        'GITHUB_APP_PRIVATE_KEY_FILE',
        'PSRT_GITHUB_CLIENT_SECRET',
        'PSRT_WEBHOOK_SECRET',
      ]);
      // The same App the simulator made: its client secret, and a key only its owner got.
      const onGitHub = sim.control.appCredentials(config.github.appId);
      expect(config.github.oauthClientId).toBe(onGitHub.clientId);
      expect(env.PSRT_GITHUB_CLIENT_SECRET).toBe(onGitHub.clientSecret);
      const secrets = [env.PSRT_WEBHOOK_SECRET ?? '', env.PSRT_GITHUB_CLIENT_SECRET ?? ''];
      const keyLines = readFileSync(keyFile, 'utf8').split('\n').slice(1, 3);
      for (const secret of [...secrets, ...keyLines]) {
        expect(secret.length).toBeGreaterThan(20);
        expect(result.stdout + result.stderr).not.toContain(secret);
      }

      // psrt reads them: out of the sandbox, signing as the App.
      const loaded = loadConfig({ file: join(ws.dir, 'psrt.config.json'), env });
      expect(loaded.sandbox).toBe(false);
      const client = createGitHubClient({
        appId: loaded.github.appId ?? 0,
        privateKey: loaded.secrets.githubPrivateKey ?? '',
        baseUrl: simUrl,
        serializeWrites: false,
      });
      expect(await client.listInstallations()).toEqual([]);
      const app = await (
        await fetch(`${simUrl}/app`, {
          headers: {
            authorization: `Bearer ${signAppJwt(loaded.github.appId ?? 0, loaded.secrets.githubPrivateKey ?? '', new Date())}`,
          },
        })
      ).json();
      expect(app).toMatchObject({
        id: loaded.github.appId,
        name: 'PSRT test',
        owner: { login: 'python' },
        external_url: 'https://psrt.example.org',
        permissions: { metadata: 'read', ...appPermissionLevels() },
        events: [...appEvents],
      });
    },
  );

  it('refuses an answer with another state: the code is not spent and nothing is written', async () => {
    const ws = operatorFolder();
    const run = await startCreate(ws.dir, ['--name', 'psrt state', '--timeout', '60']);
    const back = await createOnGitHub(run.page);
    const code = back.searchParams.get('code') ?? '';
    back.searchParams.set('state', 'not-the-state-psrt-sent');
    const answer = await fetch(back);
    expect(answer.status).toBe(400);
    const result = await run.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not carry the state this run sent');
    expect(existsSync(join(ws.dir, 'psrt.env'))).toBe(false);
    expect(JSON.parse(readFileSync(join(ws.dir, 'psrt.config.json'), 'utf8')).github.appId).toBeUndefined();
    // psrt never traded the code: whoever holds it still could.
    const conversion = await fetch(`${simUrl}/app-manifests/${code}/conversions`, { method: 'POST' });
    expect(conversion.status).toBe(201);
  });

  it('refuses a code already spent (GitHub answers 404) and writes nothing', async () => {
    const ws = operatorFolder();
    const run = await startCreate(ws.dir, ['--name', 'psrt spent', '--timeout', '60']);
    const back = await createOnGitHub(run.page);
    const spent = await fetch(`${simUrl}/app-manifests/${back.searchParams.get('code')}/conversions`, {
      method: 'POST',
    });
    expect(spent.status).toBe(201);
    const again = await fetch(`${simUrl}/app-manifests/${back.searchParams.get('code')}/conversions`, {
      method: 'POST',
    });
    expect(again.status).toBe(404);
    expect((await fetch(back)).status).toBe(400);
    const result = await run.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GitHub refused the code with HTTP 404');
    expect(existsSync(join(ws.dir, 'psrt.env'))).toBe(false);
    expect(existsSync(join(ws.dir, 'github-app.pem'))).toBe(false);
  });

  it('refuses to replace credentials already there without --force, keeping other variables with it', async () => {
    const ws = operatorFolder();
    const first = await startCreate(ws.dir, ['--name', 'psrt first', '--timeout', '60']);
    expect((await fetch(await createOnGitHub(first.page))).status).toBe(200);
    expect((await first.exited).code).toBe(0);
    const envFile = join(ws.dir, 'psrt.env');
    writeFileSync(envFile, `PSRT_SESSION_SECRET=${'s'.repeat(40)}\n${readFileSync(envFile, 'utf8')}`);
    const firstEnv = envFileOf(envFile);
    const env = cleanEnv(firstEnv);

    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'app', 'create'], { cwd: ws.dir, env });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.once('close', (code) => resolve({ code, stderr }));
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('psrt already has a GitHub App');
    expect(refused.stderr).toContain('--force');
    expect(envFileOf(envFile)).toEqual(firstEnv);

    const forced = await startCreate(ws.dir, ['--name', 'psrt second', '--force', '--timeout', '60'], env);
    expect((await fetch(await createOnGitHub(forced.page))).status).toBe(200);
    expect((await forced.exited).code).toBe(0);
    const replaced = envFileOf(envFile);
    expect(replaced.PSRT_SESSION_SECRET).toBe(firstEnv.PSRT_SESSION_SECRET);
    expect(replaced.PSRT_WEBHOOK_SECRET).not.toBe(firstEnv.PSRT_WEBHOOK_SECRET);
  });

  it('gives up after --timeout without an answer, writing nothing', async () => {
    const ws = operatorFolder();
    const run = await startCreate(ws.dir, ['--timeout', '1']);
    const result = await run.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GitHub did not send the browser back within 1 second:');
    expect(existsSync(join(ws.dir, 'psrt.env'))).toBe(false);
  });
});
