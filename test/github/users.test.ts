// The profile of a credited person: the published records print the name they
// give on GitHub. Every exchange is checked against GitHub's description.
import { describe, expect, it } from 'vitest';
import { pythonWorld } from './support.ts';

describe("reading a user's profile", () => {
  const world = pythonWorld();
  world.control.addUser({ login: 'remy-fixes', name: 'Rémy Fixer' });
  world.control.addUser({ login: 'no-name-given' });

  it('gives the name a user shows on GitHub, and none for a user who gives none', async () => {
    const installation = world.client().forInstallation(world.installationId);
    expect((await installation.getUser('remy-fixes'))?.name).toBe('Rémy Fixer');
    expect((await installation.getUser('no-name-given'))?.name ?? null).toBeNull();
  });

  it('reads a login GitHub does not know as no user, not as a failure', async () => {
    const installation = world.client().forInstallation(world.installationId);
    expect(await installation.getUser('nobody-by-this-login')).toBeNull();
  });
});
