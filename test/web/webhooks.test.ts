// GitHub's deliveries to `POST /webhooks/github`, over real HTTP on both
// engines: only what is signed with the webhook secret over the exact bytes is
// recorded, once per GUID, and answered at once; everything else is refused
// without a word on why, nothing recorded, and the payload (embargoed advisory
// text) never reaches an answer or the log.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Delivery,
  type DeliveryHandlers,
  processDeliveries,
  processDueDeliveries,
} from '../../src/app/bot/deliveries.ts';
import { listDeliveries, openStore } from '../../src/store/index.ts';
import { forEachEngine } from '../support/engines.ts';
import { embargoed, reportedPayload, signature, webhookServer } from './webhook-support.ts';

const unauthorized = JSON.stringify({ message: 'Unauthorized' });

forEachEngine('the webhook endpoint', (engine) => {
  let server: Awaited<ReturnType<typeof webhookServer>>;
  beforeAll(async () => {
    server = await webhookServer(engine.store());
  });
  afterAll(() => server?.close());

  const recorded = () => listDeliveries(engine.store().db);
  /** Processes what is due with handlers that note every delivery they get. */
  async function processed(handlers: (keyof DeliveryHandlers)[] = ['repository_advisory']) {
    const seen: Delivery[] = [];
    const table = Object.fromEntries(
      handlers.map((event) => [
        event,
        async (_: unknown, d: Delivery) => {
          seen.push(d);
          return 'done' as const;
        },
      ]),
    );
    await processDueDeliveries(server.ctx, table);
    return seen;
  }

  it('a delivery signed with the webhook secret is answered 202 and recorded with its event, action and installation', async () => {
    const guid = randomUUID();
    const body = JSON.stringify(reportedPayload('GHSA-2x3v-4w5c-6f7g', 41));
    expect(await server.deliver(body, { guid })).toEqual({ status: 202, text: '{"accepted":true}' });
    expect(await recorded()).toEqual([
      expect.objectContaining({
        guid,
        event: 'repository_advisory',
        action: 'reported',
        installationId: 41,
        status: 'pending',
        attempts: 0,
        lastError: null,
      }),
    ]);
    const [handed] = await processed();
    expect(handed).toEqual({
      guid,
      event: 'repository_advisory',
      action: 'reported',
      installationId: 41,
      payload: JSON.parse(body),
    });
    expect((await recorded())[0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a delivery without a signature, with a malformed one, or signed with another secret is refused 401 without saying why, and nothing is recorded', async () => {
    const body = JSON.stringify(reportedPayload());
    const refused = [
      await server.deliver(body, { headers: { 'x-hub-signature-256': null } }),
      await server.deliver(body, { headers: { 'x-hub-signature-256': 'sha256=00' } }),
      await server.deliver(body, {
        headers: { 'x-hub-signature-256': signature(body).replace('sha256=', '') },
      }),
      await server.deliver(body, { headers: { 'x-hub-signature-256': signature(body).toUpperCase() } }),
      await server.deliver(body, { key: 'another secret' }),
    ];
    for (const answer of refused) expect(answer).toEqual({ status: 401, text: unauthorized });
    expect(await recorded()).toEqual([]);
  });

  it('the log says why a delivery was refused, but never what it carried', async () => {
    const guid = randomUUID();
    await server.deliver(JSON.stringify(reportedPayload()), { guid, key: 'another secret' });
    const line = server
      .log()
      .split('\n')
      .find((l) => l.includes(guid));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      level: 40,
      msg: 'webhook delivery refused',
      delivery: guid,
      event: 'repository_advisory',
      reason: 'X-Hub-Signature-256 does not match the body and the webhook secret',
    });
    expect(server.log()).not.toContain(embargoed);
  });

  it('a body changed after it was signed, by one character, is refused 401', async () => {
    const body = JSON.stringify(reportedPayload());
    const tampered = body.replace('"triage"', '"triagE"');
    expect(tampered).not.toBe(body);
    const answer = await server.deliver(tampered, { headers: { 'x-hub-signature-256': signature(body) } });
    expect(answer).toEqual({ status: 401, text: unauthorized });
    expect(await recorded()).toEqual([]);
  });

  it('a delivery seen again under the same GUID (a redelivery) is answered 200 as a duplicate and processed once', async () => {
    const guid = randomUUID();
    const body = JSON.stringify(reportedPayload());
    expect((await server.deliver(body, { guid })).status).toBe(202);
    expect(await processed()).toHaveLength(1);
    expect(await server.deliver(body, { guid })).toEqual({ status: 200, text: '{"duplicate":true}' });
    // Even a different body under a GUID already seen changes nothing.
    const other = JSON.stringify(reportedPayload('GHSA-9999-9999-9999'));
    expect(await server.deliver(other, { guid })).toEqual({ status: 200, text: '{"duplicate":true}' });
    expect(await processed()).toHaveLength(0);
    expect(await recorded()).toEqual([expect.objectContaining({ guid, status: 'done', attempts: 1 })]);
  });

  it('a ping is answered pong and recorded as done at once', async () => {
    const guid = randomUUID();
    const body = JSON.stringify({ zen: 'Design for failure.', hook_id: 400000000, hook: { type: 'App' } });
    expect(await server.deliver(body, { event: 'ping', guid })).toEqual({
      status: 200,
      text: '{"pong":true}',
    });
    expect(await recorded()).toEqual([
      expect.objectContaining({
        guid,
        event: 'ping',
        action: null,
        status: 'done',
        processedAt: expect.any(Date),
      }),
    ]);
    expect(await processed(['ping'])).toEqual([]);
  });

  it('a signed body that is not a JSON object is refused 400 without quoting it, and nothing is recorded', async () => {
    const form = `payload=${encodeURIComponent(JSON.stringify(reportedPayload()))}`;
    for (const body of [form, `{"summary": "${embargoed}"`, '[1, 2, 3]', '"just a string"']) {
      const answer = await server.deliver(body);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('not a JSON object');
      expect(answer.text).not.toContain('EMBARGOED');
    }
    expect(server.log()).not.toContain(embargoed);
    expect(await recorded()).toEqual([]);
  });

  it('a signed delivery without its GUID or its event is refused 400 and not recorded', async () => {
    const body = JSON.stringify(reportedPayload());
    const noGuid = await server.deliver(body, { headers: { 'x-github-delivery': null } });
    expect(noGuid.status).toBe(400);
    expect(noGuid.text).toContain('X-GitHub-Delivery');
    const badGuid = await server.deliver(body, { guid: 'has spaces\tand a tab' });
    expect(badGuid.status).toBe(400);
    const noEvent = await server.deliver(body, { headers: { 'x-github-event': null } });
    expect(noEvent.status).toBe(400);
    expect(noEvent.text).toContain('X-GitHub-Event');
    expect(await recorded()).toEqual([]);
  });

  it('a body over 25 MB is refused 413 and not recorded, whether its length is announced or streamed', async () => {
    const filler = 'x'.repeat(25 * 1024 * 1024);
    const body = JSON.stringify({ ...reportedPayload(), filler });
    expect((await server.deliver(body)).status).toBe(413);
    // Chunked, with no Content-Length: the limit is counted as the bytes arrive.
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 1 << 20)
          controller.enqueue(bytes.subarray(at, at + (1 << 20)));
        controller.close();
      },
    });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'repository_advisory',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signature(bytes),
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await recorded()).toEqual([]);
  }, 60_000);

  it('a payload up to the limit is recorded', async () => {
    const guid = randomUUID();
    const body = JSON.stringify({ ...reportedPayload(), filler: 'x'.repeat(5 * 1024 * 1024) });
    expect((await server.deliver(body, { guid })).status).toBe(202);
    expect(await recorded()).toEqual([expect.objectContaining({ guid, status: 'pending' })]);
  }, 30_000);

  it('a payload whose text holds NUL characters or half a surrogate pair is recorded, those characters replaced', async () => {
    const payload = reportedPayload();
    payload.repository_advisory.description = 'before\u0000after \ud800 alone';
    const body = JSON.stringify(payload);
    expect(body).toContain('\\u0000');
    expect((await server.deliver(body)).status).toBe(202);
    const [handed] = await processed();
    expect((handed?.payload as typeof payload | undefined)?.repository_advisory.description).toBe(
      'before\uFFFDafter \uFFFD alone',
    );
  });
});

