// Names a delivered webhook by its description entry: `X-GitHub-Event: repository_advisory` with
// `action: "reported"` is `repository-advisory-reported`; `ping` has no action.
import type { Problem } from './allow.ts';
import { type HeadersLike, normalizeHeaders } from './description.ts';
import type { Conformance } from './openapi.ts';

export function webhookName(event: string, payload: unknown): string {
  const base = event.replaceAll('_', '-');
  const action =
    payload && typeof payload === 'object' ? (payload as { action?: unknown }).action : undefined;
  return typeof action === 'string' ? `${base}-${action.replaceAll('_', '-')}` : base;
}

/** Checks one delivery (headers as sent, raw body) against the webhooks description. */
export function checkDelivery(conformance: Conformance, headers: HeadersLike, body: string): Problem[] {
  const event = normalizeHeaders(headers).get('x-github-event') ?? '';
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    payload = undefined;
  }
  return conformance.checkWebhook(webhookName(event, payload), headers, body);
}
