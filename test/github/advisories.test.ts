// What the bot does to an advisory on GitHub: add the PSRT and outside
// collaborators without dropping anyone already there, set or clear the CVE
// id, close, comment, and read team membership, permissions, CODEOWNERS and
// the fix pull requests.
import { describe, expect, it } from 'vitest';
import { mirrorAdvisory } from '../../src/github/index.ts';
import { org, pythonWorld } from './support.ts';

describe('changing an advisory on GitHub', () => {
  const world = pythonWorld();
  world.control.addTeam({ org, slug: 'tokenizer-experts', members: ['encukou'] });
  world.control.addUser({ login: 'reporter-outside-org' });
  const installation = world.client().forInstallation(world.installationId);
  it('adds the psrt team and a collaborator while keeping the teams and people already on it', async () => {
    const { ghsa_id: ghsaId } = world.draft('cpython');
    world.control.editAdvisory({
      as: 'sethmlarson',
      owner: org,
      repo: 'cpython',
      ghsaId,
      changes: { collaborating_teams: ['tokenizer-experts'], collaborating_users: ['hugovk'] },
    });

    const updated = await installation.addCollaborators(org, 'cpython', ghsaId, {
      teams: ['psrt'],
      users: ['reporter-outside-org', 'HugoVK'],
    });

    const mirrored = mirrorAdvisory(updated);
    expect(mirrored.collaboratingTeams).toEqual(['tokenizer-experts', 'psrt']);
    expect(mirrored.collaboratingUsers).toEqual(['hugovk', 'reporter-outside-org']);
    expect(mirrorAdvisory(await installation.getAdvisory(org, 'cpython', ghsaId))).toMatchObject({
      collaboratingTeams: ['tokenizer-experts', 'psrt'],
      collaboratingUsers: ['hugovk', 'reporter-outside-org'],
    });
  });

  it('writes nothing when everyone asked for is already a collaborator', async () => {
    const { ghsa_id: ghsaId } = world.draft('cpython');
    world.control.editAdvisory({
      as: 'sethmlarson',
      owner: org,
      repo: 'cpython',
      ghsaId,
      changes: { collaborating_teams: ['psrt'] },
    });

    const wireBefore = world.wire.length;

    await installation.addCollaborators(org, 'cpython', ghsaId, { teams: ['PSRT'] });

    const advisoryCalls = world.wire.slice(wireBefore).filter((request) => request.path.includes(ghsaId));
    expect(advisoryCalls.map((request) => request.method)).toEqual(['GET']);
  });

  it('removes one collaborator and keeps the others', async () => {
    const { ghsa_id: ghsaId } = world.draft('cpython');
    world.control.editAdvisory({
      as: 'sethmlarson',
      owner: org,
      repo: 'cpython',
      ghsaId,
      changes: { collaborating_teams: ['psrt'], collaborating_users: ['hugovk', 'encukou'] },
    });

    const updated = await installation.removeCollaborator(org, 'cpython', ghsaId, { user: 'hugovk' });

    expect(mirrorAdvisory(updated)).toMatchObject({
      collaboratingUsers: ['encukou'],
      collaboratingTeams: ['psrt'],
    });
  });

  it('sets the CVE id the PSF reserved, clears it, and closes the advisory', async () => {
    const { ghsa_id: ghsaId } = world.draft('cpython');

    expect((await installation.setCveId(org, 'cpython', ghsaId, 'CVE-2026-12345')).cve_id).toBe(
      'CVE-2026-12345',
    );
    expect((await installation.setCveId(org, 'cpython', ghsaId, null)).cve_id).toBeNull();
    const closed = await installation.closeAdvisory(org, 'cpython', ghsaId);
    expect(closed.state).toBe('closed');
    expect((await installation.getAdvisory(org, 'cpython', ghsaId)).state).toBe('closed');
  });

  it('comments on the advisory, edits the comment and lists comments since a time', async () => {
    const { ghsa_id: ghsaId } = world.draft('cpython');
    world.control.comment({
      as: 'sethmlarson',
      owner: org,
      repo: 'cpython',
      ghsaId,
      body: '@psrt-bot status',
    });

    const posted = await installation.createComment(org, 'cpython', ghsaId, 'Coordinator: sethmlarson');
    const edited = await installation.editComment(org, 'cpython', ghsaId, posted.id, 'Coordinator: hugovk');
    const all = await installation.listComments(org, 'cpython', ghsaId);

    expect(edited.id).toBe(posted.id);
    expect(all.map((comment) => comment.body)).toEqual(['@psrt-bot status', 'Coordinator: hugovk']);
    expect(all.map((comment) => comment.author?.login)).toEqual(['sethmlarson', 'psrt[bot]']);
    const later = await installation.listComments(org, 'cpython', ghsaId, {
      since: new Date(world.control.now().getTime() + 1000),
    });
    expect(later).toEqual([]);
  });

  it('requests a CVE from GitHub and starts the temporary private fork', async () => {
    const { ghsa_id: ghsaId } = world.draft('cpython');

    await installation.requestCve(org, 'cpython', ghsaId);
    const fork = await installation.createPrivateFork(org, 'cpython', ghsaId);

    expect(fork).toMatchObject({ private: true, name: `cpython-${ghsaId.toLowerCase()}` });
    const mirrored = mirrorAdvisory(await installation.getAdvisory(org, 'cpython', ghsaId));
    expect(mirrored.privateFork).toMatchObject({ owner: org, name: fork.name });
  });
});

