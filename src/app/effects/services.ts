// What the effect runner acts through: the GitHub App, the CNA, the mailer and
// where each mail audience is delivered. Any of them may be missing (not
// configured): effects that need it wait, visible, until it is.
import type { CnaClient } from '../../cna/index.ts';
import type { MailAudience } from '../../domain/effects.ts';
import { loginKey, sameLogin } from '../../domain/roster.ts';
import type { GitHubClient, InstallationClient } from '../../github/index.ts';
import type { OutgoingMail as Mail } from '../../mail/mailer.ts';
import type { AdvisoryDatabase } from '../advisory-database.ts';

/** One outgoing message; `messageId` is stable per effect so a resend is recognisable. */
export type OutgoingMail = Omit<Mail, 'to'> & { to: string[] };

export interface MailSender {
  send(message: OutgoingMail): Promise<unknown>;
}

export interface EffectServices {
  github: GitHubClient | null;
  cna: CnaClient | null;
  /** The CVE Services user psrt reserves as: only its reservations can be psrt's. */
  cnaUser: string | null;
  mailer: MailSender | null;
  /** The addresses behind each audience (e.g. team → the PSRT's private list). */
  mailTo: Readonly<Record<MailAudience, readonly string[]>>;
  /** The checkout of the PSF advisory database OSV records are committed to. */
  advisoryDatabase: AdvisoryDatabase | null;
}

/** The services an effect kind may need. */
export type ServiceName = 'github' | 'cna' | 'mailer' | 'advisoryDatabase';

export class ServiceMissing extends Error {
  override name = 'ServiceMissing';
}

/** Installations found so far, per client: looked up once per owner for the life of the client. */
const resolvedOwners = new WeakMap<GitHubClient, Map<string, Promise<InstallationClient>>>();

/** Finds the App's installation on a repository's owner, once per owner. */
export function installationResolver(github: GitHubClient | null) {
  const byOwner = github
    ? (resolvedOwners.get(github) ?? new Map<string, Promise<InstallationClient>>())
    : new Map();
  if (github) resolvedOwners.set(github, byOwner);
  return (repository: string): Promise<InstallationClient> => {
    if (!github) throw new ServiceMissing('GitHub is not configured (github.appId, GITHUB_APP_PRIVATE_KEY).');
    const owner = loginKey(repository.split('/')[0] ?? '');
    let found = byOwner.get(owner);
    if (!found) {
      found = github.listInstallations().then((installations) => {
        const installation = installations.find(
          (i) => i.account && 'login' in i.account && sameLogin(i.account.login, owner),
        );
        if (!installation) {
          throw new ServiceMissing(`The GitHub App is not installed on ${owner}: install it there.`);
        }
        return github.forInstallation(installation.id);
      });
      // A failed lookup is not remembered: the App may be installed meanwhile.
      found.catch(() => byOwner.delete(owner));
      byOwner.set(owner, found);
    }
    return found;
  };
}

/** The runner's services from what `openApp` opened, with the mail audiences from the configuration. */
export function effectServices(
  opened: {
    github: GitHubClient | null;
    cna: CnaClient | null;
    cnaUser: string | null;
    mailer: MailSender | null;
  },
  mail: {
    team: string;
    admins?: string | undefined;
    stewardStaff?: string | undefined;
    announce?: string | undefined;
    steeringCouncil?: string | undefined;
  },
  advisoryDatabase: AdvisoryDatabase | null = null,
): EffectServices {
  return {
    github: opened.github,
    cna: opened.cna,
    cnaUser: opened.cnaUser,
    mailer: opened.mailer,
    advisoryDatabase,
    mailTo: {
      team: [mail.team],
      admins: [mail.admins ?? mail.team],
      'steward-staff': [mail.stewardStaff ?? mail.team],
      announce: [mail.announce ?? mail.team],
      'steering-council': [mail.steeringCouncil ?? mail.team],
    },
  };
}
