// What the bot's coverage rule reads and writes for each covered repository: whether private
// vulnerability reporting is on (and turning it on), the security policy (SECURITY.md where
// GitHub looks for it) and the community profile.
import { describe, expect, it } from 'vitest';
import { expectConformant, installationToken, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    await fn(w);
    expectConformant(w);
  };
}

const POLICY = 'Report vulnerabilities at https://github.com/python/cpython/security/advisories/new\n';

describe('private vulnerability reporting settings', () => {
  it(
    'an admin, or an App with administration write, turns reporting off and on; anyone else is refused',
    scenario(async (w) => {
      const path = '/repos/python/cpython/private-vulnerability-reporting';
      expect((await w.call('GET', path, { token: w.tokens.mallory })).body).toEqual({ enabled: true });
      expect((await w.call('DELETE', path, { token: w.tokens.maint })).status).toBe(403);
      expect((await w.call('DELETE', path)).status).toBe(401);
      const admin = w.app({
        name: 'admin',
        permissions: { administration: 'write' },
        installations: [{ account: 'python' }],
      });
      const reader = w.app({
        name: 'reader',
        permissions: { administration: 'read' },
        installations: [{ account: 'python' }],
      });
      expect((await w.call('DELETE', path, { token: await installationToken(w, reader) })).status).toBe(403);
      expect((await w.call('DELETE', path, { token: await installationToken(w, admin) })).status).toBe(204);
      expect((await w.call('GET', path)).body).toEqual({ enabled: false });
      expect(() =>
        w.c.reportVulnerability({
          as: 'alice',
          owner: 'python',
          repo: 'cpython',
          advisory: { summary: 's', description: 'd' },
        }),
      ).toThrow('Not Found');
      expect((await w.call('PUT', path, { token: w.tokens.ned })).status).toBe(204);
      const filed = w.c.reportVulnerability({
        as: 'alice',
        owner: 'python',
        repo: 'cpython',
        advisory: { summary: 's', description: 'd' },
      });
      expect(filed.state).toBe('triage');
    }),
  );
});

describe('the security policy', () => {
  it(
    'SECURITY.md reads through the contents API wherever GitHub looks for it: .github/, the root, docs/',
    scenario(async (w) => {
      for (const [name, path] of [
        ['in-github', '.github/SECURITY.md'],
        ['at-root', 'SECURITY.md'],
        ['in-docs', 'docs/SECURITY.md'],
      ] as const) {
        w.c.addRepo({ owner: 'python', name, files: { [path]: POLICY } });
        const raw = await w.call('GET', `/repos/python/${name}/contents/${path}`, {
          headers: { accept: 'application/vnd.github.raw+json' },
        });
        expect(raw.text).toBe(POLICY);
        const json = await w.call('GET', `/repos/python/${name}/contents/${path}`);
        expect(Buffer.from(json.body.content, 'base64').toString('utf8')).toBe(POLICY);
        expect((await w.call('GET', `/repos/python/${name}/contents/SECURITY.md`)).status).toBe(
          path === 'SECURITY.md' ? 200 : 404,
        );
      }
    }),
  );
});

describe('the community profile', () => {
  it(
    'lists README, contributing guide, code of conduct, licence and templates, found in .github/, the root or docs/, and no security entry',
    scenario(async (w) => {
      w.c.addRepo({
        owner: 'python',
        name: 'healthy',
        description: 'A healthy project',
        files: {
          'README.md': '# healthy\n',
          '.github/CONTRIBUTING.md': 'Send patches.\n',
          'docs/CODE_OF_CONDUCT.md': 'Contributor Covenant Code of Conduct\n',
          LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge, to any person\n',
          '.github/ISSUE_TEMPLATE/bug.md': 'Bug\n',
          '.github/PULL_REQUEST_TEMPLATE.md': 'PR\n',
          '.github/SECURITY.md': POLICY,
        },
      });
      const profile = await w.call('GET', '/repos/python/healthy/community/profile', {
        token: w.tokens.pablo,
      });
      expect(profile.body).toMatchObject({
        health_percentage: 100,
        description: 'A healthy project',
        content_reports_enabled: false,
        files: {
          readme: { html_url: 'https://github.com/python/healthy/blob/main/README.md' },
          contributing: { url: 'http://sim.test/repos/python/healthy/contents/.github/CONTRIBUTING.md' },
          code_of_conduct: { key: 'contributor_covenant', name: 'Contributor Covenant' },
          code_of_conduct_file: {
            html_url: 'https://github.com/python/healthy/blob/main/docs/CODE_OF_CONDUCT.md',
          },
          license: { key: 'mit', spdx_id: 'MIT' },
          issue_template: {
            html_url: 'https://github.com/python/healthy/blob/main/.github/ISSUE_TEMPLATE/bug.md',
          },
          pull_request_template: {
            html_url: 'https://github.com/python/healthy/blob/main/.github/PULL_REQUEST_TEMPLATE.md',
          },
        },
      });
      expect(Object.keys(profile.body.files)).not.toContain('security');
      const bare = await w.call('GET', '/repos/python/cpython/community/profile');
      expect(bare.body).toMatchObject({
        health_percentage: 29,
        files: {
          readme: { html_url: 'https://github.com/python/cpython/blob/main/README.rst' },
          license: null,
          contributing: null,
        },
      });
    }),
  );

  it(
    'is not there for a fork, nor for a repository one cannot see',
    scenario(async (w) => {
      const advisory = w.c.createAdvisory({
        as: 'ned',
        owner: 'python',
        repo: 'cpython',
        advisory: { summary: 's', description: 'd', vulnerabilities: [], start_private_fork: true },
      });
      const fork = advisory.private_fork?.name ?? '';
      expect(
        (await w.call('GET', `/repos/python/${fork}/community/profile`, { token: w.tokens.ned })).status,
      ).toBe(404);
      expect(
        (await w.call('GET', '/repos/python/secret-tool/community/profile', { token: w.tokens.mallory }))
          .status,
      ).toBe(404);
    }),
  );
});
