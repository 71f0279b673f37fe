// Team access (devguide, "The PSRT bot": "Adds the PSRT GitHub team as
// collaborators, giving members access to new reports"): the PSRT team
// collaborates on every triage and draft GHSA, other teams kept; roster
// members who are not in the organisation (a team of the organisation cannot
// hold them) are added one by one as collaborating users.
import type { Effect } from '../effects.ts';
import type { Report } from '../report.ts';
import { sameLogin } from '../roster.ts';
import { type Ghsa, isOpenGhsa } from './ghsa.ts';

export function teamAccess(
  report: Report,
  ghsa: Ghsa,
  team: string,
  /** Active roster members outside the organisation. */
  outsiders: readonly string[],
): Effect[] {
  if (!isOpenGhsa(ghsa.state) || report.ghsaId === null) return [];
  const on = { reportId: report.id, repository: report.repository, ghsaId: report.ghsaId };
  // Keyed by the sighting: one add per look at GitHub, and again if someone removes the team later.
  const seen = ghsa.updatedAt?.toISOString() ?? 'unknown';
  const effects: Effect[] = [];
  if (!ghsa.collaboratingTeams.some((slug) => sameLogin(slug, team))) {
    effects.push({
      kind: 'ghsa.add-collaborator',
      key: `team-access:${report.ghsaId}:${team}:${seen}`,
      ...on,
      team,
    });
  }
  for (const login of outsiders) {
    if (ghsa.collaboratingUsers.some((user) => sameLogin(user, login))) continue;
    const key = `team-access:${report.ghsaId}:@${login.toLowerCase()}:${seen}`;
    effects.push({ kind: 'ghsa.add-collaborator', key, ...on, login });
  }
  return effects;
}
