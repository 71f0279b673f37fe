// The PSF advisory database as psrt writes it: a git checkout of
// psf/advisory-database where each published OSV record is written and
// committed (and pushed, when configured). Committing is idempotent: a file
// already holding the text at HEAD is left alone, so a retry after a crash
// commits nothing twice.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface AdvisoryDatabase {
  /** Where the checkout is, for messages. */
  readonly location: string;
  /** Writes `text` at `path` (relative to the checkout) and commits it; `commit` is HEAD afterwards. */
  commitFile(path: string, text: string, message: string): Promise<{ commit: string; unchanged: boolean }>;
}

export class CheckoutError extends Error {
  override name = 'CheckoutError';
}

/** The checkout at `dir`; `push` sends each commit to its upstream. `author` signs the commits. */
export function gitCheckout(
  dir: string,
  options: { push: boolean; author: { name: string; email: string } },
): AdvisoryDatabase {
  const git = async (...args: string[]) => {
    // Identity given per command: the checkout needs no git configuration of its own.
    const identity = ['-c', `user.name=${options.author.name}`, '-c', `user.email=${options.author.email}`];
    try {
      const { stdout } = await run('git', [...identity, '-C', dir, ...args], { maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      const { stderr, code } = error as { stderr?: string; code?: string | number };
      if (code === 'ENOENT')
        throw new CheckoutError('git is not installed: psrt needs it to write the advisory database.');
      throw new CheckoutError(
        `git ${args[0]} failed in ${dir}: ${String(stderr ?? '').trim() || String(error)}`,
      );
    }
  };
  const atHead = async (path: string): Promise<string | null> => {
    try {
      return await git('show', `HEAD:${path}`);
    } catch {
      return null;
    }
  };
  return {
    location: dir,
    async commitFile(path, text, message) {
      const inside = await git('rev-parse', '--is-inside-work-tree').catch(() => '');
      if (inside.trim() !== 'true') {
        throw new CheckoutError(
          `${dir} is not a git checkout of the advisory database: clone it there (advisoryDatabase.checkout).`,
        );
      }
      const unchanged = (await atHead(path)) === text;
      if (!unchanged) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
        await git('add', '--', path);
        await git('commit', '--quiet', '--message', message, '--', path);
      }
      if (options.push) await git('push', '--quiet');
      return { commit: (await git('rev-parse', 'HEAD')).trim(), unchanged };
    },
  };
}

/** What `psrt config check` asks of a checkout: is it one, and what does it push to (null: nothing). */
export async function inspectCheckout(dir: string): Promise<{ checkout: boolean; upstream: string | null }> {
  const git = (...args: string[]) =>
    run('git', ['-C', dir, ...args]).then(
      ({ stdout }) => stdout.trim(),
      () => '',
    );
  if ((await git('rev-parse', '--is-inside-work-tree')) !== 'true')
    return { checkout: false, upstream: null };
  return { checkout: true, upstream: (await git('rev-parse', '--abbrev-ref', '@{upstream}')) || null };
}

/** Makes `dir` an empty git repository if it is not one yet (the sandbox's own advisory database). */
export async function initCheckout(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await run('git', ['-C', dir, 'init', '--quiet', '--initial-branch', 'main']);
}

/** The configured checkout (`advisoryDatabase.checkout`), signed by psrt's mail sender; null when none is set. */
export function advisoryDatabaseOf(config: {
  advisoryDatabase: { checkout?: string | undefined; push: boolean };
  mail: { from: string };
}): AdvisoryDatabase | null {
  const { checkout, push } = config.advisoryDatabase;
  if (!checkout) return null;
  const email = /<([^>]+)>/.exec(config.mail.from)?.[1] ?? config.mail.from;
  return gitCheckout(checkout, { push, author: { name: 'psrt', email } });
}
