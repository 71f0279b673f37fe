// Keeping the venues in sync with the member list (PEP 811): the GitHub team
// read and applied against the GitHub simulator, the devguide's published CSVs
// against psrt's export, mailing-list and Discord plans, and the scheduled
// check mailing the admins through a real SMTP server once per drift.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { performDueEffects } from '../../src/app/effects/runner.ts';
import { setMemberContact } from '../../src/app/member-contacts.ts';
import { decideMembershipChange } from '../../src/app/membership.ts';
import { checkRosterDrift, lastDriftCheck } from '../../src/app/roster-drift-check.ts';
import {
  applyTeamSyncAs,
  devguideExport,
  markVenuePlanAppliedAs,
  rosterDriftAs,
  venuePlanAs,
} from '../../src/app/roster-sync.ts';
import { isProblem, type RosterDrift, type TeamDrift } from '../../src/domain/roster-drift.ts';
import type { GitHubClient } from '../../src/github/index.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import { type SandboxServices, startSandboxServices } from '../../src/sandbox/index.ts';
import { listAudit, listEffects } from '../../src/store/index.ts';
import { sandboxRunner } from '../sandbox/runner.ts';
import { forEachEngine } from '../support/engines.ts';
import { failsWith, sandboxFile, testApp } from './support.ts';

const vendored = (name: string) =>
  readFileSync(new URL(`../../vendor/python-devguide/security/${name}`, import.meta.url), 'utf8');
const roster = parseRosterCsv(sandboxFile('psrt.csv'), 'member');
const team = (drift: RosterDrift): TeamDrift => {
  if (isProblem(drift.team)) throw new Error(drift.team.problem);
  return drift.team;
};

