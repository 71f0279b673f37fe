// psrt's clients of its outside services (the GitHub App, CVE Services, the
// mail relay), built from where each service is and who psrt is there. openApp
// builds them from the configuration; tests and benchmarks that run an effect
// runner of their own build them here too, so there is one way to build them.
import { CnaClient, type CnaClientConfig } from '../cna/index.ts';
import type { Logger } from '../config/logger.ts';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../github/index.ts';
import { createMailer, type Mailer, type MailerSettings } from '../mail/mailer.ts';

/** The GitHub App: the API root, the App's id and private key, and how the client behaves there. */
export interface GitHubSettings
  extends Pick<GitHubClientOptions, 'serializeWrites' | 'fetch' | 'serverErrors' | 'rateLimit'> {
  url: string;
  appId: number;
  privateKey: string;
}

/** The CNA at CVE Services: the API root, its short name, the user psrt acts as and that user's key. */
export interface CnaSettings extends Pick<CnaClientConfig, 'fetch' | 'retry'> {
  apiUrl: string;
  org: string;
  user: string;
  apiKey: string;
}

/** Each service psrt reaches, or null (or absent) when it is not configured. */
export interface ServiceSettings {
  github?: GitHubSettings | null;
  cna?: CnaSettings | null;
  /** The SMTP relay, with the sender of every message and the team's address. */
  smtp?: MailerSettings | null;
}

export interface ServiceClients {
  /** The GitHub App's client, or null when no App is configured. */
  github: GitHubClient | null;
  /** The CVE Services client, or null when no CNA user and key are configured. */
  cna: CnaClient | null;
  /** The CVE Services user `cna` acts as (only its reservations are psrt's), or null. */
  cnaUser: string | null;
  /** Null when no SMTP relay is configured: psrt then sends no mail. */
  mailer: Mailer | null;
}

/**
 * The clients of the services in `settings`. Nothing is contacted yet: each
 * client connects on its first request.
 */
export function serviceClients(
  settings: ServiceSettings,
  context: { log: Logger; now?: () => Date },
): ServiceClients {
  const { github, cna, smtp } = settings;
  return {
    github: github
      ? createGitHubClient({
          appId: github.appId,
          privateKey: github.privateKey,
          baseUrl: github.url,
          fetch: github.fetch,
          log: context.log.child({ service: 'github' }),
          now: context.now,
          serializeWrites: github.serializeWrites,
          serverErrors: github.serverErrors,
          rateLimit: github.rateLimit,
        })
      : null,
    cna: cna
      ? new CnaClient({
          baseUrl: cna.apiUrl,
          org: cna.org,
          user: cna.user,
          apiKey: cna.apiKey,
          fetch: cna.fetch,
          retry: cna.retry,
        })
      : null,
    cnaUser: cna?.user ?? null,
    mailer: smtp ? createMailer(smtp) : null,
  };
}
