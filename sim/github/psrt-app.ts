// The psrt GitHub App as the sandbox, the tests and the benchmarks install it
// in the simulator: the permissions and events psrt's manifest asks for
// (src/github/app-manifest.ts, app.yml). The simulator shares no code with psrt,
// so they are said again here; test/github/app-manifest.test.ts fails when they differ.
import type { AppSeed } from './seed.ts';

/** `createApp` input for psrt, installed on each of `accounts` (organisations). */
export function psrtAppSeed(accounts: readonly string[], name = 'psrt'): AppSeed {
  return {
    name,
    permissions: {
      repository_advisories: 'write',
      members: 'write',
      contents: 'read',
      pull_requests: 'read',
      issues: 'write',
      administration: 'write',
    },
    events: ['repository_advisory', 'security_advisory', 'issues', 'issue_comment', 'pull_request', 'push'],
    installations: accounts.map((account) => ({ account })),
  };
}
