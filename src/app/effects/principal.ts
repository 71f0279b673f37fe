// The actor the effect runner writes into the audit log for what it records.
import type { Principal } from '../../domain/report.ts';

export const runnerPrincipal: Principal = { kind: 'system', name: 'effect-runner' };
