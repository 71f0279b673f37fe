#!/usr/bin/env node
// The `psrt` command. `npm run build` (which npm ci and npm install also run) bundles psrt into
// plain JavaScript in dist/cli/, which starts several times faster; it runs while it is current
// (bin/bundle.js). Otherwise the TypeScript sources run through tsx's loader.
import { fileURLToPath } from 'node:url';
import { currentBundle } from './bundle.js';

const root = new URL('../', import.meta.url);
// PSRT_DEBUG prints stacks: let them name the TypeScript lines, not the bundle's.
if (process.env.PSRT_DEBUG) process.setSourceMapsEnabled(true);

const bundle = currentBundle(root);
if (bundle) {
  await import(bundle.href);
} else {
  // The project's tsconfig is named explicitly so JSX compiles from any directory.
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('tsconfig.json', root)) });
  await import('../src/cli/main.ts');
}
