import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  draft,
  expectConformant,
  type Received,
  receiver,
  report,
  webhookProblems,
  world,
} from './support.ts';

const secret = 'It is a secret to everybody';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function setup(options: { status?: number; withSecret?: boolean } = {}) {
  const hook = await receiver(options.status);
  closers.push(hook.close);
  const w = world();
  const ping = await w.c.setWebhook({ url: hook.url, ...(options.withSecret === false ? {} : { secret }) });
  return { w, hook, ping };
}

function verifies(delivery: Received, key = secret): boolean {
  const given = Buffer.from(String(delivery.headers['x-hub-signature-256'] ?? ''));
  const expected = Buffer.from(`sha256=${createHmac('sha256', key).update(delivery.body).digest('hex')}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const events = (hook: { received: Received[] }) =>
  hook.received.map(
    (d) =>
      `${d.headers['x-github-event']}${d.body.includes('"action"') ? `:${JSON.parse(d.body).action}` : ''}`,
  );

describe('webhook deliveries', () => {
  it('setting a hook sends a signed ping', async () => {
    const { hook, ping } = await setup();
    expect(ping?.status).toBe('OK');
    expect(hook.received).toHaveLength(1);
    const [delivery] = hook.received;
    if (!delivery) throw new Error('no delivery');
    expect(delivery.headers).toMatchObject({
      'x-github-event': 'ping',
      'content-type': 'application/json',
      'x-github-hook-id': String(JSON.parse(delivery.body).hook_id),
    });
    expect(delivery.headers['user-agent']).toMatch(/^GitHub-Hookshot\/[0-9a-f]+$/);
    expect(verifies(delivery)).toBe(true);
    expect(webhookProblems(delivery)).toEqual([]);
  });

  it('a private report fires repository_advisory reported, signed over the exact body', async () => {
    const { w, hook } = await setup();
    const a = await report(w);
    await w.c.waitForDeliveries();
    const delivery = hook.received[1];
    if (!delivery) throw new Error('no reported delivery');
    expect(delivery.headers['x-github-event']).toBe('repository_advisory');
    expect(delivery.headers['x-github-delivery']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(verifies(delivery)).toBe(true);
    expect(verifies({ ...delivery, body: `${delivery.body} ` })).toBe(false);
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({
      action: 'reported',
      repository_advisory: { ghsa_id: a.ghsa_id, state: 'triage' },
      repository: { full_name: 'python/cpython' },
      organization: { login: 'python' },
      sender: { login: 'alice' },
    });
    expect(webhookProblems(delivery)).toEqual([]);
    expectConformant(w);
  });

  it('publishing fires published with the publisher as sender; nothing else in between fires', async () => {
    const { w, hook } = await setup();
    const { ghsa_id } = await report(w);
    const url = `/repos/python/cpython/security-advisories/${ghsa_id}`;
    await w.call('PATCH', url, {
      token: w.tokens.ned,
      body: { state: 'draft', collaborating_teams: ['psrt'] },
    });
    await w.call('PATCH', url, {
      token: w.tokens.ned,
      body: { summary: 'Edited', cve_id: 'CVE-2026-11111' },
    });
    await w.call('POST', `${url}/forks`, { token: w.tokens.ned });
    await w.call('POST', `${url}/comments`, { token: w.tokens.ned, body: { body: 'Thanks!' } });
    await draft(w, 'a second draft');
    await w.call('PATCH', url, { token: w.tokens.ned, body: { state: 'published' } });
    const other = await report(w, 'to be closed');
    await w.call('PATCH', `/repos/python/cpython/security-advisories/${other.ghsa_id}`, {
      token: w.tokens.ned,
      body: { state: 'closed' },
    });
    await w.c.waitForDeliveries();
    expect(events(hook)).toEqual([
      'ping',
      'repository_advisory:reported',
      'repository_advisory:published',
      'repository_advisory:reported',
    ]);
    const published = hook.received[2];
    if (!published) throw new Error('no published delivery');
    expect(JSON.parse(published.body)).toMatchObject({
      action: 'published',
      sender: { login: 'ned' },
      repository_advisory: { state: 'published', publisher: { login: 'ned' } },
    });
    expect(webhookProblems(published)).toEqual([]);
    expectConformant(w);
  });

  it('a failed delivery is recorded and not retried; redelivery keeps the GUID and the body', async () => {
    const { w, hook } = await setup({ status: 500 });
    await report(w);
    await w.c.waitForDeliveries();
    const deliveries = w.c.deliveries();
    expect(deliveries.map((d) => [d.event, d.status, d.statusCode])).toEqual([
      ['ping', 'Invalid HTTP Response: 500', 500],
      ['repository_advisory', 'Invalid HTTP Response: 500', 500],
    ]);
    const failed = deliveries[1];
    if (!failed) throw new Error('no delivery');
    hook.answerWith(202);
    const again = await w.c.redeliver(failed.id);
    expect(again).toMatchObject({ guid: failed.guid, redelivery: true, status: 'OK', statusCode: 202 });
    expect(again.id).not.toBe(failed.id);
    expect(hook.received).toHaveLength(3);
    expect(hook.received[2]?.headers['x-github-delivery']).toBe(failed.guid);
    expect(hook.received[2]?.body).toBe(hook.received[1]?.body);
    expect(verifies(hook.received[2] as Received)).toBe(true);
  });

  it('a hook without a secret sends no signature, and an unreachable one is recorded as failed', async () => {
    const { w, hook } = await setup({ withSecret: false });
    expect(hook.received[0]?.headers['x-hub-signature-256']).toBeUndefined();
    await hook.close();
    closers.length = 0;
    await report(w);
    await w.c.waitForDeliveries();
    expect(w.c.deliveries()[1]?.status).toBe('failed to connect to host');
  });

  it('an App webhook carries the installation, and only for repositories the App is installed on', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const w = world();
    w.c.addRepo({ owner: 'python', name: 'other' });
    const app = w.app({
      name: 'psrt-bot',
      permissions: { repository_advisories: 'read' },
      events: ['repository_advisory'],
      installations: [{ account: 'python', repositories: ['cpython'] }],
    });
    await w.c.setWebhook({ url: hook.url, secret });
    await report(w);
    await w.call('POST', '/repos/python/other/security-advisories/reports', {
      token: w.tokens.alice,
      body: { summary: 'elsewhere', description: 'd' },
    });
    await w.c.waitForDeliveries();
    expect(events(hook)).toEqual(['ping', 'repository_advisory:reported']);
    const [ping, reported] = hook.received;
    expect(ping?.headers).toMatchObject({
      'x-github-hook-installation-target-type': 'integration',
      'x-github-hook-installation-target-id': String(app.appId),
    });
    expect(JSON.parse(ping?.body ?? '{}').hook).toMatchObject({ type: 'App', app_id: app.appId });
    expect(JSON.parse(reported?.body ?? '{}').installation).toEqual({
      id: app.installations[0]?.id,
      node_id: expect.any(String),
    });
    expect(webhookProblems(reported as Received)).toEqual([]);
  });
});

describe('security_advisory deliveries (the GitHub Advisory Database, GitHub Apps only)', () => {
  async function appSetup(events: string[]) {
    const hook = await receiver();
    closers.push(hook.close);
    const w = world();
    const app = w.app({
      name: 'psrt-bot',
      permissions: { repository_advisories: 'read' },
      events,
      installations: [{ account: 'python', repositories: ['cpython'] }],
    });
    await w.c.setWebhook({ url: hook.url, secret });
    return { w, hook, app };
  }

  async function publishedAdvisory(w: ReturnType<typeof world>): Promise<string> {
    const { ghsa_id } = await draft(w, 'Heap overflow in _decimal', {
      severity: 'medium',
      cve_id: 'CVE-2026-40003',
      vulnerabilities: [
        {
          package: { ecosystem: 'pip', name: 'cpython' },
          vulnerable_version_range: '< 3.13.1',
          patched_versions: '3.13.1',
        },
      ],
    });
    await w.call('PATCH', `/repos/python/cpython/security-advisories/${ghsa_id}`, {
      token: w.tokens.ned,
      body: { state: 'published' },
    });
    return ghsa_id;
  }

  it('GitHub’s review, a second review and a withdrawal fire published, updated and withdrawn to an App that subscribed', async () => {
    const { w, hook, app } = await appSetup(['repository_advisory', 'security_advisory']);
    const ghsaId = await publishedAdvisory(w);
    const ref = { owner: 'python', repo: 'cpython', ghsaId };
    w.c.reviewAdvisory(ref);
    w.c.advance(60_000);
    w.c.reviewAdvisory(ref);
    w.c.advance(60_000);
    w.c.withdrawAdvisory(ref);
    await w.c.waitForDeliveries();
    expect(events(hook)).toEqual([
      'ping',
      'repository_advisory:published',
      'security_advisory:published',
      'security_advisory:updated',
      'security_advisory:withdrawn',
    ]);
    const [published, updated, withdrawn] = hook.received.slice(2) as Received[];
    for (const delivery of [published, updated, withdrawn] as Received[]) {
      expect(delivery.headers).toMatchObject({
        'x-github-event': 'security_advisory',
        'x-github-hook-installation-target-type': 'integration',
        'x-github-hook-installation-target-id': String(app.appId),
      });
      expect(verifies(delivery)).toBe(true);
      expect(webhookProblems(delivery)).toEqual([]);
    }
    const payload = JSON.parse(published?.body ?? '{}');
    // The Advisory Database belongs to no installation or repository: the payload names none.
    expect(Object.keys(payload)).toEqual(['action', 'security_advisory']);
    expect(payload.security_advisory).toMatchObject({
      ghsa_id: ghsaId,
      cve_id: 'CVE-2026-40003',
      severity: 'moderate',
      identifiers: [
        { type: 'GHSA', value: ghsaId },
        { type: 'CVE', value: 'CVE-2026-40003' },
      ],
      withdrawn_at: null,
      vulnerabilities: [
        {
          package: { ecosystem: 'pip', name: 'cpython' },
          severity: 'moderate',
          vulnerable_version_range: '< 3.13.1',
          first_patched_version: { identifier: '3.13.1' },
        },
      ],
      cvss: { vector_string: null, score: 0 },
    });
    expect(payload.security_advisory.references).toContainEqual({
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2026-40003',
    });
    const later = JSON.parse(updated?.body ?? '{}').security_advisory;
    expect(later.updated_at > payload.security_advisory.updated_at).toBe(true);
    expect(JSON.parse(withdrawn?.body ?? '{}').security_advisory.withdrawn_at).toEqual(expect.any(String));
    expectConformant(w);
  });

  it('an App that did not subscribe to security_advisory hears nothing of the Advisory Database', async () => {
    const { w, hook } = await appSetup(['repository_advisory']);
    const ghsaId = await publishedAdvisory(w);
    w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId });
    await w.c.waitForDeliveries();
    expect(events(hook)).toEqual(['ping', 'repository_advisory:published']);
  });

  it('an organization hook (not an App’s) never gets security_advisory', async () => {
    const { w, hook } = await setup();
    const ghsaId = await publishedAdvisory(w);
    w.c.reviewAdvisory({ owner: 'python', repo: 'cpython', ghsaId });
    w.c.withdrawAdvisory({ owner: 'python', repo: 'cpython', ghsaId });
    await w.c.waitForDeliveries();
    expect(events(hook)).toEqual(['ping', 'repository_advisory:published']);
  });
});
