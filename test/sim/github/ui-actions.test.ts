// Control operations added for the simulator's pages and the sandbox's restart: "Start a temporary
// private fork" as a person in the web UI, and an App's credentials read back by its owner.
import { describe, expect, it } from 'vitest';
import { psrtAppSeed } from '../../../sim/github/index.ts';
import { world } from './support.ts';

describe('UI actions and App credentials over /_sim', () => {
  it('an admin of the advisory starts its temporary private fork; the reporter may not', async () => {
    const w = world();
    const ghsa = w.c.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'x', description: 'y' },
    }).ghsa_id;
    const fork = (as: string) =>
      w.sim.fetch(`http://sim.test/_sim/ui/advisories/python/cpython/${ghsa}/fork`, {
        method: 'POST',
        body: JSON.stringify({ as }),
      });
    const refused = await fork('alice');
    expect([refused.status, ((await refused.json()) as { message: string }).message]).toEqual([
      403,
      'Must have admin rights to Repository.',
    ]);
    const started = await fork('ned');
    expect(started.status).toBe(200);
    expect(((await started.json()) as { private_fork: { full_name: string } }).private_fork.full_name).toBe(
      `python/cpython-${ghsa.toLowerCase()}`,
    );
    expect((await fork('ned')).status).toBe(422);
  });

  it('an App’s owner reads back its id, key and installations, by id or by slug', async () => {
    const w = world();
    const created = w.app(psrtAppSeed(['python']));
    const bySlug = await w.sim.fetch('http://sim.test/_sim/apps/psrt');
    expect(await bySlug.json()).toEqual(created);
    expect(w.c.appCredentials(created.appId)).toEqual(created);
    expect((await w.sim.fetch('http://sim.test/_sim/apps/nope')).status).toBe(400);
  });
});
