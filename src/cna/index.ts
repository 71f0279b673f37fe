// The CVE Services client: reserve CVE IDs, publish and reject CVE Records as the PSF CNA.
export {
  CnaClient,
  type CnaClientConfig,
  type CveIdFilters,
  type Publication,
  type Reservation,
} from './client.ts';
export { CnaError } from './errors.ts';
export {
  type BatchType,
  batchTypes,
  type CnaContainer,
  type CveId,
  type CveIdState,
  type CveRecord,
  cveIdStates,
  type Quota,
} from './schemas.ts';
export type { RetryPolicy } from './transport.ts';
