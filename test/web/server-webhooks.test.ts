// In the sandbox, `psrt serve` points the GitHub simulator's webhook at its
// own `/webhooks/github`, with a secret of this process, once it listens: what
// a person does in the simulator reaches psrt as GitHub's deliveries would,
// verified, recorded, and processed moments later.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { getReportByGhsaId, listDeliveries } from '../../src/store/index.ts';
import { type RunningServer, startServer } from '../../src/web/server.ts';

describe("the sandbox's GitHub simulator delivering to psrt", () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-server-webhooks-'));
    writeFileSync(
      join(dir, 'psrt.config.json'),
      JSON.stringify({
        server: { port: 0 },
        database: { dataDir: 'data' },
        scheduler: { intervalSeconds: 0 },
        log: { level: 'silent' },
      }),
    );
    server = await startServer(loadConfig({ file: join(dir, 'psrt.config.json'), env: {}, cwd: dir }));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const github = () => {
    if (!server.services) throw new Error('no sandbox services: not a sandbox?');
    return server.services.simulators.github;
  };

  it("hooks the simulator to psrt's own endpoint once listening: its signed ping is answered pong", async () => {
    const [ping] = github().deliveries();
    expect(ping).toMatchObject({
      event: 'ping',
      url: `${server.url}/webhooks/github`,
      status: 'OK',
      statusCode: 200,
      response: { body: '{"pong":true}' },
    });
    expect(ping?.request.headers['X-Hub-Signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await listDeliveries(server.ctx.store.db)).toEqual([
      expect.objectContaining({ guid: ping?.guid, event: 'ping', status: 'done' }),
    ]);
  });

  it('a vulnerability reported in the simulator reaches psrt as a verified delivery, and its report is opened within a second', async () => {
    const started = Date.now();
    const { ghsa_id: ghsaId } = github().reportVulnerability({
      as: 'mira-finds-bugs',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'A sandbox report', description: 'Sent through the demo GitHub.' },
    });
    await github().waitForDeliveries();
    const sent = github()
      .deliveries()
      .find((d) => d.event === 'repository_advisory');
    expect(sent).toMatchObject({ action: 'reported', statusCode: 202 });
    let recorded = (await listDeliveries(server.ctx.store.db)).find((d) => d.guid === sent?.guid);
    while (recorded?.status === 'pending' && Date.now() - started < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      recorded = (await listDeliveries(server.ctx.store.db)).find((d) => d.guid === sent?.guid);
    }
    expect(recorded).toMatchObject({ event: 'repository_advisory', action: 'reported', status: 'done' });
    expect(await getReportByGhsaId(server.ctx.store.db, ghsaId)).toMatchObject({
      state: 'triage',
      title: 'A sandbox report',
      reporter: 'mira-finds-bugs',
    });
    expect(recorded?.installationId).toBe(
      server.services?.github.installations.find((i) => i.account === 'python')?.id,
    );
    expect((recorded?.processedAt?.getTime() ?? Number.POSITIVE_INFINITY) - started).toBeLessThan(1_000);
  });
});
