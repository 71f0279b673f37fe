// Coverage: every repository the App is installed on takes reports through
// private vulnerability reporting, and its SECURITY.md sends reporters there.
import { expect, it } from 'vitest';
import { checkCoverage } from '../../../src/app/bot/coverage.ts';
import { forEachEngine } from '../../support/engines.ts';
import { effectsWorld } from '../effects/world.ts';

forEachEngine('coverage of the repositories the App covers', (engine) => {
  const world = effectsWorld(engine);

  it('shows each gap, and --apply turns private vulnerability reporting on where it was off', async () => {
    const control = world.github().control;
    control.addRepo({ owner: 'python', name: 'pymanager', privateVulnerabilityReporting: false });
    control.putFile({
      owner: 'python',
      repo: 'cpython',
      path: '.github/SECURITY.md',
      content: 'Report privately: https://github.com/python/cpython/security/advisories/new\n',
    });
    control.putFile({
      owner: 'python',
      repo: 'pymanager',
      path: 'SECURITY.md',
      content: 'Mail security@python.org.\n',
    });
    const github = world.deps().services.github;
    if (!github) throw new Error('no GitHub client');

    const before = await checkCoverage(github);
    expect(before.map((r) => [r.repository, r.gaps])).toEqual([
      ['python/cpython', []],
      [
        'python/pymanager',
        [
          'private vulnerability reporting is off',
          'the security policy (SECURITY.md) does not link the "Report a vulnerability" form',
        ],
      ],
    ]);

    const applied = await checkCoverage(github, { apply: true });
    expect(applied.find((r) => r.repository === 'python/pymanager')).toMatchObject({
      enabled: true,
      privateReporting: true,
    });
    const after = await checkCoverage(github);
    expect(after.find((r) => r.repository === 'python/pymanager')?.gaps).toEqual([
      'the security policy (SECURITY.md) does not link the "Report a vulnerability" form',
    ]);
  });
});
