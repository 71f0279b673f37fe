#!/usr/bin/env node
// The `psrt` command: runs the TypeScript sources through tsx's loader, so
// there is no build step between a checkout and a working command. The
// project's tsconfig is named explicitly so JSX compiles from any directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
