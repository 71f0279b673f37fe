// Webhook deliveries (§4): `ping` when a hook is set, `repository_advisory` `reported` and
// `published`, and for App hooks `security_advisory` (the Advisory Database) and the repository
// events of repo-events.ts (issues, issue_comment, pull_request, push).
// Signed over the exact body bytes, never retried automatically; redelivery resends the same
// body under the same X-GitHub-Delivery GUID, or under a new one when configured so
// (UNVERIFIED, §4.1).
import { createHmac, randomUUID } from 'node:crypto';
import { coveredBy } from './access.ts';
import { payloadUrls, type SimCore } from './config.ts';
import { renderAdvisory, renderOrganizationSimple } from './render.ts';
import { renderSecurityAdvisoryEvent } from './render-global.ts';
import { renderRepository } from './render-repos.ts';
import { nodeId, renderUser } from './render-user.ts';
import type { Account, Advisory, GlobalAdvisory, Installation, Repo } from './state.ts';
import { iso } from './state.ts';

export interface HookSettings {
  url: string;
  secret?: string | null;
  /** Deliver as this App's webhook; default: the only App, if exactly one exists. */
  appId?: number | null;
}

interface Hook {
  id: number;
  url: string;
  secret: string | null;
  appId: number | null;
  createdAt: Date;
}

export interface WebhookSnapshot {
  hook: Hook | null;
  nextHookId: number;
  nextDeliveryId: number;
  records: Delivery[];
}

export interface Delivery {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  redelivery: boolean;
  hookId: number;
  url: string;
  deliveredAt: string;
  durationMs: number;
  /** "OK", "Invalid HTTP Response: 500", "timed out" or "failed to connect to host", or "pending". */
  status: string;
  statusCode: number;
  installationId: number | null;
  repositoryId: number | null;
  request: { headers: Record<string, string>; payload: string };
  response: { headers: Record<string, string>; body: string } | null;
}

const zen = [
  'Design for failure.',
  'Keep it logically awesome.',
  'Speak like a human.',
  'Approachable is better than simple.',
  'Mind your words, they are important.',
];

export class WebhookSender {
  private hook: Hook | null = null;
  private nextHookId = 400_000_000;
  private nextDeliveryId = 10_000_000_001;
  private records: Delivery[] = [];
  private inFlight = new Set<Promise<void>>();
  /** Called when a delivery's answer is recorded, after the request that caused it was answered. */
  onRecorded: (() => void) | null = null;

  constructor(private readonly context: () => SimCore) {}

  /** The hook, the deliveries and the id counters, for the state folder (persistence.ts). */
  snapshot(): WebhookSnapshot {
    return {
      hook: this.hook,
      nextHookId: this.nextHookId,
      nextDeliveryId: this.nextDeliveryId,
      records: this.records,
    };
  }

  restore(saved: WebhookSnapshot): void {
    this.hook = saved.hook;
    this.nextHookId = saved.nextHookId;
    this.nextDeliveryId = saved.nextDeliveryId;
    // A delivery still waiting when the simulator stopped never got its answer: GitHub shows that as timed out.
    this.records = saved.records.map((d) => (d.status === 'pending' ? { ...d, status: 'timed out' } : d));
  }

  /** Sets (or replaces) the hook and sends `ping`, like creating a hook on GitHub does. */
  async setHook(settings: HookSettings, options: { ping?: boolean } = {}): Promise<Delivery | null> {
    const ctx = this.context();
    const appId =
      settings.appId ?? (ctx.state.apps.size === 1 ? [...ctx.state.apps.keys()][0] : null) ?? null;
    this.hook = {
      id: this.nextHookId++,
      url: settings.url,
      secret: settings.secret ?? null,
      appId,
      createdAt: ctx.clock.now(),
    };
    if (options.ping === false) return null;
    return this.send(this.hook, 'ping', null, this.pingPayload(this.hook), null, null);
  }

  clearHook(): void {
    this.hook = null;
  }

  deliveries(): Delivery[] {
    return this.records.map((d) => ({ ...d }));
  }

