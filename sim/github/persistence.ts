// The GitHub simulator's state folder (`stateDir`): the whole model (accounts, organizations,
// repositories with their files and pulls, teams, Apps with their keys, installations, tokens,
// advisories, comments, the Advisory Database, id counters), the clock, the knobs, the webhook
// and its deliveries, saved after every change the simulator acknowledges and read back at start.
// Faults, rate-limit windows and the request log belong to one run and start empty.
import type { StateFile } from '../persist/state-file.ts';
import { configPatch, defaultConfig } from './config.ts';
import type { SimContext } from './context.ts';
import { newClientSecret } from './oauth-grants.ts';
import { SimState } from './state.ts';
import type { WebhookSnapshot } from './webhooks.ts';

/** Everything the folder keeps, as plain data the codec writes (Maps, Sets, Dates and keys included). */
export function snapshotOf(sim: SimContext): Record<string, unknown> {
  return {
    // Every field of the model, including ones added later: nothing to forget to list here.
    // Expired tokens answer 401 whether kept or not; they are not worth the bytes.
    state: { ...sim.state, tokens: liveTokens(sim) },
    clock: sim.clock.snapshot(),
    config: sim.config,
    webhooks: sim.webhooks.snapshot(),
  };
}

function liveTokens(sim: SimContext): SimState['tokens'] {
  const now = sim.clock.credentialsNow().getTime();
  const live = [...sim.state.tokens].filter(
    ([, token]) => token.kind === 'pat' || token.expiresAt.getTime() > now,
  );
  return live.length === sim.state.tokens.size ? sim.state.tokens : new Map(live);
}

const kindOf = (value: unknown): string => {
  if (value instanceof Map) return 'a Map';
  if (value instanceof Set) return 'a Set';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

/** Puts a saved snapshot into `sim`; a snapshot of the wrong shape throws, naming the file. */
export function restoreSnapshot(sim: SimContext, file: StateFile, saved: unknown): void {
  const part = (value: unknown, name: string): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw file.damaged(`${name} is ${kindOf(value)}, not a record`);
    return value as Record<string, unknown>;
  };
  const top = part(saved, 'the state');
  const savedState = part(top.state, 'state');
  const state = new SimState();
  const fresh = state as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(savedState)) {
    if (!(name in fresh))
      throw file.damaged(
        `it holds state.${name}, which this simulator does not know (a newer psrt wrote it?)`,
      );
    // Fields a later simulator added are missing from older files: they start as a new model has them.
    // A field that starts as null may hold anything later.
    if (value !== null && fresh[name] !== null && kindOf(value) !== kindOf(fresh[name]))
      throw file.damaged(`state.${name} is ${kindOf(value)}, not ${kindOf(fresh[name])}`);
  }
  Object.assign(state, savedState);
  // Repositories saved before the simulator kept tags have none.
  for (const repo of state.repos.values()) repo.tags ??= new Map();
  // Apps saved before the simulator had the OAuth web flow get a client secret now.
  for (const app of state.apps.values()) {
    app.clientSecret ??= newClientSecret();
    app.callbackUrls ??= [];
    // And before the App-manifest flow, no homepage or webhook of their own.
    app.homepageUrl ??= null;
    app.webhook ??= null;
  }

  const clock = part(top.clock, 'clock');
  const frozenAt = clock.frozenAt;
  if ((frozenAt !== null && typeof frozenAt !== 'number') || typeof clock.offsetMs !== 'number')
    throw file.damaged('clock is not {frozenAt, offsetMs}');

  let config: SimContext['config'];
  try {
    config = { ...defaultConfig(), ...configPatch(top.config) };
  } catch (error) {
    throw file.damaged((error as Error).message);
  }

  const hooks = part(top.webhooks, 'webhooks');
  if (
    !Array.isArray(hooks.records) ||
    typeof hooks.nextHookId !== 'number' ||
    typeof hooks.nextDeliveryId !== 'number' ||
    (hooks.hook !== null && kindOf(hooks.hook) !== 'an object')
  )
    throw file.damaged('webhooks is not {hook, nextHookId, nextDeliveryId, records}');

  sim.state = state;
  sim.config = config;
  sim.clock.restore({ frozenAt, offsetMs: clock.offsetMs });
  sim.webhooks.restore(hooks as unknown as WebhookSnapshot);
}

/** Control calls that only read: no save after them. */
export const controlReads = [
  'advisory',
  'advisories',
  'advisoryComments',
  'appCredentials',
  'deliveries',
  'requests',
  'faults',
  'now',
] as const;
