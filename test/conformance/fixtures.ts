// Small hand-made GitHub objects shaped like the description's examples, for testing the validator.

export function simpleUser(login = 'octocat', id = 1) {
  const api = `https://api.github.com/users/${login}`;
  return {
    login,
    id,
    node_id: 'MDQ6VXNlcjE=',
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export const GHSA = 'GHSA-2345-6789-cfgh';
export const ADVISORY_URL = `https://api.github.com/repos/python/cpython/security-advisories/${GHSA}`;

/** A draft advisory as `GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}` returns it. */
export function draftAdvisory(): Record<string, unknown> {
  return {
    ghsa_id: GHSA,
    cve_id: null,
    url: ADVISORY_URL,
    html_url: `https://github.com/python/cpython/security/advisories/${GHSA}`,
    summary: 'Heap overflow in the tarfile module',
    description: 'A crafted archive overflows a buffer.',
    severity: 'high',
    author: simpleUser('reporter', 7),
    publisher: null,
    identifiers: [{ type: 'GHSA', value: GHSA }],
    state: 'draft',
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-02T10:00:00Z',
    published_at: null,
    closed_at: null,
    withdrawn_at: null,
    submission: null,
    vulnerabilities: [
      {
        package: { ecosystem: 'pip', name: 'cpython' },
        vulnerable_version_range: '< 3.13.1',
        patched_versions: '3.13.1',
        vulnerable_functions: null,
      },
    ],
    cvss: null,
    cvss_severities: { cvss_v3: null, cvss_v4: null },
    cwes: [{ cwe_id: 'CWE-122', name: 'Heap-based Buffer Overflow' }],
    cwe_ids: ['CWE-122'],
    credits: [{ login: 'reporter', type: 'finder' }],
    credits_detailed: [{ user: simpleUser('reporter', 7), type: 'finder', state: 'accepted' }],
    collaborating_users: null,
    collaborating_teams: null,
    private_fork: null,
  };
}

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** A repository as `simple-repository` describes it (an advisory's temporary private fork). */
export function simpleRepository(
  owner = simpleUser('python', 1525981),
  name = 'cpython-ghsa-2345-6789-cfgh',
) {
  const full = `${owner.login}/${name}`;
  const api = `https://api.github.com/repos/${full}`;
  const templated = (path: string) => `${api}/${path}`;
  return {
    id: 10,
    node_id: 'R_kgDOAAAACg',
    name,
    full_name: full,
    owner,
    private: true,
    html_url: `https://github.com/${full}`,
    description: null,
    fork: false,
    url: api,
    archive_url: templated('{archive_format}{/ref}'),
    assignees_url: templated('assignees{/user}'),
    blobs_url: templated('git/blobs{/sha}'),
    branches_url: templated('branches{/branch}'),
    collaborators_url: templated('collaborators{/collaborator}'),
    comments_url: templated('comments{/number}'),
    commits_url: templated('commits{/sha}'),
    compare_url: templated('compare/{base}...{head}'),
    contents_url: templated('contents/{+path}'),
    contributors_url: templated('contributors'),
    deployments_url: templated('deployments'),
    downloads_url: templated('downloads'),
    events_url: templated('events'),
    forks_url: templated('forks'),
    git_commits_url: templated('git/commits{/sha}'),
    git_refs_url: templated('git/refs{/sha}'),
    git_tags_url: templated('git/tags{/sha}'),
    hooks_url: templated('hooks'),
    issue_comment_url: templated('issues/comments{/number}'),
    issue_events_url: templated('issues/events{/number}'),
    issues_url: templated('issues{/number}'),
    keys_url: templated('keys{/key_id}'),
    labels_url: templated('labels{/name}'),
    languages_url: templated('languages'),
    merges_url: templated('merges'),
    milestones_url: templated('milestones{/number}'),
    notifications_url: templated('notifications{?since,all,participating}'),
    pulls_url: templated('pulls{/number}'),
    releases_url: templated('releases{/id}'),
    stargazers_url: templated('stargazers'),
    statuses_url: templated('statuses/{sha}'),
    subscribers_url: templated('subscribers'),
    subscription_url: templated('subscription'),
    tags_url: templated('tags'),
    teams_url: templated('teams'),
    trees_url: templated('git/trees{/sha}'),
  };
}

/** The headers GitHub sends with a webhook delivery of `event` (the signature is not checked here). */
export function deliveryHeaders(event: string): Record<string, string> {
  return {
    'User-Agent': 'GitHub-Hookshot/abc123',
    'X-GitHub-Event': event,
    'X-GitHub-Delivery': '0b989ba4-242f-11e5-81e1-c7b6966d2516',
    'X-GitHub-Hook-ID': '1',
    'X-GitHub-Hook-Installation-Target-ID': '1',
    'X-GitHub-Hook-Installation-Target-Type': 'integration',
    'X-Hub-Signature-256': 'sha256=00',
    'Content-Type': 'application/json',
  };
}
