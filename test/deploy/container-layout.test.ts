// deploy/Containerfile without a container engine: its final stage's files laid out in a
// temporary folder exactly as its COPY lines say, read-only to the user psrt runs as, with
// only the data volume and HOME writable. From there the bundle answers --help, migrates an
// embedded database on the volume, and serves /healthz to the HEALTHCHECK command itself.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const containerfile = readFileSync(join(root, 'deploy/Containerfile'), 'utf8');

/** The instructions of the file's last stage, continuation lines joined. */
function finalStage(text: string): string[] {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const from = lines.map((line, i) => (/^FROM\b/i.test(line) ? i : -1)).filter((i) => i >= 0);
  return lines.slice(from.at(-1) ?? 0);
}

const stage = finalStage(containerfile);
const buildWorkdir = /^WORKDIR\s+(\S+)/m.exec(containerfile.split(/^FROM\b/m)[1] ?? '')?.[1] ?? '/';
/** `ENV` of the final stage, as one record. */
const stageEnv = Object.fromEntries(
  stage
    .filter((line) => /^ENV\s/.test(line))
    .flatMap((line) => [...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
) as Record<string, string>;

/** Runs as nobody when the tests run as root (root ignores file modes); else as the test's user. */
const asRoot = process.getuid?.() === 0;
const nobody = 65534;

let folder: string;
let app: string;
let volume: string;
let home: string;

/** Runs `node ARGS` in the container's folder and environment, as psrt's user. */
function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const stdout = execFileSync(process.execPath, args, {
      cwd: volume,
      env: containerEnv(env),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: nobody, gid: nobody } : {}),
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The image's environment, with the container's paths mapped into the temporary folder. */
function containerEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...stageEnv,
    HOME: home,
    TMPDIR: home,
    PSRT_CONFIG: join(folder, 'etc/psrt/psrt.config.json'),
    ...extra,
  };
}

/** Copies `source` (a file or folder of the checkout) to `target`, as COPY does. */
function copy(source: string, target: string) {
  const from = join(root, source);
  if (!existsSync(from)) throw new Error(`the Containerfile copies ${source}, which the checkout lacks`);
  cpSync(from, target, { recursive: true, dereference: true });
}

beforeAll(() => {
  // `npm ci` builds the bundle (prepare); a checkout that has not yet, builds it now.
  if (!existsSync(join(root, 'dist/cli/main.js')))
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  folder = mkdtempSync(join(tmpdir(), 'psrt-container-'));
  chmodSync(folder, 0o755);
  const workdir = /^WORKDIR\s+(\S+)/.exec(stage.find((line) => /^WORKDIR\s/.test(line)) ?? '')?.[1];
  if (!workdir) throw new Error('the final stage names no WORKDIR');
  app = join(folder, workdir);
  mkdirSync(app, { recursive: true });
  for (const line of stage.filter((l) => /^COPY\s/.test(l))) {
    const words = line.split(/\s+/).slice(1);
    const fromBuild = words[0]?.startsWith('--from=');
    const paths = fromBuild ? words.slice(1) : words;
    const dest = paths.pop() ?? '';
    for (const path of paths) {
      const source = fromBuild ? path.replace(new RegExp(`^${buildWorkdir}/?`), '') : path;
      const target = dest.endsWith('/') && !path.endsWith('/') ? join(app, dest, source) : join(app, dest);
      copy(source.replace(/\/$/, ''), target);
    }
  }
  // `npm ci --omit=dev` stands in as the checkout's packages; what the bundle imports is checked below.
  // Linked file by file, not the folder: psrt's user must reach them, and the checkout may sit in a
  // folder only its owner can enter (a fresh clone in a private temporary folder does).
  linkTree(realpathSync(join(root, 'node_modules')), join(app, 'node_modules'));
  volume = join(folder, 'var/lib/psrt');
  home = join(folder, 'tmp');
  mkdirSync(join(folder, 'etc/psrt'), { recursive: true });
  writeFileSync(
    join(folder, 'etc/psrt/psrt.config.json'),
    JSON.stringify({ database: { dataDir: join(volume, 'data') }, log: { level: 'warn' } }),
  );
  for (const writable of [volume, home]) {
    mkdirSync(writable, { recursive: true });
    if (asRoot) chownSync(writable, nobody, nobody);
  }
  // Read-only: nothing of the image is writable by psrt's user.
  if (!asRoot) execFileSync('chmod', ['-R', 'a-w', app]);
  for (const dir of [folder, join(folder, 'var'), join(folder, 'var/lib'), join(folder, 'etc')])
    if (existsSync(dir)) chmodSync(dir, 0o555);
  chmodSync(join(folder, 'etc/psrt'), 0o555);
}, 180_000);

