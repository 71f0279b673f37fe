// Coverage of the repositories the App is installed on: private vulnerability
// reporting and a security policy that points to its form (domain/bot/coverage).
// Reading changes nothing; with `apply`, reporting is turned on where it is
// off (the policy text is the maintainers' to write).
import { type CoverageFacts, coverageGaps, securityPolicyPaths } from '../../domain/bot/coverage.ts';
import type { GitHubClient, InstallationClient } from '../../github/index.ts';

export interface RepositoryCoverage extends CoverageFacts {
  gaps: string[];
  /** Private vulnerability reporting was turned on by this run. */
  enabled: boolean;
}

async function policyOf(
  client: InstallationClient,
  owner: string,
  repo: string,
): Promise<CoverageFacts['policy']> {
  for (const path of securityPolicyPaths) {
    const text = await client.getFileText(owner, repo, path);
    if (text !== null) return { path, text };
  }
  // The organisation's default, from its `.github` repository.
  for (const path of ['SECURITY.md', '.github/SECURITY.md']) {
    const text = await client.getFileText(owner, '.github', path).catch(() => null);
    if (text !== null) return { path: `${owner}/.github/${path}`, text };
  }
  return null;
}

export async function checkCoverage(
  github: GitHubClient,
  options: { apply?: boolean; onProgress?: (repository: string) => void } = {},
): Promise<RepositoryCoverage[]> {
  const results: RepositoryCoverage[] = [];
  for (const installation of await github.listInstallations()) {
    const client = github.forInstallation(installation.id);
    const repositories = (await client.listInstallationRepositories()).filter(
      (r) => !r.archived && !r.fork && r.name !== '.github',
    );
    for (const repository of repositories) {
      const [owner, repo] = [repository.owner.login, repository.name];
      options.onProgress?.(repository.full_name);
      let privateReporting = await client.getPrivateReporting(owner, repo).catch(() => null);
      let enabled = false;
      if (options.apply && privateReporting === false) {
        await client.enablePrivateReporting(owner, repo);
        privateReporting = true;
        enabled = true;
      }
      const facts: CoverageFacts = {
        repository: repository.full_name,
        privateReporting,
        policy: await policyOf(client, owner, repo),
      };
      results.push({ ...facts, gaps: coverageGaps(facts), enabled });
    }
  }
  return results.sort((a, b) => a.repository.localeCompare(b.repository));
}
