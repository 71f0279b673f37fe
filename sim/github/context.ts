// The context handed to routes and actions: the simulator's core (config.ts)
// and the webhook sender. Kept apart from config.ts so the sender, which reads
// the core, and the core do not import each other.
import type { SimCore } from './config.ts';
import type { WebhookSender } from './webhooks.ts';

export interface SimContext extends SimCore {
  webhooks: WebhookSender;
}
