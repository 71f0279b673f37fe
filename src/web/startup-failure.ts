// Why `psrt serve` could not start, said in one line with what to do about it.
// Errors that already say so (bad configuration, a port or data folder in use,
// an unreachable database) pass through; a missing file is named with the
// command that restores it. The cause's stack is kept for PSRT_DEBUG.
import { relative, sep } from 'node:path';
import { safeErrorMessage } from '../app/errors.ts';
import { packageFile } from '../config/package-files.ts';

export class StartupError extends Error {
  override name = 'StartupError';
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    // The frames that matter are where it went wrong, not where it was reworded.
    if (cause instanceof Error && cause.stack)
      this.stack = `${this.name}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

const checkout = packageFile('');

/** The error to report for a failed start. */
export function startupFailure(error: unknown): unknown {
  const missing =
    (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? (error as { path?: unknown }).path : null;
  if (typeof missing === 'string') {
    const inCheckout = relative(checkout, missing);
    const restore =
      inCheckout.startsWith('..') || inCheckout.startsWith(sep)
        ? 'restore it'
        : `restore it from the psrt repository (git checkout -- ${inCheckout})`;
    return new StartupError(
      `A file psrt needs is missing: ${missing}. ${capitalise(restore)} and start again.`,
      error,
    );
  }
  return error;
}

/** For a step whose own errors do not say what failed: "what: their message. advice" */
export function failedStep(what: string, error: unknown, advice: string): StartupError {
  return new StartupError(`${what}: ${safeErrorMessage(error).replace(/\.$/, '')}. ${advice}`, error);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
