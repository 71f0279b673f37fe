// What the conformance suites exercised, written (when PSRT_CONFORMANCE_RECORD names a file) for
// `coverage.ts` to turn into docs/api-coverage.md: one JSON line per test file.
import { appendFileSync } from 'node:fs';
import type { Conformance } from './openapi.ts';
import type { Exchange } from './record.ts';

export const RECORD_ENV = 'PSRT_CONFORMANCE_RECORD';

export interface CoverageHit {
  service: 'github' | 'github-webhooks' | 'cve';
  /** The description's operationId, or `METHOD /template` for an allowed operation it lacks. */
  operation: string;
  status: number;
}

export interface CoverageLine {
  file: string;
  hits: CoverageHit[];
}

export function hitsOf(
  service: CoverageHit['service'],
  exchanges: readonly Exchange[],
  conformance: Conformance,
): CoverageHit[] {
  return exchanges.map((exchange) => {
    const match = conformance.matchOperation(exchange.method, exchange.url);
    const allowed = match ? undefined : conformance.allowedOperation(exchange.method, exchange.url);
    const operation =
      match?.operationId ??
      (allowed ? `${allowed.method.toUpperCase()} ${allowed.path}` : `${exchange.method} ?`);
    return { service, operation, status: exchange.status };
  });
}

/** Appends this file's hits to the record, if one was asked for. */
export function writeCoverage(file: string, hits: readonly CoverageHit[]): void {
  const target = process.env[RECORD_ENV];
  if (!target || hits.length === 0) return;
  appendFileSync(target, `${JSON.stringify({ file, hits: [...hits] } satisfies CoverageLine)}\n`);
}
