// What a performer gets: storage, the clock, the services, the installation
// of a repository's owner, and checkpoints (named steps the crash tests kill
// the process at; nothing in production).
import type { Logger } from '../../config/logger.ts';
import type { InstallationClient } from '../../github/index.ts';
import type { Store, Tx } from '../../store/index.ts';
import { createDoneRecorder, type RecordDone } from './record-done.ts';
import { type EffectServices, installationResolver, ServiceMissing, type ServiceName } from './services.ts';

export interface RunContext {
  store: Store;
  now: () => Date;
  log: Logger;
  services: EffectServices;
  /** The service, or a ServiceMissing error naming what to configure. */
  require<K extends ServiceName>(name: K): NonNullable<EffectServices[K]>;
  installation(repository: string): Promise<InstallationClient>;
  /** Records an effect done with its changes and audit event (record-done.ts). */
  recordDone: RecordDone;
  checkpoint(step: string): Promise<void>;
}

/** What performing an effect came to: a result to record, and the writes to commit with it. */
export interface Performed {
  result: unknown;
  /** Runs in the transaction that marks the effect done and appends its audit event. */
  commit?: (tx: Tx) => Promise<void>;
}

export function createRunContext(deps: {
  store: Store;
  now: () => Date;
  log: Logger;
  services: EffectServices;
  checkpoint?: (step: string) => Promise<void> | void;
}): RunContext {
  const installation = installationResolver(deps.services.github);
  return {
    store: deps.store,
    now: deps.now,
    log: deps.log,
    services: deps.services,
    require(name) {
      const service = deps.services[name];
      if (!service) throw new ServiceMissing(`${name} is not configured.`);
      return service as NonNullable<EffectServices[typeof name]>;
    },
    installation: async (repository) => installation(repository),
    recordDone: createDoneRecorder(deps.store, deps.now),
    checkpoint: async (step) => {
      await deps.checkpoint?.(step);
    },
  };
}
