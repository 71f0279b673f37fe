// The sandbox's simulators keep their state beside psrt's database (`<dataDir>/sim`): a sandbox
// started again on the same folder finds the GHSAs, the comments and credits psrt's effects left on
// them, the CVE IDs it reserved, and the same psrt App, instead of a fresh world to re-seed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createGitHubSim } from '../../sim/github/index.ts';
import { CnaClient } from '../../src/cna/index.ts';
import { createGitHubClient } from '../../src/github/index.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import { type SandboxServices, seedSandbox, startSandboxServices } from '../../src/sandbox/index.ts';
import { at, sandboxFile, testApp } from '../app/support.ts';
import { forEachEngine } from '../support/engines.ts';
import { asPsrtServe } from './runner.ts';

const roster = parseRosterCsv(sandboxFile('psrt.csv'), 'member');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

forEachEngine('a sandbox started again on the same folder', (engine) => {
  const app = testApp(engine, at('2026-06-15T12:00:00.000Z'));
  const ctx = () => app.ctx();
  let dir: string;
  const started: SandboxServices[] = [];
  const start = async () => {
    const services = await startSandboxServices(roster, { now: app.clock.now, stateDir: join(dir, 'sim') });
    started.push(services);
    return services;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psrt-sandbox-state-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const cnaOf = (services: SandboxServices) =>
    new CnaClient({ ...services.cve, baseUrl: services.cve.apiUrl });
  const github = (services: SandboxServices) => services.simulators.github;
  /** Every GHSA with its comments; API URLs name the port, which a new start picks afresh. */
  const onGitHub = (services: SandboxServices) => {
    const ghsas = github(services)
      .advisories()
      .map((advisory) => ({
        advisory,
        comments: github(services).advisoryComments({
          owner: advisory.html_url.split('/')[3] ?? '',
          repo: advisory.html_url.split('/')[4] ?? '',
          ghsaId: advisory.ghsa_id,
        }),
      }));
    return JSON.parse(
      JSON.stringify(ghsas).replaceAll(services.github.url, 'http://github.sim'),
    ) as typeof ghsas;
  };

  it('keeps the GHSAs with what psrt did to them, the CVE reservations and the psrt App, and seeds nothing again', async () => {
    const first = await start();
    await seedSandbox(ctx(), first, asPsrtServe(ctx(), first));
    const before = {
      ghsas: onGitHub(first),
      cveIds: await cnaOf(first).listCveIds(),
      app: first.github,
    };
    expect(before.ghsas.length).toBeGreaterThan(0);
    expect(before.ghsas.some(({ comments }) => comments.length > 0)).toBe(true);
    expect(before.cveIds.length).toBeGreaterThan(0);
    await first.close();

    const second = await start();
    expect(await seedSandbox(ctx(), second, asPsrtServe(ctx(), second))).toBeNull();
    expect(onGitHub(second)).toEqual(before.ghsas);
    expect(await cnaOf(second).listCveIds()).toEqual(before.cveIds);
    // The simulator listens on a new port; the App, its key and its OAuth client are the same.
    const { url: _url, viewUrl: _viewUrl, signIn, ...app } = second.github;
    const { url: _before, viewUrl: _beforeView, signIn: signInBefore, ...appBefore } = before.app;
    expect(app).toEqual(appBefore);
    expect([signIn.clientId, signIn.clientSecret]).toEqual([
      signInBefore.clientId,
      signInBefore.clientSecret,
    ]);
    expect(signIn.webUrl).toBe(second.github.url);

    // psrt's clients configured with the kept App and CNA user work on, and IDs are not handed out twice.
    const client = createGitHubClient({ ...second.github, baseUrl: second.github.url, log: quiet });
    expect((await client.listInstallations()).length).toBe(2);
    const next = await cnaOf(second).reserveCveIds({ amount: 1, year: 2026 });
    expect(before.cveIds.map((id) => id.cve_id)).not.toContain(next.cveIds[0]?.cve_id);
  });

  it('a folder from an older psrt gets the App the permissions psrt asks now (Members: write for the team)', async () => {
    const first = await start();
    const { permissions } =
      (
        await createGitHubClient({
          ...first.github,
          baseUrl: first.github.url,
          log: quiet,
        }).listInstallations()
      )[0] ?? {};
    github(first).grantAppPermissions('psrt', {
      permissions: { ...permissions, members: 'read' },
      events: ['repository_advisory'],
    });
    await first.close();
    const second = await start();
    const client = createGitHubClient({ ...second.github, baseUrl: second.github.url, log: quiet });
    for (const installation of await client.listInstallations())
      expect(installation.permissions).toMatchObject({ members: 'write', repository_advisories: 'write' });
  });

  it("a folder holding some other GitHub simulator's state stops the start, naming the folder", async () => {
    const other = createGitHubSim({ stateDir: join(dir, 'sim', 'github') });
    other.control.addOrg({ login: 'python', owners: ['ned'] });
    await other.close();
    await expect(start()).rejects.toThrow(
      `The GitHub simulator's state in ${join(dir, 'sim', 'github')} has no "psrt" App, so it is not the sandbox's.`,
    );
  });
});
