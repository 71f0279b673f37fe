// Runs in a worker thread (started through audit-worker.js): appends audit
// events [from, to) to a PostgreSQL database, beside the main thread's PGlite.
import { workerData } from 'node:worker_threads';
import { openStore } from '../src/store/index.ts';
import { appendEvents } from './audit-events.ts';

const { databaseUrl, from, to } = workerData as { databaseUrl: string; from: number; to: number };
const store = await openStore({ databaseUrl });
try {
  await appendEvents(store, 'PostgreSQL', from, to);
} finally {
  await store.close();
}
