// A client acting as one installation of the App: the advisory, repository,
// release and user operations, plus the rate-limit headers GitHub last sent for its token.
import type { Octokit } from 'octokit';
import { type AdvisoryOperations, advisoryOperations } from './advisories.ts';
import type { Call } from './calls.ts';
import type { RateLimitSeen } from './rate-limits.ts';
import { type ReleaseOperations, releaseOperations } from './releases.ts';
import { type RepositoryOperations, repositoryOperations } from './repositories.ts';
import { type UserOperations, userOperations } from './users.ts';

export type InstallationClient = AdvisoryOperations &
  RepositoryOperations &
  ReleaseOperations &
  UserOperations & {
    readonly installationId: number;
    /** `x-ratelimit-*` from GitHub's last answer to this installation, without asking again. */
    rateLimitSeen(): RateLimitSeen | null;
  };

export function createInstallationClient(deps: {
  octokit: Octokit;
  installationId: number;
  call: Call;
  rateLimitSeen: () => RateLimitSeen | null;
}): InstallationClient {
  return {
    installationId: deps.installationId,
    rateLimitSeen: deps.rateLimitSeen,
    ...advisoryOperations(deps.octokit, deps.call),
    ...repositoryOperations(deps.octokit, deps.call),
    ...releaseOperations(deps.octokit, deps.call),
    ...userOperations(deps.octokit, deps.call),
  };
}
