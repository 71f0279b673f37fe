import { describe, expect, it } from 'vitest';
import { createGitHubSim } from '../../../sim/github/index.ts';

// psrt's sandbox keeps its database across restarts, but its simulator starts empty: the
// advisories the database names must come back under the same GHSA ids.
function world() {
  const sim = createGitHubSim();
  const c = sim.control;
  c.addOrg({ login: 'python', owners: ['ned'] });
  c.addUser({ login: 'alice' });
  c.addRepo({ owner: 'python', name: 'cpython' });
  return c;
}
const report = { summary: 'Heap overflow', description: 'A crafted archive overflows a buffer.' };

describe('restoring an advisory under the GHSA id an earlier simulator gave it', () => {
  it('a private report and a draft come back under their ids, readable like any other', () => {
    const c = world();
    const reported = c.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: report,
      ghsaId: 'GHSA-2x3v-4w5c-6f7g',
    });
    const drafted = c.createAdvisory({
      as: 'ned',
      owner: 'python',
      repo: 'cpython',
      advisory: { ...report, vulnerabilities: [] },
      ghsaId: 'GHSA-m4qp-9fvw-c2hx',
    });
    expect([reported.ghsa_id, reported.state, drafted.ghsa_id, drafted.state]).toEqual([
      'GHSA-2x3v-4w5c-6f7g',
      'triage',
      'GHSA-m4qp-9fvw-c2hx',
      'draft',
    ]);
    expect(c.advisory({ owner: 'python', repo: 'cpython', ghsaId: 'GHSA-2x3v-4w5c-6f7g' }).summary).toBe(
      'Heap overflow',
    );
  });

  it('an id that is taken, or not a GHSA id, is refused', () => {
    const c = world();
    const input = { as: 'alice', owner: 'python', repo: 'cpython', advisory: report };
    c.reportVulnerability({ ...input, ghsaId: 'GHSA-2x3v-4w5c-6f7g' });
    expect(() => c.reportVulnerability({ ...input, ghsaId: 'GHSA-2x3v-4w5c-6f7g' })).toThrow(
      'GHSA-2x3v-4w5c-6f7g already exists',
    );
    expect(() => c.reportVulnerability({ ...input, ghsaId: 'GHSA-aaaa-bbbb-cccc' })).toThrow(
      'is not a GHSA id',
    );
  });
});
