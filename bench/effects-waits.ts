// What the benchmark database's sessions are doing, sampled every 20 ms from
// pg_stat_activity while a measurement runs: how many are in a query or a
// transaction, and how many of those wait for the audit log's advisory lock
// (every audited write, use-case or completed effect, takes it until commit).
import pg from 'pg';

export interface SessionWaits {
  /** Mean sessions in a query or an open transaction. */
  busy: number;
  /** Mean sessions waiting for an advisory lock (the audit chain's). */
  onAuditLock: number;
  /** Mean sessions committing (waiting for the WAL to reach the disk). */
  onWalSync: number;
}

export function sampleSessionWaits(databaseUrl: string): () => Promise<SessionWaits> {
  const client = new pg.Client({ connectionString: databaseUrl });
  const database = new URL(databaseUrl).pathname.slice(1);
  const sum = { busy: 0, onAuditLock: 0, onWalSync: 0 };
  let samples = 0;
  let stopping = false;
  const sampling = (async () => {
    await client.connect();
    while (!stopping) {
      const { rows } = await client.query<{ busy: number; lock: number; wal: number }>(
        `select count(*)::int as busy,
                (count(*) filter (where wait_event_type = 'Lock' and wait_event = 'advisory'))::int as lock,
                (count(*) filter (where wait_event = 'WALSync'))::int as wal
           from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid() and state <> 'idle'`,
        [database],
      );
      const [row] = rows;
      sum.busy += row?.busy ?? 0;
      sum.onAuditLock += row?.lock ?? 0;
      sum.onWalSync += row?.wal ?? 0;
      samples++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.end();
  })();
  return async () => {
    stopping = true;
    await sampling;
    const mean = (n: number) => (samples === 0 ? Number.NaN : n / samples);
    return { busy: mean(sum.busy), onAuditLock: mean(sum.onAuditLock), onWalSync: mean(sum.onWalSync) };
  };
}
