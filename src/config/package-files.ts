// Files psrt reads from its own package (migrations, vendored schemas, the sandbox's rosters, the
// browser script's source), found from the package root. This module sits two folders below the
// root, as the built bundle's chunks do (dist/cli/), so the same relative path serves both the
// sources run through tsx and `npm run build`'s output.
import { fileURLToPath } from 'node:url';

/** The absolute path of `path`, relative to the psrt package's root (where package.json is). */
export function packageFile(path: string): string {
  return fileURLToPath(new URL(`../../${path}`, import.meta.url));
}
