// The operations psrt uses, as the spec notes list them (github-advisories.md §2–§5) and as the
// PSF CNA uses CVE Services. Methods and paths are read from the descriptions, not restated here.

export interface UsedOperation {
  service: 'github' | 'github-webhooks' | 'cve';
  /** The description's operationId; for an operation it lacks, `METHOD /template`; for webhooks, the entry name. */
  operation: string;
  /** Where the spec notes (or the CNA's process, or the bot's rules in issue 9) mention it. */
  section: string;
}

const github = (operation: string, section: string): UsedOperation => ({
  service: 'github',
  operation,
  section,
});
const hook = (operation: string, section: string): UsedOperation => ({
  service: 'github-webhooks',
  operation,
  section,
});
const cve = (operation: string, section: string): UsedOperation => ({ service: 'cve', operation, section });

export const usedOperations: readonly UsedOperation[] = [
  github('security-advisories/list-repository-advisories', '§2.1'),
  github('security-advisories/list-org-repository-advisories', '§2.2'),
  github('security-advisories/create-repository-advisory', '§2.3'),
  github('security-advisories/get-repository-advisory', '§2.4'),
  github('security-advisories/update-repository-advisory', '§2.5, §2.6'),
  github('security-advisories/create-private-vulnerability-report', '§2.7'),
  github('security-advisories/create-repository-advisory-cve-request', '§2.8'),
  github('security-advisories/create-fork', '§2.9'),
  github('repos/check-private-vulnerability-reporting', '§2.10'),
  github('repos/enable-private-vulnerability-reporting', '§2.10'),
  github('repos/disable-private-vulnerability-reporting', '§2.10'),
  // The comments preview, from our description of it until @octokit/openapi has one (github-preview.ts).
  github('security-advisories/list-repository-advisory-comments', '§2.11 (preview)'),
  github('security-advisories/create-repository-advisory-comment', '§2.11 (preview)'),
  github('security-advisories/get-repository-advisory-comment', '§2.11 (preview)'),
  github('security-advisories/update-repository-advisory-comment', '§2.11 (preview)'),
  github('security-advisories/list-global-advisories', '§2.12'),
  github('security-advisories/get-global-advisory', '§2.12'),
  github('apps/get-authenticated', '§3.1'),
  github('apps/list-installations', '§3.1'),
  github('apps/get-repo-installation', '§3.1'),
  github('apps/get-org-installation', '§3.1'),
  github('apps/create-installation-access-token', '§3.1'),
  github('apps/list-repos-accessible-to-installation', '§3.1'),
  github('teams/get-by-name', '§3.2'),
  github('teams/list-members-in-org', '§3.2'),
  github('teams/get-membership-for-user-in-org', '§3.2'),
  github('teams/add-or-update-membership-for-user-in-org', '§3.2'),
  github('teams/remove-membership-for-user-in-org', '§3.2'),
  github('repos/get-collaborator-permission-level', '§3.3'),
  github('repos/get-content', '§3.4'),
  github('repos/codeowners-errors', '§3.4'),
  github('pulls/list', '§3.5'),
  github('pulls/list-files', '§3.5'),
  github('pulls/get', '§3.5; fixed versions'),
  github('rate-limit/get', '§5'),
  // What the bot's rules read and write besides advisories (issue 9, "Rules").
  github('issues/list-for-repo', 'bot: leak guard'),
  github('issues/create', 'bot: public-issue'),
  github('issues/get', 'bot: leak guard'),
  github('issues/update', 'bot: public-issue'),
  github('issues/list-comments', 'bot: leak guard'),
  github('issues/create-comment', 'bot: public-issue'),
  github('repos/list-commits', 'bot: leak guard'),
  github('repos/get-commit', 'bot: leak guard'),
  github('pulls/merge', 'bot: forbidden buttons'),
  github('search/issues-and-pull-requests', 'bot: leak guard; fixed versions (backports)'),
  github('repos/get-community-profile-metrics', 'bot: coverage'),
  // Where a fix landed and in which release (issue 10, publication).
  github('repos/list-branches', 'fixed versions'),
  github('repos/list-tags', 'fixed versions'),
  github('repos/compare-commits', 'fixed versions'),
  github('users/get-by-username', 'credits: the name a credited person gives'),
  // "Sign in with GitHub" (issue 11): who signed in, read with the user access token.
  github('users/get-authenticated', 'sign-in: who signed in'),
  // `psrt app create` (issue 14): the App-manifest flow's code traded for the new App's credentials.
  github('apps/create-from-manifest', 'app create: the App-manifest flow'),
  hook('ping', '§4.1'),
  hook('repository-advisory-reported', '§4.2'),
  hook('repository-advisory-published', '§4.2'),
  hook('security-advisory-published', '§4.3'),
  hook('security-advisory-updated', '§4.3'),
  hook('security-advisory-withdrawn', '§4.3'),
  hook('issues-opened', 'bot: leak guard'),
  hook('issues-edited', 'bot: leak guard'),
  hook('issues-closed', 'bot: public-issue'),
  hook('issues-reopened', 'bot: public-issue'),
  hook('issue-comment-created', 'bot: leak guard'),
  hook('pull-request-opened', 'bot: experts, leak guard'),
  hook('pull-request-edited', 'bot: leak guard'),
  hook('pull-request-closed', 'bot: forbidden buttons'),
  hook('pull-request-reopened', 'bot: experts'),
  hook('pull-request-synchronize', 'bot: experts'),
  hook('push', 'bot: leak guard'),
  cve('cveIdReserve', 'reserve IDs'),
  cve('cveIdGetFiltered', 'list IDs'),
  cve('cveIdGetSingle', 'get an ID'),
  cve('cveIdUpdateSingle', 'reject or restore an ID'),
  cve('cveCnaCreateSingle', 'publish (create the CNA container)'),
  cve('cveCnaUpdateSingle', 'update the CNA container; un-reject'),
  cve('cveGetSingle', 'get a record'),
  cve('cveCnaCreateReject', 'reject'),
  cve('cveCnaUpdateReject', 'reject a published record'),
  cve('orgIdQuota', 'org quota'),
  cve('orgSingle', 'org'),
  cve('healthCheck', 'health check'),
];
