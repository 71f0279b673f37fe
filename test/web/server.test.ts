// startServer as `psrt serve` and the tests use it: in the sandbox it hands
// back psrt's own clients pointed at the simulators; close() stops taking
// requests, waits (for a bounded time) for the work in hand, and frees the
// port, the simulators and the database folder. The listening socket is taken
// before anything else and answers 503 until the app is ready.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { listen } from '../../src/web/listener.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a sandbox server', () => {
  let dir: string;
  let config: Config;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-server-'));
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({
        server: { port: 0 },
        database: { dataDir: 'data' },
        scheduler: { intervalSeconds: 0 },
        log: { level: 'silent' },
      }),
    );
    config = loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('while it runs', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(config);
    });
    afterAll(async () => {
      await server?.close();
    });

    it("hands back psrt's GitHub client, acting as the App installed on the demo organisations", async () => {
      const installations = await server.github?.listInstallations();
      expect(installations?.map((i) => i.account && 'login' in i.account && i.account.login).sort()).toEqual([
        'pypa',
        'python',
      ]);
    });

    it('answers /readyz "ready" once the effect runner and the bot poller have gone round', async () => {
      const deadline = Date.now() + 20_000;
      let body: { status: string; checks: Array<{ name: string; ok: boolean; detail: string }> };
      do {
        body = (await (await fetch(`${server.url}/readyz`)).json()) as typeof body;
        if (body.checks.some((c) => c.name === 'bot poller' && c.detail.startsWith('last round'))) break;
        await sleep(200);
      } while (Date.now() < deadline);
      expect(body.status).toBe('ready');
      expect(body.checks.map((c) => c.name)).toEqual([
        'database',
        'migrations',
        'effect runner',
        'bot poller',
      ]);
    });

    it("serves Prometheus /metrics with psrt's series: reports by state, effects, GitHub's rate limit", async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(text).toMatch(/^psrt_reports\{state="accepted"\} [1-9]/m);
      expect(text).toMatch(/^psrt_effects\{status="done",kind="[a-z.-]+"\} [1-9]/m);
      expect(text).toMatch(/^psrt_github_rate_limit_remaining\{installation="\d+"\} \d+/m);
      expect(text).toMatch(/^psrt_bot_polls_total\{role="leader"\} [1-9]/m);
    });

    it("hands back psrt's CVE Services client, acting for the PSF CNA", async () => {
      const quota = await server.cna?.getQuota();
      expect(quota?.id_quota).toBeGreaterThan(0);
      expect(server.cnaUser).toBe(server.services?.cve.user);
    });

    it("sends its mail to the sandbox's own SMTP server, where the outgoing-mail page reads it", async () => {
      await server.mailer?.send({
        to: ['psrt@python.org'],
        subject: 'sandbox mail check',
        text: 'hello',
        messageId: '<sandbox-mail-check@psrt>',
      });
      expect(server.services?.outgoingMail.messages().map((m) => m.subject)).toContain('sandbox mail check');
    });
  });

  it('close() stops taking requests, waits for a loop to finish its work, then frees port, simulators and folder', async () => {
    const server = await startServer(config);
    let finished = false;
    server.loops.push({
      name: 'slow',
      stop: async () => {
        await sleep(300);
        finished = true;
      },
    });
    const simulators = [server.services?.github.url, server.services?.cve.apiUrl];
    await server.close();
    expect(finished).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    for (const url of simulators) await expect(fetch(`${url}/`)).rejects.toThrow();
    const store = await openStore({ dataDir: config.dataDir ?? '' });
    await store.close();
  }, 60_000);

  it('close() waits no longer than the grace period for a loop that does not stop, and says which', async () => {
    const lines: string[] = [];
    const log = createLogger('warn', {
      write: (line: string) => lines.push(line),
    } as unknown as NodeJS.WritableStream);
    const server = await startServer(config, { log, shutdownGraceMs: 300 });
    server.loops.push({ name: 'stuck', stop: () => new Promise<void>(() => {}) });
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(lines.join('')).toMatch(/"loops":\["stuck"\]/);
    const store = await openStore({ dataDir: config.dataDir ?? '' });
    await store.close();
  }, 60_000);
});

describe('the listening socket', () => {
  it('answers 503 "starting" until the app is ready, then the app answers', async () => {
    const listener = await listen('127.0.0.1', 0);
    try {
      const early = await fetch(`${listener.url}/healthz`);
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('2');
      listener.serve(() => new Response('ready'));
      expect(await (await fetch(`${listener.url}/healthz`)).text()).toBe('ready');
    } finally {
      await listener.close(performance.now());
    }
  });

  it('on close lets a request in flight finish, and refuses new connections', async () => {
    const listener = await listen('127.0.0.1', 0);
    let answer: () => void = () => {};
    listener.serve(
      () =>
        new Promise<Response>((resolve) => {
          answer = () => resolve(new Response('finished'));
        }),
    );
    const inFlight = fetch(`${listener.url}/slow`);
    await sleep(100);
    const closed = listener.close(performance.now() + 5_000);
    await expect(fetch(`${listener.url}/new`)).rejects.toThrow();
    answer();
    expect(await (await inFlight).text()).toBe('finished');
    await closed;
  });

  it('on close cuts a request still running at the deadline', async () => {
    const listener = await listen('127.0.0.1', 0);
    listener.serve(() => new Promise<Response>(() => {}));
    const inFlight = fetch(`${listener.url}/forever`);
    await sleep(100);
    const started = performance.now();
    await listener.close(performance.now() + 200);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(inFlight).rejects.toThrow();
  });

  it('on a port in use says which and how to choose another', async () => {
    const first = await listen('127.0.0.1', 0);
    try {
      const port = Number(new URL(first.url).port);
      await expect(listen('127.0.0.1', port)).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use (another psrt serve?)`,
      );
    } finally {
      await first.close(performance.now());
    }
  });
});
