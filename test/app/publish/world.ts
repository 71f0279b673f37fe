// The effects world with the advisory database checkout publications commit to: a fresh one
// for each test, and the services and settling that use it.
import { afterEach, beforeEach } from 'vitest';
import type { EffectServices } from '../../../src/app/effects/services.ts';
import { type TemporaryCheckout, temporaryCheckout } from '../../support/advisory-checkout.ts';
import type { EngineContext } from '../../support/engines.ts';
import { effectsWorld } from '../effects/world.ts';

export function publishingWorld(engine: EngineContext) {
  const world = effectsWorld(engine);
  let checkout: TemporaryCheckout;
  beforeEach(async () => {
    checkout = await temporaryCheckout('psrt@python.example');
  });
  afterEach(() => checkout.remove());

  const services = (): EffectServices => world.services({ advisoryDatabase: checkout.database });
  return {
    ...world,
    /** The checkout's folder. */
    checkout: () => checkout.dir,
    services,
    /** Runs the effects until nothing is due, the OSV commits included. */
    settle: () => world.settle({ ...world.deps(), services: services() }),
  };
}