describe('reading who may act and what a fix touches', () => {
  const world = pythonWorld({ repos: ['cpython', 'pip', 'peps', 'devguide'] });
  const installation = world.client().forInstallation(world.installationId);

  it('answers team membership, with "not a member" for GitHub\'s 404', async () => {
    expect(await installation.getTeamMembership(org, 'psrt', 'hugovk')).toMatchObject({ state: 'active' });
    expect(await installation.getTeamMembership(org, 'psrt', 'encukou')).toBeNull();
    const members = await installation.getTeamMembers(org, 'psrt');
    expect(members.map((member) => member.login).sort()).toEqual(['hugovk', 'sethmlarson']);
  });

  it('an App with Members: read may not change the team, and says which permission it lacks', async () => {
    const refused = await installation
      .addTeamMembership(org, 'psrt', 'encukou')
      .catch((error: unknown) => error as Error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toContain('Organization members: Read and write (members: write)');
    const members = await installation.getTeamMembers(org, 'psrt');
    expect(members.map((member) => member.login).sort()).toEqual(['hugovk', 'sethmlarson']);
  });

  it("answers a person's permission on a repository", async () => {
    expect(await installation.getCollaboratorPermission(org, 'cpython', 'sethmlarson')).toMatchObject({
      permission: 'admin',
    });
    expect(await installation.getCollaboratorPermission(org, 'cpython', 'nobody-by-this-name')).toBeNull();
  });

  it('reads CODEOWNERS where GitHub does: .github/, then the root, then docs/', async () => {
    world.control.putFile({
      owner: org,
      repo: 'cpython',
      path: '.github/CODEOWNERS',
      content: '* @python/psrt\n',
    });
    world.control.putFile({ owner: org, repo: 'cpython', path: 'CODEOWNERS', content: '* @root\n' });
    world.control.putFile({ owner: org, repo: 'pip', path: 'CODEOWNERS', content: '* @pypa/pip\n' });
    world.control.putFile({ owner: org, repo: 'pip', path: 'docs/CODEOWNERS', content: '* @docs\n' });
    world.control.putFile({ owner: org, repo: 'peps', path: 'docs/CODEOWNERS', content: '* @python/peps\n' });
    world.control.putFile({ owner: org, repo: 'devguide', path: '.github/CODEOWNERS', content: '* @main\n' });
    world.control.putFile({
      owner: org,
      repo: 'devguide',
      path: 'CODEOWNERS',
      content: '* @release\n',
      ref: '3.14',
    });

    expect(await installation.getCodeowners(org, 'cpython')).toEqual({
      path: '.github/CODEOWNERS',
      content: '* @python/psrt\n',
    });
    expect(await installation.getCodeowners(org, 'pip')).toEqual({
      path: 'CODEOWNERS',
      content: '* @pypa/pip\n',
    });
    expect(await installation.getCodeowners(org, 'peps')).toEqual({
      path: 'docs/CODEOWNERS',
      content: '* @python/peps\n',
    });
    expect(await installation.getCodeowners(org, 'devguide', '3.14')).toEqual({
      path: 'CODEOWNERS',
      content: '* @release\n',
    });
  });

  it('answers null when a repository has no CODEOWNERS, but says so when the branch does not exist', async () => {
    world.control.addRepo({ owner: org, name: 'no-owners' });
    expect(await installation.getCodeowners(org, 'no-owners')).toBeNull();
    await expect(installation.getCodeowners(org, 'no-owners', 'no-such-branch')).rejects.toMatchObject({
      kind: 'not-found',
      githubMessage: 'No commit found for the ref no-such-branch',
    });
  });

  it('finds a published advisory in the Advisory Database only once GitHub has reviewed it', async () => {
    const { ghsa_id: ghsaId } = world.draft('cpython');
    const ref = { owner: org, repo: 'cpython', ghsaId };
    world.control.editAdvisory({ ...ref, as: 'sethmlarson', changes: { severity: 'high' } });
    world.control.publishAdvisory({ ...ref, as: 'sethmlarson' });
    expect(await installation.getGlobalAdvisory(ghsaId)).toBeNull();
    world.control.reviewAdvisory(ref);
    const entry = await installation.getGlobalAdvisory(ghsaId);
    expect(entry).toMatchObject({ ghsa_id: ghsaId, type: 'reviewed', severity: 'high', withdrawn_at: null });
    expect(entry?.repository_advisory_url).toContain(`/repos/${org}/cpython/security-advisories/${ghsaId}`);
  });

  it("reads GitHub's CODEOWNERS errors, or null when there is no CODEOWNERS", async () => {
    world.control.addRepo({
      owner: org,
      name: 'owned',
      files: { '.github/CODEOWNERS': '/Lib/ @sethmlarson\n/Doc/ @nobody-here\n' },
    });
    world.control.addRepo({ owner: org, name: 'unowned' });
    const errors = await installation.getCodeownersErrors(org, 'owned');
    expect(errors?.map((e) => [e.line, e.kind, e.path])).toEqual([
      [2, 'Unknown owner', '.github/CODEOWNERS'],
    ]);
    expect(await installation.getCodeownersErrors(org, 'unowned')).toBeNull();
  });

  it('lists the open pull requests against main and the files each changes', async () => {
    world.control.addPullRequest({
      owner: org,
      repo: 'cpython',
      title: 'Fix the tokenizer overflow',
      user: 'hugovk',
      base: { ref: 'main' },
      files: [{ filename: 'Parser/tokenizer.c', status: 'modified', additions: 3, deletions: 1 }],
    });
    world.control.addPullRequest({
      owner: org,
      repo: 'cpython',
      title: 'Old fix',
      user: 'hugovk',
      state: 'closed',
    });

    const pulls = await installation.listPullRequests(org, 'cpython', { state: 'open', base: 'main' });
    expect(pulls.map((pull) => pull.title)).toEqual(['Fix the tokenizer overflow']);
    const files = await installation.listPullRequestFiles(org, 'cpython', pulls[0]?.number ?? 0);
    expect(files.map((file) => [file.filename, file.status])).toEqual([['Parser/tokenizer.c', 'modified']]);
  });
});
