// Sandbox mode's stand-ins for GitHub, CVE Services and outgoing mail: the same simulators the
// tests use and a local SMTP server, started in-process on free local ports. GitHub is seeded
// with the demo organisations (python/cpython, pypa/pip, each with the PSRT team from the
// roster, python's as its security managers; the psrt GitHub App installed on both) and the
// people of the demo stories, so psrt's clients run unchanged against them, and psrt's people
// sign in through the simulator's "Sign in with GitHub" page. Given a state folder, the
// simulators keep their state there and are seeded only the first time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitHubSimControl } from '../../sim/github/control.ts';
import type { AppSeed } from '../../sim/github/seed.ts';
import type { Mailbox } from '../../sim/smtp/index.ts';
import { packageFile } from '../config/package-files.ts';
import type { RosterEntry } from '../domain/report.ts';
import type { GitHubSignIn } from '../github/oauth.ts';
import { codeOwners, demoVisitors, signInGroups } from './people.ts';
import { storyReporters } from './stories.ts';

export interface SandboxServices {
  github: {
    url: string;
    /** The simulator's own pages (advisories, deliveries, and forms to act on GitHub). */
    viewUrl: string;
    appId: number;
    privateKey: string;
    installations: { id: number; account: string }[];
    /** "Sign in with GitHub" on the simulator: the psrt App's OAuth client, for psrt's web app. */
    signIn: GitHubSignIn;
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
     * Runs `act` (and waits for it, when it returns a promise) with the simulators' clocks at
     * `when`, then puts them back where they were: a story's people and psrt's effects act at
     * the story's time. Credentials keep real time (psrt's App signs its JWTs with it).
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

/** The devguide's published PSRT lists, as vendored (vendor/python-devguide/security/). */
const devguideLists = (): Record<string, string> =>
  Object.fromEntries(
    ['security/psrt.csv', 'security/psrt-emeritus.csv'].map((path) => [
      path,
      readFileSync(packageFile(`vendor/python-devguide/${path}`), 'utf8'),
    ]),
  );

/** The psrt App's name on the simulated GitHub. */
const psrtApp = 'psrt';
const pypaOwners = ['pradyunsg', 'dstufft'];

/** The demo world on GitHub, created once: in memory at every start, or when the state folder is new. */
function seedGitHub(control: GitHubSimControl, roster: readonly RosterEntry[], appSeed: AppSeed): void {
  const members = roster.filter((e) => e.list === 'member' && e.login).map((e) => e.login as string);
  const admins = roster
    .filter((e) => e.list === 'member' && e.login && e.roles.includes('Admin'))
    .map((e) => e.login as string);
  for (const login of [
    ...members,
    ...codeOwners.map((owner) => owner.login),
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
    // In this demo world every PSRT member is in PyPA too, so psrt's bot adds the PSRT team to
    // pip's advisories rather than each member one by one (which it does for members outside).
    members: [...new Set(['pradyunsg', 'dstufft', 'di', ...members])],
    owners: pypaOwners,
  });
  control.addRepo({ owner: 'python', name: 'cpython', files: { '.github/CODEOWNERS': CODEOWNERS } });
  control.addRepo({ owner: 'pypa', name: 'pip' });
  // The devguide publishes the member lists that `psrt roster drift` compares with psrt's export.
  control.addRepo({ owner: 'python', name: 'devguide', files: devguideLists() });
  // The code owners are core developers, with write access to CPython (a nomination shows it).
  control.addTeam({
    org: 'python',
    slug: 'core-developers',
    name: 'Python core developers',
    privacy: 'closed',
    members: codeOwners.map((owner) => owner.login),
    repositories: { cpython: 'write' },
  });
  control.addTeam({
    org: 'python',
    slug: 'psrt',
    name: 'Python Security Response Team',
    privacy: 'secret',
    members,
  });
  control.addTeam({
    org: 'pypa',
    slug: 'psrt',
    name: 'Python Security Response Team',
    privacy: 'secret',
    members,
  });
  control.createApp(appSeed);
}

/** The psrt App's credentials, or null when a state folder holds some other world. */
function psrtAppOf(control: GitHubSimControl, stateDir: string | undefined) {
  try {
    return control.appCredentials(psrtApp);
  } catch (error) {
    if (stateDir) return null;
    throw error;
  }
}

export interface SandboxServicesOptions {
  /** psrt's clock, which the simulators' clocks follow. */
  now?: () => Date;
  /**
   * Where the simulators keep their state (`github/`, `cve/`), so a restarted sandbox finds the
   * GHSAs and CVE IDs it left; psrt passes `<dataDir>/sim`. Without it they live in memory.
   */
  stateDir?: string;
  /**
   * The origins psrt is reached at (`http://127.0.0.1:8080`, its public URL): the psrt App's
   * callback URLs become `<origin>/signin/callback` for each, at every start, since the port can
   * change between starts. Default: `http://localhost`, what `app.request()` addresses.
   */
  psrtOrigins?: string[];
}

/** Starts the simulators and the SMTP server; their clocks follow `now` (psrt's clock). */
export async function startSandboxServices(
  roster: readonly RosterEntry[],
  options: SandboxServicesOptions = {},
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
  const folder = (name: string) => (options.stateDir ? { stateDir: join(options.stateDir, name) } : {});
  const github = await startGitHubSim({
    now,
    credentialsNow: psrtNow,
    ...folder('github'),
    onNewState: (control) => seedGitHub(control, roster, psrtAppSeed(['python', 'pypa'], psrtApp)),
    // The view's report form acts as the demo reporter until someone picks another person; the
    // sign-in page offers the sandbox's people in their groups.
    view: { defaultUser: demoVisitors[0]?.login ?? '', people: signInGroups(roster, storyReporters()) },
  });
  const started: { close(): Promise<void> }[] = [github];
  let cve: Awaited<ReturnType<typeof startCveSim>>;
  let mail: Awaited<ReturnType<typeof startMailbox>>;
  try {
    cve = await startCveSim({ now, ...folder('cve') });
    started.push(cve);
    mail = await startMailbox({ keep: 500, now });
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.close()));
    throw error;
  }
  const control = github.sim.control;
  if (!psrtAppOf(control, options.stateDir)) {
    await Promise.allSettled([github.close(), cve.close(), mail.close()]);
    throw new Error(
      `The GitHub simulator's state in ${join(options.stateDir ?? '', 'github')} has no "${psrtApp}" App, so it is not the sandbox's. Move that folder away and start again.`,
    );
  }
  // A state folder from an older psrt holds the App as it asked then: it asks what psrt needs
  // now (e.g. Members: write, to apply membership changes to the team), and the owners accept.
  const { permissions, events } = psrtAppSeed(['python', 'pypa'], psrtApp);
  control.grantAppPermissions(psrtApp, { permissions, events: events ?? [] });
  // Where "Sign in with GitHub" returns to: psrt's port may differ from the last start's.
  const origins = options.psrtOrigins ?? ['http://localhost'];
  const app = control.setCallbackUrls(
    psrtApp,
    origins.map((origin) => `${origin}/signin/callback`),
  );
  const admins = roster
    .filter((e) => e.list === 'member' && e.login && e.roles.includes('Admin'))
    .map((e) => e.login as string);
  const user = demoPsf.users?.[0];
  let closing: Promise<void> | null = null;
  const owners: Record<string, string | undefined> = { python: admins[0], pypa: pypaOwners[0] };
  return {
    github: {
      url: github.url,
      viewUrl: `${github.url}/_sim/view/`,
      appId: app.appId,
      privateKey: app.privateKey,
      installations: app.installations,
      signIn: {
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        webUrl: github.url,
        apiUrl: github.url,
      },
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
        const before = replayingAt;
        const restore = () => {
          replayingAt = before;
        };
        replayingAt = when;
        let result: ReturnType<typeof act>;
        try {
          result = act();
        } catch (error) {
          restore();
          throw error;
        }
        if (!(result instanceof Promise)) {
          restore();
          return result;
        }
        return result.finally(restore) as typeof result;
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
