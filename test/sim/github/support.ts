// A small GitHub world for the simulator's tests: the python org with owners, members and the
// psrt team, public and private repositories, a reporter and a stranger. Every exchange goes
// through the conformance recorder so the suite can check it against GitHub's description.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Problem } from '../../../sim/conformance/allow.ts';
import { githubConformance, webhookConformance } from '../../../sim/conformance/descriptions.ts';
import { checkExchanges, type Exchange, recordExchanges } from '../../../sim/conformance/record.ts';
import { checkDelivery } from '../../../sim/conformance/webhooks.ts';
import {
  type AppSeed,
  createGitHubSim,
  type GitHubSim,
  type GitHubSimOptions,
} from '../../../sim/github/index.ts';
import { testKey } from '../../support/app-key.ts';
import appJwt from './jwt.ts';

export const T0 = '2026-11-24T10:00:00Z';
export const base = 'http://sim.test';

// One RSA key per test process, and a short one (octokit.test.ts uses a generated one).
export { testKey };

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response JSON, checked by the assertions and the conformance validator
  body: any;
  text: string;
}

export function world(options: GitHubSimOptions = {}) {
  const sim = createGitHubSim(options);
  if (!options.now) sim.control.setClock(T0);
  const recorder = recordExchanges(sim.fetch);
  const c = sim.control;
  c.addOrg({ login: 'python', owners: ['ned'], members: ['pablo', 'guido'], securityManagers: ['sam'] });
  c.addUser({ login: 'alice', name: 'Alice Reporter' });
  c.addUser({ login: 'mallory' });
  c.addRepo({
    owner: 'python',
    name: 'cpython',
    description: 'The Python programming language',
    files: { '.github/CODEOWNERS': '/Lib/email/ @python/email-team @bitdancer\n', 'README.rst': 'CPython\n' },
    collaborators: { maint: 'maintain' },
  });
  c.addRepo({ owner: 'python', name: 'secret-tool', private: true, collaborators: { insider: 'write' } });
  c.addTeam({
    org: 'python',
    slug: 'psrt',
    name: 'PSRT',
    members: [{ login: 'seth', role: 'maintainer' }, 'ee'],
  });
  c.addTeam({
    org: 'python',
    slug: 'psrt-emeritus',
    name: 'PSRT emeritus',
    parent: 'psrt',
    members: ['old'],
  });
  const tokens = {
    ned: c.userToken('ned'),
    pablo: c.userToken('pablo'),
    alice: c.userToken('alice'),
    mallory: c.userToken('mallory'),
    seth: c.userToken('seth'),
    sam: c.userToken('sam'),
    maint: c.userToken('maint'),
  };

  async function call(
    method: string,
    path: string,
    init: {
      token?: string;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      invalid?: string;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/vnd.github+json', ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const url = path.startsWith('http') ? path : `${base}${path}`;
    const request = { method, headers, body };
    const response = init.invalid
      ? await recorder.fetchInvalid(init.invalid, url, request)
      : await recorder.fetch(url, request);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  const app = (seed: AppSeed) => c.createApp({ privateKey: testKey(), ...seed });
  return { sim, c, tokens, call, recorder, app };
}

export type World = ReturnType<typeof world>;

// biome-ignore lint/suspicious/noExplicitAny: response JSON, checked by the assertions and the conformance validator
type Advisory = { ghsa_id: string; [k: string]: any };

export async function report(w: World, summary = 'Heap overflow in _decimal', as = 'alice') {
  const r = await w.call('POST', '/repos/python/cpython/security-advisories/reports', {
    token: w.tokens[as as keyof World['tokens']] ?? w.c.userToken(as),
    body: {
      summary,
      description: 'Crafted input overflows a buffer.',
      vulnerabilities: [
        { package: { ecosystem: 'pip', name: 'cpython' }, vulnerable_version_range: '< 3.13.1' },
      ],
      cvss_vector_string: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    },
  });
  expect(r.status).toBe(201);
  return r.body as Advisory;
}

export async function draft(w: World, summary = 'A draft', extra: Record<string, unknown> = {}) {
  const r = await w.call('POST', '/repos/python/cpython/security-advisories', {
    token: w.tokens.ned,
    body: {
      summary,
      description: 'Details.',
      vulnerabilities: [{ package: { ecosystem: 'pip', name: 'cpython' } }],
      severity: 'high',
      ...extra,
    },
  });
  expect(r.status).toBe(201);
  return r.body as Advisory;
}

/**
 * Every recorded exchange checked against GitHub's description (with the central allow-list),
 * split into real problems and the findings a test provoked on purpose.
 */
export function conformanceProblems(w: World): { shape: Problem[]; gaps: Problem[] } {
  const problems = checkExchanges(w.recorder.exchanges as Exchange[], githubConformance());
  // A test that calls a route GitHub does not have on purpose expects exactly that finding.
  const deliberate = new Set(
    w.recorder.exchanges.filter((e) => e.expectInvalidRequest).map((e) => `${e.method} ${e.url}`),
  );
  const unknownOnPurpose = (p: Problem) =>
    deliberate.has(`${p.method} ${p.url}`) &&
    (p.keyword === 'method-not-allowed' || p.keyword === 'unknown-operation');
  const gap = (p: Problem) => unknownOnPurpose(p);
  return { shape: problems.filter((p) => !gap(p)), gaps: problems.filter(gap) };
}

export function expectConformant(w: World): void {
  const { shape } = conformanceProblems(w);
  expect(
    shape.map(
      (p) =>
        `${p.method} ${p.url} ${p.status ?? ''} ${p.location}${p.instancePath} ${p.keyword}: ${p.message}`,
    ),
  ).toEqual([]);
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny webhook receiver on a free port; answers `status` (default 200). */
export async function receiver(status = 200) {
  const received: Received[] = [];
  let answer = status;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answerWith: (next: number) => {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function webhookProblems(delivery: Received): string[] {
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
  );
  return checkDelivery(webhookConformance(), headers, delivery.body).map(
    (p) => `${p.location}${p.instancePath} ${p.keyword}: ${p.message}`,
  );
}

export type { GitHubSim };

/** An installation token for the App's first installation, optionally narrowed by `body`. */
export async function installationToken(
  w: World,
  app: { appId: number; privateKey: string; installations: { id: number }[] },
  body?: unknown,
): Promise<string> {
  const jwt = appJwt(app.appId, app.privateKey, w.sim.control.now());
  const r = await w.call('POST', `/app/installations/${app.installations[0]?.id}/access_tokens`, {
    token: jwt,
    body,
  });
  expect(r.status).toBe(201);
  return r.body.token as string;
}
