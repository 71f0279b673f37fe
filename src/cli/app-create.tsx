// `psrt app create`: GitHub's App-manifest flow from the operator's machine. A listener on
// 127.0.0.1 shows a page whose form posts psrt's manifest to GitHub's "new GitHub App" page with a
// fresh `state`; GitHub creates the App and sends the browser back to the listener with a `code`
// and the state; the code (once, within the hour) becomes the App's credentials, written where
// psrt's configuration reads them. Nothing is written unless all of that succeeds.
import { Hono } from 'hono';
import { type CredentialFiles, CredentialFilesError, writeCredentials } from '../config/app-credentials.ts';
import { appManifest } from '../github/app-manifest.ts';
import {
  type AppCredentials,
  AppRegistrationError,
  convertManifestCode,
  newAppPageUrl,
  newRegistrationState,
  sameState,
} from '../github/app-registration.ts';
import { listen } from '../web/listener.ts';
import { DonePage, FailedPage, ManifestFormPage } from './app-create-pages.tsx';

export interface ManifestFlowOptions {
  /** The App's name as the manifest proposes it. */
  name: string;
  /** The organisation that will own the App; null: the person's own account. */
  org: string | null;
  /** psrt's public URL: the App's homepage, webhook and sign-in callback. */
  publicUrl: string;
  /** github.com (or GitHub Enterprise, or the simulator) and its API. */
  webUrl: string;
  apiUrl: string;
  files: CredentialFiles;
  /** github.webUrl and github.apiUrl to write to the config file (those given on the command line). */
  githubUrls: { webUrl?: string; apiUrl?: string };
  /** The listener's port on 127.0.0.1 (0: any free port). */
  port: number;
  /** How long to wait for GitHub to send the browser back. */
  timeoutMs: number;
  /** Called with the page to open once the listener answers. */
  onListening(pageUrl: string): void;
  /** Settles when the person stops the command (Ctrl-C). */
  stopped: Promise<unknown>;
}

const duration = (ms: number): string => {
  const [count, unit] =
    ms >= 60_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.round(ms / 1000), 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
};

/** Messages these errors carry are safe to show; anything else is described, not echoed. */
const shown = (error: unknown): string =>
  error instanceof AppRegistrationError || error instanceof CredentialFilesError
    ? error.message
    : 'an unexpected error stopped psrt; the terminal says more.';

/** Runs the manifest flow and answers the new App's credentials, once they are written. */
export async function runManifestFlow(options: ManifestFlowOptions): Promise<AppCredentials> {
  const state = newRegistrationState();
  const listener = await listen('127.0.0.1', options.port);
  const manifest = appManifest({
    name: options.name,
    publicUrl: options.publicUrl,
    redirectUrl: `${listener.url}/callback`,
  });
  const action = newAppPageUrl(options.webUrl, options.org, state);

  let finish: (app: AppCredentials) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const outcome = new Promise<AppCredentials>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  let answered = false;

  const web = new Hono();
  web.get('/', (c) =>
    c.html(<ManifestFormPage manifest={manifest} action={action} owner={options.org} />, 200, {
      'cache-control': 'no-store',
    }),
  );
  web.get('/callback', async (c) => {
    // One answer per run: a second request (a reload, or anyone else) changes nothing.
    if (answered) return c.html(<FailedPage message="This run of psrt app create has finished." />, 409);
    answered = true;
    const { code, state: received } = c.req.query();
    try {
      if (!sameState(state, received))
        throw new AppRegistrationError(
          "GitHub's answer does not carry the state this run sent, so it is not the answer to psrt's form: the code was not used and nothing was written. If GitHub did create an App, delete it (its settings page, Advanced) and run psrt app create again.",
        );
      if (!code)
        throw new AppRegistrationError('GitHub sent the browser back without a code: nothing was written.');
      const app = await convertManifestCode({ apiUrl: options.apiUrl, code });
      writeCredentials(options.files, app, options.githubUrls);
      finish(app);
      return c.html(<DonePage name={app.name} installUrl={installUrl(app)} />);
    } catch (error) {
      fail(error as Error);
      return c.html(<FailedPage message={shown(error)} />, error instanceof AppRegistrationError ? 400 : 500);
    }
  });
  web.notFound((c) => c.text('Not found\n', 404));
  listener.serve(web.fetch);
  options.onListening(`${listener.url}/`);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppRegistrationError(
            `GitHub did not send the browser back within ${duration(options.timeoutMs)}: nothing was written. Run psrt app create again (if GitHub did create an App, delete it first).`,
          ),
        ),
      options.timeoutMs,
    );
  });
  const stopped = options.stopped.then(() => {
    throw new AppRegistrationError('stopped before GitHub sent the browser back: nothing was written.');
  });
  try {
    return await Promise.race([outcome, timedOut, stopped]);
  } finally {
    clearTimeout(timer);
    // The browser gets its answer before the listener goes.
    await listener.close(performance.now() + 2_000);
  }
}

/** Where the App's owner installs it on an organisation. */
export const installUrl = (app: AppCredentials): string =>
  `${app.htmlUrl.replace(/\/$/, '')}/installations/new`;
