// Wraps a simulator's fetch so that, after each test, everything the test sent and received is
// checked against the official description (GitHub REST or CVE Services), and records what was
// exercised for docs/api-coverage.md.
import { relative } from 'node:path';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { type CoverageHit, hitsOf, writeCoverage } from '../../sim/conformance/coverage-record.ts';
import { cveConformance, githubConformance } from '../../sim/conformance/descriptions.ts';
import type { Conformance } from '../../sim/conformance/openapi.ts';
import {
  assertConformant,
  formatStaleAllowances,
  type Recorder,
  recordExchanges,
} from '../../sim/conformance/record.ts';

export interface SimLike {
  fetch(request: Request): Promise<Response>;
}

export interface ConformanceHandle extends Recorder {
  conformance: Conformance;
  /** Fails when an allow-list entry excused nothing in this file's tests (call it last). */
  expectNoStaleAllowances(): void;
  /** Notes something checked outside the recorder (webhook deliveries) for the coverage report. */
  noteCoverage(hit: CoverageHit): void;
}

export function useConformance(sim: SimLike, kind: 'github' | 'cve'): ConformanceHandle {
  const conformance = kind === 'github' ? githubConformance() : cveConformance();
  const recorder = recordExchanges((input: Request | string | URL, init?: RequestInit) =>
    sim.fetch(input instanceof Request && init === undefined ? input : new Request(input, init)),
  );
  const hits: CoverageHit[] = [];
  let file = '';
  beforeEach(() => recorder.clear());
  afterEach(() => {
    file ||= relative(process.cwd(), expect.getState().testPath ?? '');
    try {
      assertConformant(recorder.exchanges, conformance);
      hits.push(...hitsOf(kind, recorder.exchanges, conformance));
    } finally {
      recorder.clear();
    }
  });
  afterAll(() => {
    writeCoverage(file, hits);
    const stale = formatStaleAllowances(conformance);
    if (stale) console.warn(`[conformance ${kind}] ${stale}`);
  });
  return {
    fetch: recorder.fetch,
    fetchInvalid: recorder.fetchInvalid,
    exchanges: recorder.exchanges,
    clear: recorder.clear,
    conformance,
    expectNoStaleAllowances: () => expect(formatStaleAllowances(conformance)).toBeUndefined(),
    noteCoverage: (hit) => hits.push(hit),
  };
}
