// The GitHub adapter: one client for the App and its installations, the
// mapping from GitHub advisories to psrt's fields, and GitHub's errors.
export type { Collaborators } from './advisories.ts';
export { commentCountOf, type MirroredAdvisory, mirrorAdvisory, repositoryOf } from './advisory-mapping.ts';
export {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
  type GitHubLog,
  type InstallationClient,
} from './client.ts';
export type { RequestCounters } from './conditional-fetch.ts';
export { GitHubError, type GitHubErrorKind } from './errors.ts';
export type { RateLimitSeen } from './rate-limits.ts';
export { securityLabel } from './releases.ts';
export { codeownersPaths } from './repositories.ts';
export type * from './types.ts';
