// A small Python-like GitHub world in the simulator, the psrt App installed
// on it, and a client whose waits advance the simulator's clock instead of
// real time (so an hour-long rate-limit reset takes no time in a test).
import { createHash } from 'node:crypto';
import { githubConformance } from '../../sim/conformance/descriptions.ts';
import { createGitHubSim, type GitHubSim } from '../../sim/github/index.ts';
import { createGitHubClient, type GitHubClientOptions, type GitHubLog } from '../../src/github/index.ts';
import { testKey } from '../support/app-key.ts';
import { checkClientExchanges } from '../support/client-conformance.ts';

// Every request the client sends and every answer it gets, checked against GitHub's description.
const exchanges = checkClientExchanges(githubConformance);
/** For a test that makes the client send what GitHub must refuse: its requests are not checked. */
export const { sendsInvalidRequestsOnPurpose } = exchanges;

export const org = 'python';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

export function recordingLog(): GitHubLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: object, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function pythonWorld(options: { repos?: string[] } = {}) {
  // Real time, so the App's JWTs are current; tests move it with `control.advance`.
  const sim: GitHubSim = createGitHubSim();
  const { control } = sim;
  const repos = options.repos ?? ['cpython', 'pip'];
  control.addOrg({ login: org, owners: ['sethmlarson'], members: ['hugovk', 'encukou'] });
  for (const name of repos) control.addRepo({ owner: org, name });
  control.addTeam({ org, slug: 'psrt', members: ['sethmlarson', 'hugovk'] });
  const app = control.createApp({
    privateKey: testKey(),
    name: 'psrt',
    permissions: {
      repository_advisories: 'write',
      members: 'read',
      contents: 'read',
      pull_requests: 'read',
    },
    events: ['repository_advisory'],
    installations: [{ account: org }],
  });
  const installationId = app.installations[0]?.id ?? 0;
  const log = recordingLog();
  const waits: number[] = [];
  /** Every request that reached the simulator, with a digest of the credential it carried. */
  const wire: { method: string; path: string; status: number; credential: string }[] = [];
  const recorder = exchanges.record((input: Request | string | URL, init?: RequestInit) =>
    sim.fetch(input instanceof Request && init === undefined ? input : new Request(input, init)),
  );
  const recordingFetch = async (request: Request) => {
    const authorization = request.headers.get('authorization') ?? '';
    const response = await recorder.fetch(request);
    const url = new URL(request.url);
    wire.push({
      method: request.method,
      path: url.pathname + url.search,
      status: response.status,
      credential: createHash('sha256').update(authorization).digest('hex').slice(0, 12),
    });
    return response;
  };

  const client = (overrides: Partial<GitHubClientOptions> = {}) =>
    createGitHubClient({
      appId: app.appId,
      privateKey: app.privateKey,
      baseUrl: 'http://github.sim',
      fetch: recordingFetch,
      log,
      now: () => control.now(),
      sleep: async (ms) => {
        waits.push(ms);
        control.advance(ms);
      },
      serverErrors: { backoffMs: 1 },
      serializeWrites: false,
      ...overrides,
    });

  /** A draft created in the web UI by an org owner. */
  const draft = (repo: string, summary = 'Heap overflow in the tokenizer') =>
    control.createAdvisory({
      as: 'sethmlarson',
      owner: org,
      repo,
      advisory: {
        summary,
        description: `Embargoed details of ${summary}`,
        vulnerabilities: [{ package: { ecosystem: 'pip', name: repo } }],
      },
    });

  return { sim, control, app, installationId, log, waits, wire, client, draft };
}
