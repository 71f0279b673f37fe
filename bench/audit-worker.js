// Worker thread entry for the audit benchmark. Node 20 workers do not inherit
// tsx's loader from `node --import tsx`, so it is registered here first.
import { register } from 'tsx/esm/api';

register();
await import('./audit-fill.ts');
