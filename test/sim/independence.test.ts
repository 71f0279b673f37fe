// The simulators and the conformance checker hold psrt's code to the services' real behaviour, so
// they share none of it; and a user's clone has nothing beside it, so nothing reads from there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The repository's own files under `folder` (no node_modules), relative to the root. */
const filesUnder = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('node_modules'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));

describe('what the simulators and the repository depend on', () => {
  it('no simulator or checker module imports from src/', () => {
    const importsOfSrc = filesUnder('sim')
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        [...readFileSync(join(root, file), 'utf8').matchAll(/from\s+'([^']*\bsrc\/[^']*)'/g)].map(
          (m) => `${file}: ${m[1]}`,
        ),
      );
    expect(importsOfSrc).toEqual([]);
  });

  it('no code, test or simulator note reads or names a folder beside the checkout', () => {
    // Spelled in pieces so that this file does not match itself.
    const beside = 'shared';
    const pattern = new RegExp(`\\.\\./${beside}|${beside}/(specs|data|tools)`);
    const offending = ['src', 'sim', 'bin', 'bench', 'test']
      .flatMap(filesUnder)
      .filter((file) => pattern.test(readFileSync(join(root, file), 'utf8')));
    expect(offending).toEqual([]);
  });
});