/**
 * `to` as a copy of `from` whose files are hard links (no bytes copied, each file's modes kept,
 * the folders new and open to all), or a real copy where the two are on different file systems.
 */
function linkTree(from: string, to: string): void {
  try {
    execFileSync('cp', ['-al', from, to], { stdio: 'ignore' });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync('cp', ['-a', from, to], { stdio: 'ignore' });
  }
}

afterAll(() => {
  if (!folder) return;
  execFileSync('chmod', ['-R', 'u+w', folder]);
  rmSync(folder, { recursive: true, force: true });
});

describe('the container image, laid out as deploy/Containerfile copies it', () => {
  it('holds the bundle and the files psrt reads from its package, and nothing of the image is writable by psrt', () => {
    for (const path of [
      'dist/cli/main.js',
      'drizzle/meta/_journal.json',
      'vendor',
      'sandbox/psrt.csv',
      'src/web/client/cvss.ts',
      'package.json',
    ])
      expect(existsSync(join(app, path)), path).toBe(true);
    const probe = run(['-e', `require('node:fs').writeFileSync(${JSON.stringify(join(app, 'x'))}, '')`]);
    expect(probe.code).not.toBe(0);
  });

  it('the bundle imports only production dependencies (npm ci --omit=dev installs no others)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const imported = new Set<string>();
    for (const file of readdirSync(join(app, 'dist/cli')).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(app, 'dist/cli', file), 'utf8');
      const specifiers = [
        ...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)";/gm),
        ...text.matchAll(/^import\s*"([^"]+)";/gm),
        ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
      ].map((m) => m[1] ?? '');
      for (const specifier of specifiers) {
        if (specifier.startsWith('node:') || specifier.startsWith('.')) continue;
        const [scope, name] = specifier.split('/');
        imported.add(scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? ''));
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('answers --help, and db migrate sets up an embedded database on the data volume', () => {
    const help = run([join(app, 'dist/cli/main.js'), '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: psrt /);
    const migrate = run([join(app, 'dist/cli/main.js'), 'db', 'migrate']);
    expect(migrate.stderr).toBe('');
    expect(migrate.stdout).toBe('database is up to date (pglite)\n');
    expect(statSync(join(volume, 'data', 'PG_VERSION')).isFile()).toBe(true);
  }, 120_000);

  it('serves, and its HEALTHCHECK command finds /healthz answering', async () => {
    const port = await freePort();
    const command = /HEALTHCHECK\b.*\bCMD\s+(\[.*\])\s*$/m.exec(stage.join('\n'))?.[1];
    if (!command) throw new Error('the final stage has no HEALTHCHECK CMD in exec form');
    const [, ...healthArgs] = JSON.parse(command) as string[];
    const env = { PSRT_PORT: String(port) };
    const server: ChildProcess = spawn(process.execPath, [join(app, 'dist/cli/main.js'), 'serve'], {
      cwd: volume,
      env: containerEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: nobody, gid: nobody } : {}),
    });
    let output = '';
    server.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    server.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('exit', (code) => reject(new Error(`psrt serve exited ${code}: ${output}`)));
        const poll = setInterval(() => {
          if (/listening on/.test(output)) {
            clearInterval(poll);
            resolve();
          }
        }, 100);
      });
      const health = run(healthArgs, env);
      expect(health.code, output).toBe(0);
      const script = await fetch(`http://127.0.0.1:${port}/static/cvss.js`);
      expect(script.status, output).toBe(200);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('close', resolve));
    }
  }, 180_000);
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
