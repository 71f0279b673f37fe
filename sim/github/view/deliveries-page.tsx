// The webhook deliveries page: what the simulator sent to the hook, newest first, with GitHub's
// status and the response code, and "Redeliver" as on a hook's "Recent Deliveries" tab.
import type { Delivery } from '../webhooks.ts';
import { ActionForm, Layout, type LayoutProps } from './layout.tsx';

type Frame = Omit<LayoutProps, 'title' | 'path' | 'children'>;

export function DeliveriesPage({
  deliveries,
  hook,
  ...frame
}: Frame & { deliveries: Delivery[]; hook: string | null }) {
  return (
    <Layout title="Webhook deliveries" path="/deliveries" {...frame}>
      <h1>Webhook deliveries</h1>
      <p class="lead">{hook ? `The hook posts to ${hook}.` : 'No webhook is set: nothing is delivered.'}</p>
      {deliveries.length === 0 ? (
        <p class="box muted">No deliveries yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Id</th>
              <th>Delivered</th>
              <th>Event</th>
              <th>Action</th>
              <th>Status</th>
              <th>Response</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr data-delivery={String(d.id)}>
                <td class="mono" title={d.guid}>
                  {String(d.id)}
                </td>
                <td>{d.deliveredAt}</td>
                <td class="event">{d.event}</td>
                <td class="action">{d.action ?? ''}</td>
                <td class="status">{d.redelivery ? `${d.status} (redelivery)` : d.status}</td>
                <td class="code">{d.statusCode ? String(d.statusCode) : ''}</td>
                <td>
                  {hook ? (
                    <ActionForm action={`/deliveries/${d.id}/redeliver`} as={frame.as}>
                      <button type="submit">Redeliver</button>
                    </ActionForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
