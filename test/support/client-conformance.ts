// Checks, after each test, every request a client sent and every answer it got against an
// official description (GitHub's or CVE Services'), through the recorders handed to the client.
import { afterEach } from 'vitest';
import type { Conformance } from '../../sim/conformance/openapi.ts';
import {
  checkExchanges,
  type FetchLike,
  formatProblems,
  type Recorder,
  recordExchanges,
} from '../../sim/conformance/record.ts';

export interface ClientConformance {
  /** A recorder whose exchanges are checked after each test. */
  record(target: FetchLike | ((request: Request) => Promise<Response>)): Recorder;
  /** For a test that makes the client send what the service must refuse: only the answers are checked. */
  sendsInvalidRequestsOnPurpose(): void;
}

/** Call once per test module, at its top level. */
export function checkClientExchanges(conformance: () => Conformance): ClientConformance {
  const recorders: Recorder[] = [];
  let invalidRequestsOnPurpose = false;
  afterEach(() => {
    try {
      const problems = checkExchanges(
        recorders.flatMap((recorder) => recorder.exchanges),
        conformance(),
      ).filter((problem) => !(invalidRequestsOnPurpose && problem.where === 'request'));
      if (problems.length > 0) throw new Error(formatProblems(problems));
    } finally {
      for (const recorder of recorders) recorder.clear();
      invalidRequestsOnPurpose = false;
    }
  });
  return {
    record: (target) => {
      const recorder = recordExchanges(target);
      recorders.push(recorder);
      return recorder;
    },
    sendsInvalidRequestsOnPurpose: () => {
      invalidRequestsOnPurpose = true;
    },
  };
}
