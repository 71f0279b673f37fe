// Sandbox mode's stand-ins for GitHub and CVE Services: the same simulators
// the tests use, started in-process on free local ports and seeded with the
// demo organisation (python/cpython, pypa/pip, the PSRT team from the roster,
// and the psrt GitHub App installed on both orgs), so the clients run
// unchanged against them.
import type { RosterEntry } from '../domain/report.ts';

export interface SandboxServices {
  github: {
    url: string;
    appId: number;
    privateKey: string;
    installations: { id: number; account: string }[];
  };
  cve: { apiUrl: string; org: string; user: string; apiKey: string };
  close(): Promise<void>;
}

const CODEOWNERS = [
  '# Demo CODEOWNERS',
  '/Lib/tarfile.py @ethanfurman',
  '/Lib/zipfile/ @jaraco',
  '/Lib/email/ @python/email-team',
  '',
].join('\n');

export async function startSandboxServices(roster: readonly RosterEntry[]): Promise<SandboxServices> {
  // Loaded here so production start-up never imports the simulators.
  const [{ startGitHubSim }, { demoPsf, startCveSim }] = await Promise.all([
    import('../../sim/github/index.ts'),
    import('../../sim/cve-services/index.ts'),
  ]);
  const github = await startGitHubSim();
  const cve = await startCveSim();
  const control = github.sim.control;

  const members = roster.filter((e) => e.list === 'member' && e.login).map((e) => e.login as string);
  const admins = roster
    .filter((e) => e.list === 'member' && e.login && e.roles.includes('Admin'))
    .map((e) => e.login as string);
  for (const login of [
    ...members,
    'ethanfurman',
    'jaraco',
    'mira-finds-bugs',
    'zip-expert',
    'curious-visitor',
  ]) {
    control.addUser({ login });
  }
  control.addOrg({
    login: 'python',
    name: 'Python',
    members: [...members, 'ethanfurman', 'jaraco'],
    owners: admins,
  });
  control.addOrg({
    login: 'pypa',
    name: 'Python Packaging Authority',
    members: ['pradyunsg', 'dstufft', 'di'],
    owners: ['pradyunsg'],
  });
  control.addRepo({ owner: 'python', name: 'cpython', files: { '.github/CODEOWNERS': CODEOWNERS } });
  control.addRepo({ owner: 'pypa', name: 'pip' });
  control.addTeam({
    org: 'python',
    slug: 'psrt',
    name: 'Python Security Response Team',
    privacy: 'secret',
    members,
  });
  const app = control.createApp({
    name: 'psrt',
    permissions: { repository_advisories: 'write', members: 'read', contents: 'read', pull_requests: 'read' },
    events: ['repository_advisory'],
    installations: [{ account: 'python' }, { account: 'pypa' }],
  });
  const user = demoPsf.users?.[0];
  return {
    github: {
      url: github.url,
      appId: app.appId,
      privateKey: app.privateKey,
      installations: app.installations,
    },
    cve: {
      apiUrl: cve.apiUrl,
      org: demoPsf.shortName,
      user: user?.username ?? '',
      apiKey: user?.apiKey ?? '',
    },
    async close() {
      await Promise.all([github.close(), cve.close()]);
    },
  };
}
