// Sandbox mode's stand-ins for GitHub, CVE Services and outgoing mail: the same simulators the
// tests use and a local SMTP server, started in-process on free local ports. GitHub is seeded
// with the demo organisations (python/cpython, pypa/pip, the PSRT team from the roster as the
// python org's security managers, the psrt GitHub App installed on both orgs) and the people of
// the demo stories, so psrt's clients run unchanged against them.
import type { GitHubSimControl } from '../../sim/github/control.ts';
import type { Mailbox } from '../../sim/smtp/index.ts';
import type { RosterEntry } from '../domain/report.ts';
import { demoVisitors } from './people.ts';
import { storyReporters } from './stories.ts';

export interface SandboxServices {
  github: {
    url: string;
    appId: number;
    privateKey: string;
    installations: { id: number; account: string }[];
  };
  cve: { apiUrl: string; org: string; user: string; apiKey: string };
  /** Where psrt's mailer sends in the sandbox (plain SMTP, no sign-in). */
  smtp: { host: string; port: number; url: string };
  /** What the SMTP server received. */
  outgoingMail: Pick<Mailbox, 'messages'>;
  /** For the sandbox's own stories: acting on GitHub as its people, at a story's time. */
  simulators: {
    github: GitHubSimControl;
    /**
     * Runs `act` with the simulators' clocks at `when`, then puts them back on psrt's clock.
     * Only around the people's own acts: psrt's App signs its GitHub tokens with the real time,
     * which the simulator checks as GitHub does.
     */
    at<T>(when: Date, act: () => T): T;
    /** An owner of the organisation on GitHub, who may act on any of its advisories. */
    adminOf(org: string): string | null;
  };
  close(): Promise<void>;
}

const CODEOWNERS = [
  '# Demo CODEOWNERS',
  '/Lib/tarfile.py @ethanfurman',
  '/Lib/zipfile/ @jaraco',
  '/Lib/email/ @python/email-team',
  '',
].join('\n');

/** Starts the simulators and the SMTP server; their clocks follow `now` (psrt's clock). */
export async function startSandboxServices(
  roster: readonly RosterEntry[],
  options: { now?: () => Date } = {},
): Promise<SandboxServices> {
  // Loaded here so production start-up never imports the simulators or the SMTP server.
  const [{ psrtAppSeed, startGitHubSim }, { demoPsf, startCveSim }, { startMailbox }] = await Promise.all([
    import('../../sim/github/index.ts'),
    import('../../sim/cve-services/index.ts'),
    import('../../sim/smtp/index.ts'),
  ]);
  const psrtNow = options.now ?? (() => new Date());
  let replayingAt: Date | null = null;
  const now = () => replayingAt ?? psrtNow();
  const github = await startGitHubSim({ now });
  const cve = await startCveSim({ now });
  const mail = await startMailbox({ keep: 500, now: psrtNow });
  const control = github.sim.control;

  const members = roster.filter((e) => e.list === 'member' && e.login).map((e) => e.login as string);
  const admins = roster
    .filter((e) => e.list === 'member' && e.login && e.roles.includes('Admin'))
    .map((e) => e.login as string);
  const pypaOwners = ['pradyunsg', 'dstufft'];
  for (const login of [
    ...members,
    'ethanfurman',
    'jaraco',
    ...demoVisitors.map((v) => v.login),
    ...storyReporters(),
  ]) {
    control.addUser({ login });
  }
  control.addOrg({
    login: 'python',
    name: 'Python',
    members: [...members, 'ethanfurman', 'jaraco'],
    owners: admins,
    // The PSRT handles every advisory of the organisation's repositories.
    securityManagerTeams: ['psrt'],
  });
  control.addOrg({
    login: 'pypa',
    name: 'Python Packaging Authority',
    members: ['pradyunsg', 'dstufft', 'di'],
    owners: pypaOwners,
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
  const app = control.createApp(psrtAppSeed(['python', 'pypa']));
  const user = demoPsf.users?.[0];
  let closing: Promise<void> | null = null;
  const owners: Record<string, string | undefined> = { python: admins[0], pypa: pypaOwners[0] };
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
    smtp: { host: mail.host, port: mail.port, url: mail.url },
    outgoingMail: { messages: mail.messages },
    simulators: {
      github: control,
      at(when, act) {
        replayingAt = when;
        try {
          return act();
        } finally {
          replayingAt = null;
        }
      },
      adminOf: (org) => owners[org] ?? null,
    },
    close() {
      // Once: a second close (a failed start-up's clean-up, then the server's) waits for the first.
      closing ??= Promise.all([github.close(), cve.close(), mail.close()]).then(() => {});
      return closing;
    },
  };
}
