// The Effects page's other queue: what GitHub sent psrt (webhook deliveries)
// that failed or waits, each with its event, tries and last error (never the
// payload), and a Retry button on a failed one (`psrt webhooks retry`).
import type { DeliveryRecord } from '../../store/index.ts';
import { RetryButton } from './forms.tsx';
import { utcMinute } from './words.ts';

const deliveryStatusWords: Record<string, string> = {
  failed: 'Failed',
  pending: 'Waiting',
  done: 'Done',
  ignored: 'Ignored',
};

export function WebhookDeliveries({ deliveries }: { deliveries: readonly DeliveryRecord[] }) {
  return (
    <section aria-label="GitHub webhook deliveries" data-section="webhook-deliveries">
      <h2>GitHub webhook deliveries</h2>
      <p class="muted">
        What GitHub sent psrt that failed or waits to be processed. A failed delivery waits for a person: fix
        its cause, then retry it.
      </p>
      {deliveries.length === 0 ? (
        <p class="banner good">Nothing failed or waiting: every delivery from GitHub was processed.</p>
      ) : (
        <div class="table-scroll">
          <table class="reports effects">
            <thead>
              <tr>
                <th>Delivery</th>
                <th>Event</th>
                <th>Status</th>
                <th class="num">Tries</th>
                <th>Received</th>
                <th>Last error</th>
                <th>
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr data-delivery={delivery.guid}>
                  <td class="id">
                    <code>{delivery.guid}</code>
                  </td>
                  <td>
                    {delivery.event}
                    {delivery.action ? <code class="sub">{delivery.action}</code> : null}
                  </td>
                  <td>
                    <span class={`badge status ${delivery.status}`}>
                      {deliveryStatusWords[delivery.status] ?? delivery.status}
                    </span>
                  </td>
                  <td class="num">{delivery.attempts || <span class="muted">—</span>}</td>
                  <td class="date">
                    <time datetime={delivery.receivedAt.toISOString()}>{utcMinute(delivery.receivedAt)}</time>
                  </td>
                  <td class="error">{delivery.lastError ?? <span class="muted">—</span>}</td>
                  <td>
                    {delivery.status === 'failed' ? (
                      <RetryButton
                        action={`/effects/webhook-deliveries/${encodeURIComponent(delivery.guid)}/retry`}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
