// Recording a webhook delivery whose signature was verified, before GitHub is
// answered: once per GUID (a redelivery is not processed again), and `ping`
// as done at once. Deliveries are GitHub's input, not a PSRT state change, so
// recording one appends no audit event; the handlers' use-cases audit theirs.
import { insertDelivery } from '../../store/index.ts';
import type { AppContext } from '../context.ts';

export interface IncomingDelivery {
  /** `X-GitHub-Delivery`. */
  guid: string;
  /** `X-GitHub-Event`. */
  event: string;
  /** The body as GitHub sent it. */
  body: string;
  /** The body parsed: a JSON object. */
  payload: Record<string, unknown>;
}

/** `recorded`: to be processed; `pong`: a ping, done; `duplicate`: this GUID was recorded before. */
export type Intake = 'recorded' | 'pong' | 'duplicate';

export async function receiveDelivery(ctx: AppContext, delivery: IncomingDelivery): Promise<Intake> {
  const { payload } = delivery;
  const ping = delivery.event === 'ping';
  const action = typeof payload.action === 'string' ? payload.action.slice(0, 100) : null;
  const recorded = await insertDelivery(ctx.store.db, {
    guid: delivery.guid,
    event: delivery.event,
    action,
    installationId: installationIdOf(payload),
    payload: storableJson(payload, delivery.body),
    receivedAt: ctx.now(),
    status: ping ? 'done' : 'pending',
  });
  const intake = !recorded ? 'duplicate' : ping ? 'pong' : 'recorded';
  ctx.log.debug(
    { delivery: delivery.guid, event: delivery.event, action: loggableAction(action), intake },
    'webhook delivery received',
  );
  return intake;
}

/**
 * The action as a log line may show it: GitHub's actions are words (`reported`,
 * `created`); anything else in that field is payload text, which logs never hold.
 */
const loggableAction = (action: string | null) =>
  action !== null && /^[a-z][a-z_]{0,63}$/.test(action) ? action : undefined;

/**
 * The App installation a delivery came through (`installation.id`; App hooks
 * only). The `X-GitHub-Hook-Installation-Target-ID` header names the hook's
 * target instead: the App, an organisation or a repository.
 */
function installationIdOf(payload: Record<string, unknown>): number | null {
  const installation = payload.installation;
  if (typeof installation !== 'object' || installation === null) return null;
  const id = (installation as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

const unstorable = /\\u0000|\\u[dD][89abcdefABCDEF]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * JSON that PostgreSQL's jsonb accepts: it refuses NUL characters and
 * unpaired surrogates in strings, which JSON may escape (`\u0000`, `\ud800`)
 * and a reporter may type. Each becomes U+FFFD, as psrt's text columns would
 * need anyway. Only a payload whose JSON text (`raw`) has such an escape is walked.
 */
export function storableJson(value: unknown, raw: string): unknown {
  if (!unstorable.test(raw)) return value;
  const clean = (text: string) => text.replaceAll('\u0000', '\uFFFD').replace(loneSurrogate, '\uFFFD');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([key, inner]) => [clean(key), walk(inner)]));
    return v;
  };
  return walk(value);
}
