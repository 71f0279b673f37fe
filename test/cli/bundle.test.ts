import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { currentBundle } from '../../bin/bundle.js';
import { bundleFolder } from '../../scripts/build.ts';
import { bin, cleanEnv } from './psrt.ts';

/** A package folder with a bundle built at `builtAt` from src/cli/main.ts, changed at `sourceChanged`. */
function packageWithBundle(builtAt: number, sourceChanged: number | null) {
  const dir = mkdtempSync(join(tmpdir(), 'psrt-bundle-'));
  folders.push(dir);
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  writeFileSync(
    join(dir, 'dist', 'cli', 'sources.json'),
    JSON.stringify({ builtAt, inputs: ['src/cli/main.ts'] }),
  );
  if (sourceChanged !== null) {
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    const source = join(dir, 'src', 'cli', 'main.ts');
    writeFileSync(source, '');
    utimesSync(source, sourceChanged / 1000, sourceChanged / 1000);
  }
  return pathToFileURL(`${dir}/`);
}
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the psrt command runs the bundle only while it is current', () => {
  const built = Date.parse('2026-12-01T12:00:00Z');

  it('runs the bundle when no source changed after the build', () => {
    const root = packageWithBundle(built, built - 60_000);
    expect(currentBundle(root)?.href).toBe(new URL('dist/cli/main.js', root).href);
  });

  it('runs the sources once one of them was edited after the build, never the stale bundle', () => {
    expect(currentBundle(packageWithBundle(built, built + 1_000))).toBeNull();
  });

  it('runs the bundle of a deployment that carries no sources', () => {
    const root = packageWithBundle(built, null);
    expect(currentBundle(root)?.href).toBe(new URL('dist/cli/main.js', root).href);
  });

  it('runs the sources of a checkout that was never built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'psrt-bundle-'));
    folders.push(dir);
    expect(currentBundle(pathToFileURL(`${dir}/`))).toBeNull();
  });
});

describe('npm run build', () => {
  it('bundles a psrt whose commands answer as the sources do', () => {
    const help = (args: string[]) =>
      spawnSync(process.execPath, args, { env: cleanEnv(), encoding: 'utf8', timeout: 20_000 });
    const bundled = help([join(bundleFolder, 'main.js'), 'report', '--help']);
    const sources = help(['--import', 'tsx', 'src/cli/main.ts', 'report', '--help']);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(sources.stdout);
    expect(bundled.stdout).toContain('Usage: psrt report');
    // The test run bundled psrt first: the psrt command the other tests start is the bundle.
    expect(currentBundle(pathToFileURL(bin.replace(/bin\/psrt\.js$/, '')))).not.toBeNull();
  });
});
