// A listening simulator with the PSF CNA, and a client of it as the PSF admin. Every request
// the client sends and every answer it gets is checked against the official description
// (its body schemas included) after each test.

import { cveConformance } from '../../sim/conformance/descriptions.ts';
import type { Recorder } from '../../sim/conformance/record.ts';
import { type CveSim, createCveSim, type ListeningCveSim } from '../../sim/cve-services/index.ts';
import { CnaClient } from '../../src/cna/index.ts';
import { checkClientExchanges } from '../support/client-conformance.ts';
import { PSF_ADMIN, psfCna, SIM_NOW } from './fixtures.ts';

const exchanges = checkClientExchanges(cveConformance);
export const { sendsInvalidRequestsOnPurpose } = exchanges;

/** The CVE IDs of a reservation, as strings. */
export const idsOf = (reservation: { cveIds: { cve_id: string }[] }): string[] =>
  reservation.cveIds.map((id) => id.cve_id);

export interface SimWithClient {
  sim: CveSim;
  server: ListeningCveSim;
  client: CnaClient;
  /** Every exchange of this simulator's clients since the test began. */
  recorder: Recorder;
  /** A client for the same simulator with other credentials or settings. */
  clientWith(changes: Partial<ConstructorParameters<typeof CnaClient>[0]>): CnaClient;
}

/** A listening simulator with the PSF CNA, and a client of it as the PSF admin. Close `server` after. */
export async function startPsfSim(
  options: { idQuota?: number; pageSize?: number } = {},
): Promise<SimWithClient> {
  const sim = createCveSim({
    now: () => SIM_NOW,
    orgs: [psfCna({ idQuota: options.idQuota ?? 20 })],
    pageSize: options.pageSize,
  });
  const server = await sim.listen(0);
  const recorder = exchanges.record(globalThis.fetch);
  const base = {
    fetch: recorder.fetch,
    baseUrl: server.apiUrl,
    org: 'PSF',
    user: PSF_ADMIN.username,
    apiKey: PSF_ADMIN.apiKey,
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 50 },
    timeoutMs: 10_000,
  };
  return {
    sim,
    server,
    recorder,
    client: new CnaClient(base),
    clientWith: (changes) => new CnaClient({ ...base, ...changes }),
  };
}