forEachEngine('a webhook endpoint without a secret', (engine) => {
  let server: Awaited<ReturnType<typeof webhookServer>>;
  beforeAll(async () => {
    server = await webhookServer(engine.store(), { webhookSecret: null });
  });
  afterAll(() => server?.close());

  it('refuses every delivery 401, however it is signed, records nothing, and logs which setting is missing', async () => {
    const body = JSON.stringify(reportedPayload());
    expect(await server.deliver(body)).toEqual({ status: 401, text: unauthorized });
    expect(await server.deliver(body, { key: '' })).toEqual({ status: 401, text: unauthorized });
    expect(await listDeliveries(engine.store().db)).toEqual([]);
    expect(server.log()).toContain('PSRT_WEBHOOK_SECRET is not set');
  });
});

forEachEngine('a delivery processed as it arrives', (engine) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()?.();
  });

  it('is handled within moments of being recorded, not at the processor’s next look a minute later', async () => {
    let handledAt = 0;
    let markHandled = () => {};
    const handled = new Promise<void>((resolve) => {
      markHandled = resolve;
    });
    const handlers: DeliveryHandlers = {
      repository_advisory: async () => {
        handledAt = performance.now();
        markHandled();
        return 'done';
      },
    };
    const processor = { nudge: () => {} };
    const server = await webhookServer(engine.store(), { onDeliveryRecorded: () => processor.nudge() });
    closers.push(server.close);
    // Started after a first empty look, so only the nudge can wake it before a minute has passed.
    const running = processDeliveries(server.ctx, handlers, { idleMs: 60_000 });
    closers.push(() => running.stop());
    processor.nudge = running.nudge;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = performance.now();
    expect((await server.deliver(JSON.stringify(reportedPayload()))).status).toBe(202);
    await handled;
    expect(handledAt - sent).toBeLessThan(1_000);
    await running.stop();
    expect(running.totals()).toMatchObject({ claimed: 1, done: 1 });
  });
});

describe('a delivery psrt cannot record', () => {
  it('is answered 500, so GitHub shows it failed and it can be redelivered, and nothing of it reaches the log', async () => {
    const store = await openStore({ memory: true });
    await store.migrate();
    const server = await webhookServer(store);
    try {
      await store.close();
      const answer = await server.deliver(JSON.stringify(reportedPayload()));
      expect(answer).toEqual({
        status: 500,
        // The delivery's GUID names the request: the log lines to look at carry it.
        text: expect.stringMatching(
          /^Something went wrong on our side; the error was logged \(request [0-9a-f-]{36}\)\.$/,
        ),
      });
      expect(server.log()).toContain('request failed');
      expect(server.log()).not.toContain(embargoed);
    } finally {
      await server.close();
    }
  });
});
