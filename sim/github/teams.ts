// Organization teams and memberships (§3.2): team-full, members including those of child
// teams (`inherited`), and per-user memberships (404 when not a member; org owners are
// reported as maintainers). Apps need the organization `members` permission.
import type { Hono } from 'hono';
import { canSeeTeam, installationPermission, isOrgMember, isOrgOwner, requirePermission } from './access.ts';
import type { SimContext } from './context.ts';
import {
  type Ctx,
  GitHubError,
  invalidRequest,
  json,
  notFound,
  pageOf,
  readObject,
  type SimEnv,
  withLink,
} from './http.ts';
import { renderTeam, renderTeamFull } from './render.ts';
import { renderUser } from './render-user.ts';
import type { Account, Team } from './state.ts';
import { key } from './state.ts';

export function teamRoutes(app: Hono<SimEnv>, sim: SimContext): void {
  const orgOf = (c: Ctx) => {
    const org = sim.state.account(c.req.param('org') ?? '');
    if (org?.type !== 'Organization') throw notFound();
    requirePermission(c.get('caller'), 'members', 'read');
    return org;
  };
  const teamOf = (c: Ctx) => {
    const org = orgOf(c);
    const team = sim.state.team(org.login, c.req.param('slug') ?? '');
    if (!team || !canSeeTeam(sim.state, c.get('caller'), team)) throw notFound();
    return team;
  };
  const membership = (team: Team, user: Account) => {
    const found = sim.state.teamMembers(team).get(key(user.login));
    if (!found) return null;
    const owner = isOrgOwner(sim.state, user, team.orgId);
    return { role: owner ? ('maintainer' as const) : found.role, inherited: found.inherited };
  };
  const membershipBody = (c: Ctx, team: Team, user: Account, role: string, state: 'active' | 'pending') => ({
    url: `${c.get('urls').api}/organizations/${team.orgId}/team/${team.id}/memberships/${user.login}`,
    role,
    state,
  });

  app.get('/orgs/:org/teams', (c) => {
    const org = orgOf(c);
    const teams = [...sim.state.teams.values()]
      .filter((t) => t.orgId === org.id && canSeeTeam(sim.state, c.get('caller'), t))
      .sort((a, b) => a.id - b.id);
    const page = pageOf(teams, new URL(c.req.url));
    withLink(c, page.link);
    return json(
      c,
      page.items.map((t) => renderTeam(sim.state, t, c.get('urls'))),
    );
  });

  app.get('/orgs/:org/teams/:slug', (c) => json(c, renderTeamFull(sim.state, teamOf(c), c.get('urls'))));

  app.get('/orgs/:org/teams/:slug/members', (c) => {
    const team = teamOf(c);
    const role = c.req.query('role') ?? 'all';
    if (!['all', 'member', 'maintainer'].includes(role)) {
      throw invalidRequest(
        `For 'properties/role', ${JSON.stringify(role)} is not one of ["member", "maintainer", "all"].`,
      );
    }
    const members = [...sim.state.teamMembers(team).keys()]
      .map((login) => sim.state.account(login))
      .filter((u): u is Account => u !== undefined)
      .map((user) => ({ user, ...(membership(team, user) ?? { role: 'member' as const, inherited: false }) }))
      .filter((m) => role === 'all' || m.role === role)
      .sort((a, b) => a.user.id - b.user.id);
    const page = pageOf(members, new URL(c.req.url));
    withLink(c, page.link);
    return json(
      c,
      page.items.map((m) => ({ ...renderUser(m.user, c.get('urls')), role: m.role, inherited: m.inherited })),
    );
  });

  app.get('/orgs/:org/teams/:slug/memberships/:username', (c) => {
    const team = teamOf(c);
    const user = sim.state.account(c.req.param('username'));
    const found = user ? membership(team, user) : null;
    if (!user || !found) throw notFound();
    return json(c, membershipBody(c, team, user, found.role, 'active'));
  });

  const requireTeamAdmin = (c: Ctx, team: Team) => {
    const caller = c.get('caller');
    if (caller.kind === 'installation' && installationPermission(caller, 'members') === 'write') return;
    if (caller.kind === 'installation') throw new GitHubError(403, 'Resource not accessible by integration');
    const allowed =
      caller.kind === 'user' &&
      (isOrgOwner(sim.state, caller.user, team.orgId) ||
        team.members.get(key(caller.user.login)) === 'maintainer');
    if (!allowed)
      throw new GitHubError(403, 'You must be an organization owner or team maintainer to do that.');
  };

  app.put('/orgs/:org/teams/:slug/memberships/:username', (c) => {
    const team = teamOf(c);
    requireTeamAdmin(c, team);
    const body = readObject(c);
    const role = body.role ?? 'member';
    if (role !== 'member' && role !== 'maintainer') {
      throw invalidRequest(
        `For 'properties/role', ${JSON.stringify(role)} is not one of ["member", "maintainer"].`,
      );
    }
    const user = sim.state.account(c.req.param('username'));
    if (!user) throw notFound();
    if (user.type === 'Organization') throw new GitHubError(422, 'Organizations cannot be added to teams.');
    // Outsiders get an invitation: pending, and not a member until they accept it.
    if (!isOrgMember(sim.state, user, team.orgId))
      return json(c, membershipBody(c, team, user, role, 'pending'));
    team.members.set(key(user.login), role);
    team.updatedAt = sim.clock.now();
    return json(c, membershipBody(c, team, user, role, 'active'));
  });

  app.delete('/orgs/:org/teams/:slug/memberships/:username', (c) => {
    const team = teamOf(c);
    requireTeamAdmin(c, team);
    const user = sim.state.account(c.req.param('username'));
    if (!user) throw notFound();
    team.members.delete(key(user.login));
    team.updatedAt = sim.clock.now();
    return c.body(null, 204);
  });
}
