// "Adds the PSRT GitHub team as collaborators, giving members access to new
// reports" (devguide, The PSRT bot): on every triage and draft GHSA, other
// teams kept; members outside the organisation are added as users.
import { expect, it } from 'vitest';
import { privateForkFor } from '../../../src/domain/bot/on-draft.ts';
import { teamAccess } from '../../../src/domain/bot/team-access.ts';
import { ghsaReport, makeGhsa } from './fixtures.ts';

it('a triage GHSA without the PSRT team gets it added, and members outside the organisation as users', () => {
  const effects = teamAccess(ghsaReport(), makeGhsa({ collaboratingTeams: ['email-team'] }), 'psrt', [
    'outsider',
  ]);
  expect(effects).toMatchObject([
    { kind: 'ghsa.add-collaborator', team: 'psrt' },
    { kind: 'ghsa.add-collaborator', login: 'outsider' },
  ]);
});

it('a GHSA that already has the team and the outsiders needs nothing; a closed one is left alone', () => {
  const ghsa = makeGhsa({ collaboratingTeams: ['PSRT'], collaboratingUsers: ['Outsider'] });
  expect(teamAccess(ghsaReport(), ghsa, 'psrt', ['outsider'])).toEqual([]);
  expect(teamAccess(ghsaReport(), makeGhsa({ state: 'closed', collaboratingTeams: [] }), 'psrt', [])).toEqual(
    [],
  );
});

it('an accepted draft without a private fork gets one, asked for once per advisory', () => {
  const report = ghsaReport({ state: 'accepted' });
  const effects = privateForkFor(report, makeGhsa({ state: 'draft' }));
  expect(effects).toMatchObject([{ kind: 'ghsa.create-fork', key: 'ghsa.create-fork:GHSA-2x3v-4w5c-6f7g' }]);
  expect(
    privateForkFor(report, makeGhsa({ state: 'draft', privateFork: { fullName: 'python/cpython-ghsa' } })),
  ).toEqual([]);
  expect(privateForkFor(ghsaReport(), makeGhsa({ state: 'triage' }))).toEqual([]);
});
