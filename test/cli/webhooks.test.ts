// What a PSRT member sees of GitHub's webhook deliveries at the terminal,
// with the real `psrt` command on one embedded database: `psrt webhooks list`
// (its filters and --json, never a payload) and `psrt webhooks retry` of a
// failed delivery. The deliveries are recorded and processed beforehand the
// way `psrt serve` does, with a handler that fails.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDueDeliveries } from '../../src/app/bot/deliveries.ts';
import { receiveDelivery } from '../../src/app/bot/delivery-intake.ts';
import { createLogger } from '../../src/config/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

interface DeliveryJson {
  guid: string;
  event: string;
  action: string | null;
  status: string;
  attempts: number;
  receivedAt: string;
  processedAt: string | null;
  lastError: string | null;
}

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);
const embargoed = 'EMBARGOED: zipfile heap overflow';
const failedGuid = randomUUID();
const pendingGuid = randomUUID();
const pingGuid = randomUUID();

describe('psrt webhooks at the terminal', () => {
  beforeAll(async () => {
    const store = await openStore({ dataDir: ws.dataDir });
    let now = new Date('2026-12-01T09:00:00Z');
    const ctx = { store, now: () => now, log: createLogger('silent') };
    try {
      const advisory = { action: 'reported', repository_advisory: { summary: embargoed } };
      const arrive = (guid: string, event: string, payload: Record<string, unknown>) =>
        receiveDelivery(ctx, { guid, event, payload, body: JSON.stringify(payload) });
      await arrive(pingGuid, 'ping', { zen: 'Design for failure.', hook_id: 1 });
      now = new Date('2026-12-01T09:01:00Z');
      await arrive(failedGuid, 'repository_advisory', advisory);
      for (let attempt = 0; attempt < 5; attempt++) {
        await processDueDeliveries(ctx, {
          repository_advisory: async () => {
            throw new Error(`could not mirror ${embargoed}`);
          },
        });
        now = new Date(now.getTime() + 3_600_000);
      }
      await arrive(pendingGuid, 'repository_advisory', advisory);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('webhooks list shows each delivery with its event, action, status, attempts, times and last error', async () => {
    const result = await run('webhooks', 'list', '--as', 'sethmlarson');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^GUID\s+EVENT\s+ACTION\s+STATUS\s+ATTEMPTS\s+RECEIVED\s+PROCESSED\s+LAST ERROR$/,
    );
    expect(lines.slice(2, 5)).toEqual([
      expect.stringMatching(
        new RegExp(`^${pingGuid}\\s+ping\\s+done\\s+0\\s+2026-12-01T09:00:00Z\\s+2026-12-01T09:00:00Z$`),
      ),
      expect.stringMatching(
        new RegExp(
          `^${failedGuid}\\s+repository_advisory\\s+reported\\s+failed\\s+5\\s+2026-12-01T09:01:00Z\\s+2026-12-01T13:01:00Z\\s+` +
            'Error in the repository_advisory handler \\(its stack is in the server log\\)$',
        ),
      ),
      expect.stringMatching(
        new RegExp(`^${pendingGuid}\\s+repository_advisory\\s+reported\\s+pending\\s+0\\s+\\S+$`),
      ),
    ]);
    expect(lines.at(-1)).toBe(
      '1 pending (oldest received 2026-12-01T14:01:00Z), 1 done, 0 ignored, 1 failed',
    );
    expect(result.stdout).not.toContain('EMBARGOED');
  });

  it('webhooks list --failed --json gives only the failed deliveries, without payloads', async () => {
    const result = await run('webhooks', 'list', '--failed', '--json', '--as', 'sethmlarson');
    expect(result.code).toBe(0);
    const listed = json<{ deliveries: DeliveryJson[]; summary: unknown }>(result);
    expect(listed.deliveries).toEqual([
      {
        guid: failedGuid,
        event: 'repository_advisory',
        action: 'reported',
        installationId: null,
        status: 'failed',
        attempts: 5,
        receivedAt: '2026-12-01T09:01:00.000Z',
        nextAttemptAt: expect.any(String),
        processedAt: '2026-12-01T13:01:00.000Z',
        lastError: 'Error in the repository_advisory handler (its stack is in the server log)',
      },
    ]);
    expect(result.stdout).not.toContain('EMBARGOED');
  });

  it('webhooks retry makes a failed delivery pending again; a delivery that did not fail is refused', async () => {
    const retried = await run('webhooks', 'retry', failedGuid, '--as', 'sethmlarson');
    expect(retried.stderr).toBe('');
    expect(retried.stdout).toBe(`delivery ${failedGuid} (repository_advisory reported) is pending again\n`);
    const again = await run('webhooks', 'retry', failedGuid, '--as', 'sethmlarson');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is pending, not failed: only a failed delivery is retried');
    const unknown = await run('webhooks', 'retry', 'no-such-guid', '--as', 'sethmlarson');
    expect(unknown.code).toBe(3);
    const malformed = await run('webhooks', 'retry', 'not a guid', '--as', 'sethmlarson');
    expect(malformed.code).toBe(2);
  });

  it('someone who is not a PSRT member is refused the list', async () => {
    const result = await run('webhooks', 'list', '--as', 'octocat');
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
  });
});
