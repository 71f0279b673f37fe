// Runs the real `psrt serve` (node bin/psrt.js serve) as an operator does, and
// watches it the way a supervisor would: when it said it listens, when it
// exited, with what code and what it printed. A copy of the checkout lets a
// test start psrt with a file missing, as a damaged or partial install has.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin, cleanEnv } from './psrt.ts';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From spawning (or from `since`) to exiting. */
  ms: number;
  /** Still running after the time allowed, and killed. */
  hung: boolean;
}

export interface Serving {
  child: ChildProcess;
  url: string;
  /** Resolves when the process has exited (it is killed if it outlives `allowMs`). */
  exit(allowMs: number): Promise<Exit>;
}

interface Watch {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function watch(cwd: string, env: NodeJS.ProcessEnv, args: string[], binPath: string): Watch {
  const child = spawn(process.execPath, [binPath, 'serve', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, closed };
}

async function exitOf(w: Watch, since: number, allowMs: number): Promise<Exit> {
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    w.child.kill('SIGKILL');
  }, allowMs);
  const { code, signal } = await w.closed;
  clearTimeout(timer);
  return { code, signal, ...w.output, ms: performance.now() - since, hung };
}

export interface ServeOptions {
  env?: NodeJS.ProcessEnv;
  args?: string[];
  /** Another checkout's bin/psrt.js (see copyCheckout). */
  bin?: string;
}

/** Runs `psrt serve` expecting it to stop by itself; kills it (and reports `hung`) after `allowMs`. */
export function serveUntilExit(cwd: string, allowMs: number, options: ServeOptions = {}): Promise<Exit> {
  const started = performance.now();
  const w = watch(cwd, options.env ?? cleanEnv(), options.args ?? [], options.bin ?? bin);
  return exitOf(w, started, allowMs);
}

/** Starts `psrt serve --port 0` and resolves once it printed where it listens. */
export function startServe(cwd: string, options: ServeOptions = {}): Promise<Serving> {
  const w = watch(
    cwd,
    options.env ?? cleanEnv(),
    ['--port', '0', ...(options.args ?? [])],
    options.bin ?? bin,
  );
  return new Promise((resolve, reject) => {
    const onData = () => {
      const listening = /listening on (http:\/\/\S+)/.exec(w.output.stdout);
      if (!listening?.[1]) return;
      w.child.stdout?.off('data', onData);
      resolve({
        child: w.child,
        url: listening[1],
        exit: (allowMs) => exitOf(w, performance.now(), allowMs),
      });
    };
    w.child.stdout?.on('data', onData);
    void w.closed.then(({ code }) =>
      reject(new Error(`psrt serve exited with ${code} before listening: ${w.output.stderr}`)),
    );
  });
}

/** The lines a process wrote, without the trailing newline. */
export const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A copy of what a clone holds to run psrt (not its tests or docs), with the
 * installed packages linked in, and `without` (paths in the checkout) left out.
 */
export function copyCheckout(without: string[]): { dir: string; bin: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-checkout-'));
  for (const part of ['bin', 'src', 'sim', 'sandbox', 'drizzle', 'vendor', 'package.json', 'tsconfig.json']) {
    cpSync(join(root, part), join(dir, part), { recursive: true });
  }
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  for (const path of without) rmSync(join(dir, path), { recursive: true, force: true });
  return {
    dir,
    bin: join(dir, 'bin', 'psrt.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
