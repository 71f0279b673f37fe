// The PSRT's people as the members page shows them: the member and emeritus
// lists, public as the devguide publishes them (names and logins), and for
// members also each person's roles and work: open reports they coordinate,
// reports they saw published in the last 12 months, their last action.
import type { Principal, RosterEntry, RosterRole } from '../domain/report.ts';
import { activeMembers, loginKey } from '../domain/roster.ts';
import { addDays } from '../domain/time.ts';
import { coordinatorLoads, lastActivityByActor, listRoster, publishedByCoordinator } from '../store/index.ts';
import { isAllowed } from './authorize.ts';
import type { AppContext } from './context.ts';

export interface MemberWork {
  roles: RosterRole[];
  /** Open reports (triage or accepted) they coordinate. */
  coordinating: number;
  /** Reports they coordinated that were published in the last 12 months. */
  publishedLastYear: number;
  /** Their latest event in the audit log; null when they never acted in psrt. */
  lastActiveAt: Date | null;
}

export interface TeamPerson {
  name: string;
  login: string | null;
  /** Only for members looking: roles and work are not public. */
  work: MemberWork | null;
}

export interface Team {
  members: TeamPerson[];
  emeritus: TeamPerson[];
  /** Whether the one asking sees roles and work. */
  detailed: boolean;
}

const publicEntry = (entry: RosterEntry): TeamPerson => ({
  name: entry.name,
  login: entry.login,
  work: null,
});

/** The member and emeritus lists in the devguide's order; roles and work for members only. */
export async function teamAs(ctx: AppContext, principal: Principal): Promise<Team> {
  const roster = await listRoster(ctx.store.db);
  const emeritus = roster.filter((entry) => entry.list === 'emeritus').map(publicEntry);
  if (!isAllowed(principal, 'roster.activity')) {
    return { members: activeMembers(roster).map(publicEntry), emeritus, detailed: false };
  }
  const [loads, published, lastActive] = await Promise.all([
    coordinatorLoads(ctx.store.db),
    publishedByCoordinator(ctx.store.db, addDays(ctx.now(), -365)),
    lastActivityByActor(ctx.store.db),
  ]);
  const openByLogin = new Map([...loads].map(([login, load]) => [loginKey(login), load.openReports]));
  const members = activeMembers(roster).map((entry): TeamPerson => {
    const key = entry.login ? loginKey(entry.login) : null;
    return {
      name: entry.name,
      login: entry.login,
      work: {
        roles: [...entry.roles],
        coordinating: (key && openByLogin.get(key)) || 0,
        publishedLastYear: (key && published.get(key)) || 0,
        lastActiveAt: (key && lastActive.get(key)) || null,
      },
    };
  });
  return { members, emeritus, detailed: true };
}
