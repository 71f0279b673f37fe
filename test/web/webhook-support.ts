// What the webhook tests share: psrt's web app on a real listener over the
// engine's store, deliveries signed as GitHub signs them, and a log that the
// tests read to check what it says (and that it never holds payload text).
import { createHmac, randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/app/context.ts';
import { createLogger } from '../../src/config/logger.ts';
import type { Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { listen } from '../../src/web/listener.ts';

export const secret = 'It is a secret to everybody: webhook tests';

/** What GitHub puts in X-Hub-Signature-256 for `body` signed with `key`. */
export const signature = (body: string | Uint8Array, key = secret): string =>
  `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

/** Words of an embargoed report that must never reach a log line or an answer. */
export const embargoed = 'EMBARGOED zipfile heap overflow';

/** A `repository_advisory` `reported` payload as GitHub sends it through the psrt App. */
export function reportedPayload(ghsaId = 'GHSA-2x3v-4w5c-6f7g', installation = 41) {
  return {
    action: 'reported',
    repository_advisory: {
      ghsa_id: ghsaId,
      summary: embargoed,
      description: `${embargoed}: a crafted archive overflows a buffer.`,
      state: 'triage',
    },
    repository: { full_name: 'python/cpython' },
    sender: { login: 'alice' },
    installation: { id: installation, node_id: 'MDIz' },
  };
}

export interface Sent {
  status: number;
  text: string;
}

export interface WebhookServer {
  url: string;
  /** POSTs `body` to /webhooks/github with GitHub's headers (signed with `key` unless `headers` say otherwise). */
  deliver(
    body: string | Uint8Array,
    options?: { event?: string; guid?: string; key?: string; headers?: Record<string, string | null> },
  ): Promise<Sent>;
  /** The log lines written so far, as text. */
  log(): string;
  close(): Promise<void>;
}

/** psrt's web app on a free local port, over `store`, with `webhookSecret` (default: the test secret). */
export async function webhookServer(
  store: Store,
  options: { webhookSecret?: string | null; onDeliveryRecorded?: () => void; now?: () => Date } = {},
): Promise<WebhookServer & { ctx: AppContext }> {
  const lines: string[] = [];
  const log = createLogger('debug', {
    write: (line: string) => lines.push(line),
  } as unknown as NodeJS.WritableStream);
  const ctx: AppContext = { store, now: options.now ?? (() => new Date()), log };
  const listener = await listen('127.0.0.1', 0);
  const web = createWebApp({
    ctx,
    sandbox: false,
    sessionSecret: 'test-session-secret-0123456789abcdef',
    webhookSecret: options.webhookSecret === undefined ? secret : options.webhookSecret,
    onDeliveryRecorded: options.onDeliveryRecorded,
  });
  listener.serve(web.fetch);
  const url = `${listener.url}/webhooks/github`;
  return {
    ctx,
    url,
    async deliver(
      body,
      { event = 'repository_advisory', guid = randomUUID(), key = secret, headers = {} } = {},
    ) {
      const sent: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/5e8f2c1',
        'x-github-event': event,
        'x-github-delivery': guid,
        'x-github-hook-id': '400000000',
        'x-github-hook-installation-target-type': 'integration',
        'x-github-hook-installation-target-id': '1',
        'x-hub-signature-256': signature(body, key),
      };
      for (const [name, value] of Object.entries(headers)) {
        if (value === null) delete sent[name];
        else sent[name] = value;
      }
      const response = await fetch(url, { method: 'POST', headers: sent, body });
      return { status: response.status, text: await response.text() };
    },
    log: () => lines.join(''),
    close: () => listener.close(performance.now() + 1_000),
  };
}