  /** Resolves once every delivery started so far has an answer (or failed). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  reset(): void {
    this.hook = null;
    this.records = [];
  }

  advisoryEvent(action: 'reported' | 'published', advisory: Advisory, sender: Account): void {
    const hook = this.hook;
    if (!hook) return;
    const ctx = this.context();
    const repo = ctx.state.repoById(advisory.repoId);
    let installation: Installation | undefined;
    if (hook.appId !== null) {
      // An App hears only about repositories it is installed on, for events it subscribed to.
      installation = [...ctx.state.installations.values()].find(
        (i) =>
          i.appId === hook.appId && coveredBy(ctx.state, i, repo) && i.events.includes('repository_advisory'),
      );
      if (!installation?.permissions.repository_advisories) return;
    }
    const urls = payloadUrls(ctx);
    const owner = ctx.state.accountById(repo.ownerId);
    const payload = {
      action,
      repository_advisory: renderAdvisory(ctx.state, advisory, urls, '2022-11-28'),
      repository: renderRepository(ctx.state, repo, urls),
      ...(owner.type === 'Organization'
        ? { organization: renderOrganizationSimple(ctx.state, owner, urls) }
        : {}),
      sender: renderUser(sender, urls),
      ...(installation
        ? {
            installation: {
              id: installation.id,
              node_id: nodeId('IntegrationInstallation', installation.id),
            },
          }
        : {}),
    };
    void this.send(hook, 'repository_advisory', action, payload, installation?.id ?? null, repo.id);
  }

  /**
   * `security_advisory` (§4.3): GitHub Apps only, to an App that subscribed to the event; no
   * permission is needed. The entry belongs to no installation or repository, so the payload
   * carries none, like GitHub's recorded deliveries (octokit/webhooks payload examples).
   */
  securityAdvisoryEvent(action: 'published' | 'updated' | 'withdrawn', advisory: GlobalAdvisory): void {
    const hook = this.hook;
    if (!hook || hook.appId === null) return;
    const ctx = this.context();
    if (!ctx.state.apps.get(hook.appId)?.events.includes('security_advisory')) return;
    const payload = {
      action,
      security_advisory: renderSecurityAdvisoryEvent(ctx.state, advisory, payloadUrls(ctx)),
    };
    void this.send(hook, 'security_advisory', action, payload, null, null);
  }

  /**
   * A repository event for the App's hook (issues, issue_comment, pull_request, push): only
   * when the App is installed on the repository, subscribed to `event` and holds one of
   * `permissions`. Organization hooks here subscribe to repository_advisory only.
   */
  appEvent(
    event: string,
    action: string | null,
    repo: Repo,
    permissions: string[],
    payload: () => object,
  ): void {
    const hook = this.hook;
    if (!hook || hook.appId === null) return;
    const { state } = this.context();
    const installation = [...state.installations.values()].find(
      (i) => i.appId === hook.appId && coveredBy(state, i, repo) && i.events.includes(event),
    );
    if (!installation || !permissions.some((name) => installation.permissions[name])) return;
    const body = {
      ...payload(),
      installation: { id: installation.id, node_id: nodeId('IntegrationInstallation', installation.id) },
    };
    void this.send(hook, event, action, body, installation.id, repo.id);
  }

  /** Sends a recorded delivery again to the current hook: same body, same GUID (unless configured). */
  async redeliver(idOrGuid: number | string): Promise<Delivery> {
    const original = this.records.find((d) => d.id === Number(idOrGuid) || d.guid === idOrGuid);
    if (!original) throw new Error(`no delivery ${idOrGuid}`);
    if (!this.hook) throw new Error('no webhook is set: redelivery needs one');
    const sameGuid = this.context().config.redeliveryGuid === 'same';
    return this.deliver(this.hook, original.event, original.action, original.request.payload, {
      guid: sameGuid ? original.guid : randomUUID(),
      redelivery: true,
      installationId: original.installationId,
      repositoryId: original.repositoryId,
    });
  }

