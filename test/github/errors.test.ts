// When GitHub refuses, the error says what GitHub answered and what an
// operator should do, and it is safe to log or show: no advisory text, no
// token, no key, and a hidden advisory looks exactly like a missing one.
import { describe, expect, it } from 'vitest';
import { createGitHubClient, GitHubError } from '../../src/github/index.ts';
import { org, pythonWorld, sendsInvalidRequestsOnPurpose } from './support.ts';

const embargoed = 'EMBARGOED: the tokenizer overflows on crafted f-strings';

const failure = (promise: Promise<unknown>): Promise<GitHubError> =>
  promise.then(
    () => {
      throw new Error('expected GitHub to refuse');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(GitHubError);
      return error as GitHubError;
    },
  );

/** Everything an error could leak through: message, fields, stack, JSON. */
const everything = (error: GitHubError): string =>
  [error.message, error.stack, JSON.stringify(error), JSON.stringify(Object.entries(error))].join('\n');

describe('errors from GitHub', () => {
  const world = pythonWorld();
  const { ghsa_id: ghsaId } = world.draft('cpython', embargoed);
  const client = world.client();
  const installation = client.forInstallation(world.installationId);
  // A second App, installed on pip only.
  const pipOnly = world.control.createApp({
    name: 'psrt-pip-only',
    permissions: { repository_advisories: 'write' },
    installations: [{ account: org, repositories: ['pip'] }],
  });

  it('says a hidden advisory and a missing one the same way', async () => {
    const narrow = world.client({ appId: pipOnly.appId, privateKey: pipOnly.privateKey });
    const [narrowInstallation] = await narrow.listInstallations();
    const scoped = narrow.forInstallation(narrowInstallation?.id ?? 0);

    const hidden = await failure(scoped.getAdvisory(org, 'cpython', ghsaId));
    const missing = await failure(installation.getAdvisory(org, 'cpython', 'GHSA-2222-3333-4444'));

    expect(hidden).toMatchObject({ kind: 'not-found', status: 404, operation: 'getAdvisory' });
    expect(hidden.message.replace(ghsaId, 'ID')).toBe(missing.message.replace('GHSA-2222-3333-4444', 'ID'));
    expect(hidden.message).toMatch(/does not exist, or the App cannot see it/);
  });

  it('tells the operator which permission to grant when GitHub says the App may not', async () => {
    const membersOnly = world.control.createApp({
      name: 'psrt-without-advisories',
      permissions: { members: 'read' },
      installations: [{ account: org }],
    });
    const limited = world.client({ appId: membersOnly.appId, privateKey: membersOnly.privateKey });
    const [limitedInstallation] = await limited.listInstallations();

    const error = await failure(
      limited.forInstallation(limitedInstallation?.id ?? 0).closeAdvisory(org, 'cpython', ghsaId),
    );

    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(error.githubMessage).toBe('Resource not accessible by integration');
    expect(error.message).toContain('repository_advisories: write');
  });

  it("passes on GitHub's validation message without the advisory text that was sent", async () => {
    sendsInvalidRequestsOnPurpose();
    const error = await failure(
      installation.updateAdvisory(org, 'cpython', ghsaId, { summary: `${embargoed} `.repeat(30) }),
    );

    expect(error).toMatchObject({ kind: 'invalid', status: 422, operation: 'updateAdvisory' });
    expect(error.message).toMatch(/too long/);
    expect(everything(error)).not.toContain('EMBARGOED');
  });

  it('names the fields GitHub objected to, without the values that were sent', async () => {
    const error = await failure(
      installation.updateAdvisory(org, 'cpython', ghsaId, {
        collaborating_users: ['no-such-person-anywhere'],
      }),
    );
    expect(error.validationErrors).toEqual([
      { resource: 'RepositoryAdvisory', field: 'collaborating_users', code: 'invalid' },
    ]);
    expect(error.message).toContain('collaborating_users invalid');
    expect(everything(error)).not.toContain('no-such-person-anywhere');
  });

  it('passes on a refused state change', async () => {
    const pipDraft = { as: 'sethmlarson', owner: org, repo: 'pip', ghsaId: world.draft('pip').ghsa_id };
    world.control.editAdvisory({ ...pipDraft, changes: { severity: 'high' } });
    world.control.publishAdvisory(pipDraft);
    const [published] = await installation.listRepoAdvisories(org, 'pip', { state: 'published' });
    const error = await failure(
      installation.updateAdvisory(org, 'pip', published?.ghsa_id ?? '', { state: 'draft' }),
    );
    expect(error.githubMessage).toBe('Invalid state transition from `published` to `draft`.');
  });

  it('points at the private key and the clock when GitHub refuses the App itself', async () => {
    // Another App's key: GitHub cannot verify the JWT with the psrt App's public key.
    const impostor = world.client({ privateKey: pipOnly.privateKey });

    const error = await failure(impostor.listInstallations());

    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(error.hint).toMatch(/private key/);
    expect(error.hint).toMatch(/clock/);
    expect(everything(error)).not.toContain(pipOnly.privateKey.split('\n')[1]);
  });

  it('never puts a token or the private key in an error or a log line', async () => {
    const tokens: string[] = [];
    const watching = world.client({
      fetch: async (request) => {
        tokens.push((request.headers.get('authorization') ?? '').replace(/^\S+\s+/, ''));
        return world.sim.fetch(request);
      },
    });
    world.control.injectFault({
      kind: 'token-expiry',
      match: { path: `/repos/python/cpython/security-advisories/${ghsaId}` },
      times: 1,
    });
    const scoped = watching.forInstallation(world.installationId);
    await scoped.getAdvisory(org, 'cpython', ghsaId);
    const errors = await Promise.all([
      failure(scoped.getAdvisory(org, 'cpython', 'GHSA-2222-3333-4444')),
      failure(scoped.updateAdvisory(org, 'cpython', ghsaId, { summary: embargoed.repeat(40) })),
    ]);

    const said = [...errors.map(everything), ...world.log.lines.map((line) => JSON.stringify(line))].join(
      '\n',
    );
    expect(tokens.filter((token) => token.length > 0).length).toBeGreaterThan(2);
    for (const token of new Set(tokens)) if (token) expect(said).not.toContain(token);
    expect(said).not.toContain(world.app.privateKey.split('\n')[1]);
    expect(said).not.toContain('EMBARGOED');
  });

  it('says GitHub could not be reached, and where it was looked for, when nothing answers', async () => {
    const nowhere = createGitHubClient({
      appId: world.app.appId,
      privateKey: world.app.privateKey,
      baseUrl: 'http://127.0.0.1:9',
      serverErrors: { retries: 1, backoffMs: 1 },
    });
    const error = await failure(nowhere.listInstallations());
    expect(error).toMatchObject({ kind: 'unreachable', status: null });
    expect(error.message).toContain('http://127.0.0.1:9');
    expect(nowhere.counters()).toMatchObject({ requests: 2, unanswered: 2 });
  });
});
