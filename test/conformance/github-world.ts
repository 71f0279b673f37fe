// The world the GitHub conformance suites run in: the python org with cpython, the PSRT team (and
// a child team), a reporter and an outsider, the psrt App installed on the org (subscribed to
// repository and global advisory events and to the repository events the bot reads), and a local
// receiver for webhook deliveries.
import { createHmac, createSign } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { createGitHubSim } from '../../sim/github/index.ts';
import { testKey } from '../support/app-key.ts';

type GitHubSim = ReturnType<typeof createGitHubSim>;

export const CODEOWNERS = '* @python/psrt\nLib/tarfile.py @gpshead\n';

export interface World {
  admin: string;
  maintainer: string;
  reporter: string;
  outsider: string;
  app: { appId: number; clientId: string; privateKey: string; installationId: number };
}

export function seedWorld(sim: GitHubSim): World {
  const { control } = sim;
  control.reset();
  control.addUser({ login: 'reporter', name: 'Jane Reporter' });
  control.addUser({ login: 'outsider' });
  control.addOrg({ login: 'python', owners: ['sethmlarson'], members: ['gpshead', 'hugovk', 'vstinner'] });
  control.addRepo({
    owner: 'python',
    name: 'cpython',
    files: {
      '.github/CODEOWNERS': CODEOWNERS,
      'Lib/tarfile.py': '"""tarfile"""\n',
      'README.rst': 'CPython\n',
    },
    collaborators: { hugovk: 'maintain' },
  });
  control.addRepo({ owner: 'python', name: 'internal-tools', private: true });
  control.addTeam({
    org: 'python',
    slug: 'psrt',
    name: 'Python Security Response Team',
    members: ['sethmlarson', { login: 'gpshead', role: 'maintainer' }],
  });
  control.addTeam({ org: 'python', slug: 'psrt-triage', parent: 'psrt', members: ['vstinner'] });
  const app = control.createApp({
    privateKey: testKey(),
    name: 'psrt-bot',
    permissions: {
      repository_advisories: 'write',
      members: 'write',
      contents: 'write',
      pull_requests: 'write',
      issues: 'write',
      administration: 'write',
      metadata: 'read',
    },
    events: ['repository_advisory', 'security_advisory', 'issues', 'issue_comment', 'pull_request', 'push'],
    installations: [{ account: 'python' }],
  });
  const installation = app.installations[0];
  if (!installation) throw new Error('the App has no installation');
  return {
    admin: control.userToken('sethmlarson'),
    maintainer: control.userToken('gpshead'),
    reporter: control.userToken('reporter'),
    outsider: control.userToken('outsider'),
    app: {
      appId: app.appId,
      clientId: app.clientId,
      privateKey: app.privateKey,
      installationId: installation.id,
    },
  };
}

/** An App JWT as GitHub's docs describe it: RS256, issued 60 s back, valid for 9 minutes, iss = client id. */
export function appJwt(world: World, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: seconds - 60, exp: seconds + 540, iss: world.app.clientId })}`;
  return `${signed}.${createSign('RSA-SHA256').update(signed).sign(world.app.privateKey, 'base64url')}`;
}

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP endpoint that records webhook deliveries and answers 200. */
export async function startReceiver(): Promise<{
  url: string;
  received: ReceivedDelivery[];
  close(): Promise<void>;
}> {
  const received: ReceivedDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