forEachEngine('keeping the venues in sync with the member list', (engine) => {
  const app = testApp(engine);
  let services: SandboxServices;
  let github: GitHubClient;
  /** Acts on GitHub's REST API as a person (an organisation owner adding someone by hand). */
  const onGitHubAs = (login: string, method: string, path: string) =>
    fetch(`${services.github.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${services.simulators.github.userToken(login)}` },
    });

  beforeAll(async () => {
    services = await startSandboxServices(roster, { now: app.clock.now });
  });
  afterAll(() => services.close());
  const setUp = async () => {
    await app.importDevguideRoster();
    const runner = sandboxRunner(app.ctx(), services);
    github = runner.services.github as GitHubClient;
    return runner;
  };

  it('a person added to the GitHub team by hand is planned for removal, a member missing from it for addition; --apply empties the drift, audited per person', async () => {
    await setUp();
    const admin = await app.as('sethmlarson');
    const owner = services.simulators.adminOf('python') as string;
    expect((await onGitHubAs(owner, 'PUT', '/orgs/python/teams/psrt/memberships/jaraco')).status).toBe(200);
    expect((await onGitHubAs(owner, 'DELETE', '/orgs/python/teams/psrt/memberships/gpshead')).status).toBe(
      204,
    );

    const before = team(await rosterDriftAs(app.ctx(), admin, github));
    expect(before.team).toBe('python/psrt');
    expect(before.add.map((p) => p.login)).toEqual(['gpshead']);
    expect(before.remove).toEqual([{ login: 'jaraco' }]);

    await failsWith('conflict', applyTeamSyncAs(app.ctx(), admin, github, { plan: 'an-older-plan' }));
    await failsWith('forbidden', applyTeamSyncAs(app.ctx(), await app.as('gpshead'), github));
    const applied = await applyTeamSyncAs(app.ctx(), admin, github);
    expect(applied).toMatchObject({ added: [{ login: 'gpshead', state: 'active' }], removed: ['jaraco'] });

    const after = team(await rosterDriftAs(app.ctx(), admin, github));
    expect(after).toMatchObject({ add: [], remove: [], invited: [] });
    const audit = await listAudit(app.store().db, 'roster');
    expect(audit.filter((e) => e.action.startsWith('team.member-'))).toMatchObject([
      { actor: 'sethmlarson', action: 'team.member-added', change: { login: 'gpshead', state: 'active' } },
      { actor: 'sethmlarson', action: 'team.member-removed', change: { login: 'jaraco' } },
    ]);
  });

  it('a change still on its way to the team is shown as such, not as drift', async () => {
    await setUp();
    const admin = await app.as('sethmlarson');
    await app.store().transaction((tx) =>
      decideMembershipChange(tx, app.ctx(), admin, {
        kind: 'join',
        login: 'jaraco',
        name: 'Jason R. Coombs',
        reason: 'nominated and voted in',
        source: { kind: 'nomination', id: 1 },
      }),
    );
    const drift = team(await rosterDriftAs(app.ctx(), admin, github));
    expect(drift).toMatchObject({ add: [], remove: [], onItsWay: [{ login: 'jaraco', kind: 'join' }] });
  });

  it('someone who joins from outside the organisation is invited: shown as invited, not as drift', async () => {
    const runner = await setUp();
    const admin = await app.as('sethmlarson');
    await app.store().transaction((tx) =>
      decideMembershipChange(tx, app.ctx(), admin, {
        kind: 'join',
        login: 'curious-visitor',
        name: 'Curious Visitor',
        reason: 'nominated and voted in',
        source: { kind: 'nomination', id: 2 },
      }),
    );
    await performDueEffects({ ...runner, now: app.clock.now });
    const drift = team(await rosterDriftAs(app.ctx(), admin, github));
    expect(drift).toMatchObject({ add: [], remove: [], invited: [{ login: 'curious-visitor' }] });
  });

  it("the devguide's published CSVs match psrt's export byte for byte, and a changed roster shows as a line diff", async () => {
    await setUp();
    const admin = await app.as('sethmlarson');
    const exported = await devguideExport(app.ctx());
    expect(exported).toEqual([
      { path: 'security/psrt.csv', content: vendored('psrt.csv') },
      { path: 'security/psrt-emeritus.csv', content: vendored('psrt-emeritus.csv') },
    ]);
    const drift = await rosterDriftAs(app.ctx(), admin, github);
    if (isProblem(drift.devguide)) throw new Error(drift.devguide.problem);
    expect(drift.devguide.map((file) => file.same)).toEqual([true, true]);

    services.simulators.github.putFile({
      owner: 'python',
      repo: 'devguide',
      path: 'security/psrt.csv',
      content: `${vendored('psrt.csv')}Jason R. Coombs,jaraco,\n`,
    });
    const changed = await rosterDriftAs(app.ctx(), admin, github);
    if (isProblem(changed.devguide)) throw new Error(changed.devguide.problem);
    expect(changed.devguide[0]).toMatchObject({ same: false, exported: vendored('psrt.csv') });
    expect(changed.devguide[0]?.diff).toContain('-Jason R. Coombs,jaraco,');
    services.simulators.github.putFile({
      owner: 'python',
      repo: 'devguide',
      path: 'security/psrt.csv',
      content: vendored('psrt.csv'),
    });
  });

  it('the mailing list plan subscribes members with a known address and unsubscribes others; marked applied, it is what later plans compare with', async () => {
    await setUp();
    const admin = await app.as('sethmlarson');
    await setMemberContact(app.ctx(), await app.as('gpshead'), {
      login: 'gpshead',
      email: 'greg@krypto.org',
    });
    await setMemberContact(app.ctx(), admin, {
      login: 'sethmlarson',
      email: 'seth@python.org',
      discord: 'sethmlarson',
    });
    await failsWith(
      'forbidden',
      setMemberContact(app.ctx(), await app.as('gpshead'), { login: 'sethmlarson', email: 'x@example.org' }),
    );

    const plan = await venuePlanAs(app.ctx(), admin, 'mailing-list', [
      'Seth@Python.org',
      'former@example.org',
    ]);
    expect(plan.basis).toEqual({ kind: 'given' });
    expect(plan.add).toEqual([{ value: 'greg@krypto.org', login: 'gpshead' }]);
    expect(plan.remove).toEqual([{ value: 'former@example.org', login: null }]);
    expect(plan.missing.length).toBe(roster.length - 2);

    await markVenuePlanAppliedAs(app.ctx(), admin, 'mailing-list', ['Seth@Python.org', 'former@example.org']);
    const later = await venuePlanAs(app.ctx(), admin, 'mailing-list');
    expect(later).toMatchObject({ basis: { kind: 'last-applied', by: 'sethmlarson' }, add: [], remove: [] });
    const discord = await venuePlanAs(app.ctx(), admin, 'discord');
    expect(discord).toMatchObject({ basis: { kind: 'unknown' }, add: [{ value: 'sethmlarson' }] });
  });

  it('the scheduled check mails the admins once per distinct drift', async () => {
    const runner = await setUp();
    const owner = services.simulators.adminOf('python') as string;
    const quiet = await checkRosterDrift(app.ctx(), github);
    expect(quiet.drifts).toEqual([]);

    await onGitHubAs(owner, 'PUT', '/orgs/python/teams/psrt/memberships/jaraco');
    const first = await checkRosterDrift(app.ctx(), github);
    expect(first.drifts).toEqual(['GitHub team']);
    expect(first.summary.team).toEqual({ add: 0, remove: 1, invited: 0, onItsWay: 0 });
    app.clock.advance(24 * 3_600_000);
    const again = await checkRosterDrift(app.ctx(), github);
    expect(again.digest).toBe(first.digest);
    await onGitHubAs(owner, 'PUT', '/orgs/python/teams/psrt/memberships/ethanfurman');
    await checkRosterDrift(app.ctx(), github);
    expect((await lastDriftCheck(app.ctx()))?.summary.team).toMatchObject({ remove: 2 });

    const mails = (await listEffects(app.store().db, {})).filter((e) => e.kind === 'mail.send');
    expect(mails).toHaveLength(2);
    await performDueEffects({ ...runner, now: app.clock.now });
    const sent = services.outgoingMail.messages().filter((m) => m.subject.includes('PSRT member list'));
    expect(sent.map((m) => m.subject)).toEqual([
      'psrt: GitHub team differs from the PSRT member list',
      'psrt: GitHub team differs from the PSRT member list',
    ]);
    const texts = sent.map((m) => m.text.match(/GitHub team python\/psrt: .*/)?.[0]).sort();
    expect(texts).toEqual([
      'GitHub team python/psrt: remove @ethanfurman, @jaraco',
      'GitHub team python/psrt: remove @jaraco',
    ]);
    // Back as it was, for the next engine's run.
    await applyTeamSyncAs(app.ctx(), await app.as('sethmlarson'), github);
  });
});
