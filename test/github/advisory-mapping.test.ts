// The mapping reads GitHub's own published examples (from @octokit/openapi),
// including the inaccuracies real responses have, and never decides anything.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { mirrorAdvisory, repositoryOf } from '../../src/github/advisory-mapping.ts';
import type { RepositoryAdvisory } from '../../src/github/types.ts';

const description = createRequire(import.meta.url)('@octokit/openapi/generated/api.github.com.json') as {
  components: { examples: Record<string, { value: unknown }> };
};
const example = (name: string): RepositoryAdvisory =>
  structuredClone(description.components.examples[name]?.value) as RepositoryAdvisory;

describe('mirroring a GitHub advisory into psrt', () => {
  it('takes summary as the title, the v4 vector, affected packages, credits, collaborators and the fork', () => {
    const advisory = example('repository-advisory');
    advisory.credits_detailed = [
      ...(advisory.credits_detailed ?? []),
      {
        user: { ...(advisory.author as NonNullable<typeof advisory.author>), login: 'sethmlarson' },
        type: 'coordinator',
        state: 'accepted',
      },
    ];
    const mirrored = mirrorAdvisory(advisory);
    expect(mirrored).toMatchObject({
      ghsaId: 'GHSA-abcd-1234-efgh',
      repository: 'repo/a-package',
      state: 'published',
      title: 'A short summary of the advisory.',
      description: 'A detailed description of what the advisory entails.',
      cveId: 'CVE-2050-00000',
      cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      coordinator: 'sethmlarson',
      collaboratingUsers: ['octokitten'],
      collaboratingTeams: ['justice-league'],
      privateFork: {
        owner: 'octo-org',
        name: 'octo-repo-ghsa-abcd-1234-efgh',
        fullName: 'octo-org/octo-repo-ghsa-abcd-1234-efgh',
      },
      privatelyReported: false,
      cweIds: ['CWE-123'],
      publishedAt: new Date('2020-01-03T00:00:00Z'),
    });
    expect(mirrored.affected).toEqual([
      {
        ecosystem: 'pip',
        package: 'a-package',
        vulnerableVersionRange: '>= 1.0.0, < 1.0.1',
        patchedVersions: '1.0.1',
      },
      {
        ecosystem: 'pip',
        package: 'another-package',
        vulnerableVersionRange: '>= 1.0.0, < 1.0.2',
        patchedVersions: '1.0.2',
      },
    ]);
    expect(mirrored.credits).toContainEqual({ login: 'sethmlarson', type: 'coordinator', state: 'accepted' });
  });

  it('tolerates a CVE identifier whose value is null, as on a fresh private report', () => {
    const report = example('repository-advisory-pvr');
    report.cve_id = null;
    expect(report.identifiers).toContainEqual({ type: 'CVE', value: null });
    const mirrored = mirrorAdvisory(report);
    expect(mirrored.cveId).toBeNull();
    expect(mirrored).toMatchObject({
      state: 'triage',
      privatelyReported: true,
      author: 'octocat',
      coordinator: null,
    });
    expect(mirrored.cvssVector).toBeNull();
  });

  it('reads a CVE id from the identifiers when cve_id is empty', () => {
    const advisory = example('repository-advisory');
    advisory.cve_id = null;
    expect(mirrorAdvisory(advisory).cveId).toBe('CVE-2050-00000');
  });

  it('tolerates teams without a type, packages without a name and missing optional lists', () => {
    const advisory = example('repository-advisory');
    expect(advisory.collaborating_teams?.[0]).not.toHaveProperty('type');
    advisory.vulnerabilities = [
      { package: null, vulnerable_version_range: null, patched_versions: null, vulnerable_functions: null },
    ];
    advisory.cvss_severities = undefined;
    advisory.credits_detailed = null;
    advisory.collaborating_users = null;
    advisory.private_fork = null;
    const mirrored = mirrorAdvisory(advisory);
    expect(mirrored.affected).toEqual([
      { ecosystem: 'other', package: '', vulnerableVersionRange: '', patchedVersions: null },
    ]);
    expect(mirrored.credits).toEqual([{ login: 'octocat', type: 'analyst', state: null }]);
    expect(mirrored.collaboratingUsers).toEqual([]);
    expect(mirrored.privateFork).toBeNull();
    expect(mirrored.cvssVector).toBeNull();
  });

  it('finds the repository from the URL, since the organisation list carries none', () => {
    expect(
      repositoryOf({
        url: '',
        html_url: 'https://github.com/python/cpython/security/advisories/GHSA-2222-3333-4444',
      }),
    ).toBe('python/cpython');
    expect(
      repositoryOf({
        url: 'http://127.0.0.1:1/repos/python/pip/security-advisories/GHSA-2222-3333-4444',
        html_url: '',
      }),
    ).toBe('python/pip');
  });
});
