// `psrt webhooks …`: the deliveries GitHub sent to `POST /webhooks/github`,
// how their processing went, and re-driving a failed one. Payloads (advisory
// text) are never shown.
import type { Command } from 'commander';
import type { DeliveryRecord } from '../store/index.ts';
import * as routes from '../web/api/routes/admin.ts';
import { withApi } from './api.ts';
import { parseWholeNumber } from './arguments.ts';
import { CliError, globalOptions, print, table } from './runtime.ts';

const time = (date: Date | null) => (date ? `${date.toISOString().slice(0, 19)}Z` : '');

/** One line per delivery: what GitHub sent, when, and how processing went. */
export function deliveriesTable(deliveries: readonly DeliveryRecord[]): string {
  return table(
    ['GUID', 'EVENT', 'ACTION', 'STATUS', 'ATTEMPTS', 'RECEIVED', 'PROCESSED', 'LAST ERROR'],
    deliveries.map((d) => [
      d.guid,
      d.event,
      d.action ?? '',
      d.status,
      String(d.attempts),
      time(d.receivedAt),
      time(d.processedAt),
      d.status === 'done' || d.status === 'ignored' ? '' : (d.lastError ?? ''),
    ]),
  );
}

/** A GUID as `psrt webhooks list` prints it. */
function parseGuid(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(value))
    throw new CliError(`"${value}" is not a delivery GUID: copy one from psrt webhooks list.`, 2);
  return value;
}

export function registerWebhooksCommands(program: Command): void {
  const webhooks = program
    .command('webhooks')
    .description("GitHub's webhook deliveries to psrt: list them, retry a failed one");

  webhooks
    .command('list')
    .description('deliveries with their event, status, attempts, times and last error, oldest first')
    .option('--failed', 'only the deliveries whose processing failed')
    .option('--latest <n>', 'only the newest N (default 50)', (v) =>
      parseWholeNumber(v, '--latest', 1, 10_000),
    )
    .action(function (this: Command, opts: { failed?: boolean; latest?: number }) {
      const options = globalOptions(this);
      return withApi(options, 'person', async (api) => {
        const listed = await api.call(routes.listWebhookDeliveries, {
          query: { status: opts.failed ? 'failed' : undefined, latest: opts.latest ?? 50 },
        });
        const { byStatus, inProgress, oldestPendingSince } = listed.summary;
        print(options, listed, () =>
          [
            deliveriesTable(listed.deliveries),
            `${byStatus.pending} pending${oldestPendingSince ? ` (oldest received ${time(oldestPendingSince)})` : ''}` +
              `${inProgress > 0 ? `, ${inProgress} of them in progress` : ''}, ` +
              `${byStatus.done} done, ${byStatus.ignored} ignored, ${byStatus.failed} failed`,
          ].join('\n'),
        );
      });
    });

  webhooks
    .command('retry <guid>')
    .description('process a failed delivery again, with a fresh set of attempts (by a running psrt serve)')
    .action(function (this: Command, guid: string) {
      const options = globalOptions(this);
      const parsed = parseGuid(guid);
      return withApi(options, 'person', async (api) => {
        const delivery = await api.call(routes.retryWebhookDelivery, { params: { guid: parsed } });
        print(
          options,
          delivery,
          () =>
            `delivery ${delivery.guid} (${delivery.event}${delivery.action ? ` ${delivery.action}` : ''}) is pending again`,
        );
      });
    });
}
