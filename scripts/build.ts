// `npm run build` (npm ci and npm install run it too, as `prepare`): bundles the `psrt` command,
// the CLI and through `psrt serve` the server, into plain JavaScript in dist/cli/, so production
// starts without compiling TypeScript. Packages stay in node_modules (imported, not bundled); code
// that only some commands need is split into chunks loaded when a command asks for it.
//
// The chunks sit two folders below the package root, as src/config/package-files.ts does, so
// the files psrt reads from its package (drizzle/, vendor/, sandbox/, src/web/client/) are found
// the same way from the bundle. dist/cli/sources.json lists what the bundle was built from and
// when: bin/psrt.js runs the bundle only while no source is newer, and the sources otherwise.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const bundleFolder = join(root, 'dist', 'cli');

/** What bin/psrt.js reads to tell whether the bundle is current. */
export interface BundleSources {
  /** When the build started, in ms since the epoch: a source changed later makes the bundle stale. */
  builtAt: number;
  /** The files bundled, relative to the package root. */
  inputs: string[];
}

export async function buildBundle(): Promise<BundleSources> {
  const builtAt = Date.now();
  rmSync(bundleFolder, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outdir: bundleFolder,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    // Stack traces name the TypeScript lines when PSRT_DEBUG asks for them (bin/psrt.js).
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const sources: BundleSources = { builtAt, inputs: Object.keys(result.metafile.inputs).sort() };
  mkdirSync(bundleFolder, { recursive: true });
  writeFileSync(join(bundleFolder, 'sources.json'), `${JSON.stringify(sources)}\n`);
  return sources;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const { inputs } = await buildBundle();
  process.stdout.write(
    `psrt bundled into dist/cli/ (${inputs.length} sources, ${Math.round(performance.now() - started)} ms)\n`,
  );
}