  /**
   * What the hook is installed on: the App, or else the organization owning the repository
   * (a user's repository for user-owned ones; the first organization for a ping).
   */
  private targetOf(hook: Hook, repositoryId: number | null): { type: string; id: number } {
    if (hook.appId !== null) return { type: 'integration', id: hook.appId };
    const { state } = this.context();
    const repo = repositoryId === null ? undefined : state.repos.get(repositoryId);
    if (repo && !state.orgOf(repo.ownerId)) return { type: 'repository', id: repo.id };
    return { type: 'organization', id: repo?.ownerId ?? [...state.orgs.values()][0]?.account.id ?? 0 };
  }

  private pingPayload(hook: Hook) {
    const ctx = this.context();
    const urls = payloadUrls(ctx);
    const app = hook.appId === null ? undefined : ctx.state.apps.get(hook.appId);
    return {
      zen: zen[hook.id % zen.length],
      hook_id: hook.id,
      hook: {
        type: app ? 'App' : 'Organization',
        id: hook.id,
        name: 'web',
        active: true,
        events: app ? app.events : ['repository_advisory'],
        config: {
          content_type: 'json',
          insecure_ssl: '0',
          url: hook.url,
          ...(hook.secret ? { secret: '********' } : {}),
        },
        updated_at: iso(hook.createdAt),
        created_at: iso(hook.createdAt),
        ...(app ? { app_id: app.id } : {}),
        deliveries_url: `${urls.api}/app/hook/deliveries`,
      },
    };
  }

  private send(
    hook: Hook,
    event: string,
    action: string | null,
    payload: unknown,
    installationId: number | null,
    repositoryId: number | null,
  ): Promise<Delivery> {
    // Compact JSON, like GitHub: the signature covers exactly these bytes.
    return this.deliver(hook, event, action, JSON.stringify(payload), {
      guid: randomUUID(),
      redelivery: false,
      installationId,
      repositoryId,
    });
  }

  private deliver(
    hook: Hook,
    event: string,
    action: string | null,
    body: string,
    meta: { guid: string; redelivery: boolean; installationId: number | null; repositoryId: number | null },
  ): Promise<Delivery> {
    const ctx = this.context();
    const target = this.targetOf(hook, meta.repositoryId);
    const headers: Record<string, string> = {
      Accept: '*/*',
      'Content-Type': 'application/json',
      'User-Agent': 'GitHub-Hookshot/5e8f2c1',
      'X-GitHub-Delivery': meta.guid,
      'X-GitHub-Event': event,
      'X-GitHub-Hook-ID': String(hook.id),
      'X-GitHub-Hook-Installation-Target-Type': target.type,
      'X-GitHub-Hook-Installation-Target-ID': String(target.id),
    };
    if (hook.secret) {
      headers['X-Hub-Signature'] = `sha1=${createHmac('sha1', hook.secret).update(body).digest('hex')}`;
      headers['X-Hub-Signature-256'] =
        `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`;
    }
    const record: Delivery = {
      id: this.nextDeliveryId++,
      guid: meta.guid,
      event,
      action,
      redelivery: meta.redelivery,
      hookId: hook.id,
      url: hook.url,
      deliveredAt: iso(ctx.clock.now()),
      durationMs: 0,
      status: 'pending',
      statusCode: 0,
      installationId: meta.installationId,
      repositoryId: meta.repositoryId,
      request: { headers, payload: body },
      response: null,
    };
    this.records.push(record);
    const started = performance.now();
    const work = (async () => {
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(ctx.config.webhookTimeoutMs),
        });
        record.statusCode = response.status;
        record.status = response.ok ? 'OK' : `Invalid HTTP Response: ${response.status}`;
        record.response = { headers: Object.fromEntries(response.headers), body: await response.text() };
      } catch (error) {
        const timedOut =
          error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        record.status = timedOut ? 'timed out' : 'failed to connect to host';
      } finally {
        record.durationMs = Math.round(performance.now() - started);
        this.onRecorded?.();
      }
    })();
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked.then(() => ({ ...record }));
  }
}
