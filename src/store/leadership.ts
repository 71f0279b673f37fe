// The leader: of several psrt processes on one database, one at a time does
// the work that several would only repeat (polling GitHub, the daily audit
// check, the roster drift check). On a PostgreSQL server the lead is a
// session-level advisory lock held on a connection of its own: a process that
// dies loses its connection and with it the lock, at once, and another takes
// the lead at its next try; nothing has to lapse first. The embedded database
// (PGlite) belongs to one process (the folder lock), which leads alone.
import { createHash } from 'node:crypto';
import pg from 'pg';

export interface Leadership {
  /**
   * Whether this process leads, taking the lead when nobody holds it. A
   * database that cannot be reached means not leading (and another try at
   * the next call), never an error.
   */
  lead(): Promise<boolean>;
  /** Gives the lead up (a clean stop) so another process takes it at its next try. */
  stepDown(): Promise<void>;
}

/** The advisory lock's key: the same in every psrt process, derived from a name to stay clear of others' keys. */
export const leaderLockKey = createHash('sha256').update('psrt leader').digest().readBigInt64BE(0);

/** The embedded database's one process: always the leader. */
export function soleLeadership(): Leadership {
  return { lead: async () => true, stepDown: async () => {} };
}

/** The lead on a PostgreSQL server, as the advisory lock `leaderLockKey` held on a connection of its own. */
export function advisoryLeadership(databaseUrl: string): Leadership {
  let client: pg.Client | null = null;
  let leading = false;
  // One try at a time: the loops that ask may ask at the same moment.
  let trying: Promise<boolean> | null = null;

  const drop = (lost: pg.Client) => {
    if (client !== lost) return;
    client = null;
    leading = false;
    lost.end().catch(() => {});
  };

  async function connect(): Promise<pg.Client> {
    const fresh = new pg.Client({ connectionString: databaseUrl, application_name: 'psrt leader' });
    // A connection lost (the server restarted, the network failed) is the lead lost with it.
    fresh.on('error', () => drop(fresh));
    fresh.on('end', () => drop(fresh));
    await fresh.connect();
    client = fresh;
    return fresh;
  }

  async function attempt(): Promise<boolean> {
    let held = client;
    try {
      held ??= await connect();
      // Holding it: the lock lasts as long as the connection, so a live connection is the answer.
      if (leading) {
        await held.query('select 1');
        return true;
      }
      const { rows } = await held.query<{ taken: boolean }>('select pg_try_advisory_lock($1) as taken', [
        leaderLockKey.toString(),
      ]);
      leading = rows[0]?.taken === true;
      return leading;
    } catch {
      if (held) drop(held);
      return false;
    }
  }

  return {
    lead() {
      trying ??= attempt().finally(() => {
        trying = null;
      });
      return trying;
    },
    async stepDown() {
      await trying;
      const held = client;
      if (!held) return;
      client = null;
      // Unlocked before closing, so another process may lead as soon as this returns (the server
      // would release it with the connection too, but a moment after the client has let go).
      if (leading)
        await held.query('select pg_advisory_unlock($1)', [leaderLockKey.toString()]).catch(() => {});
      leading = false;
      await held.end().catch(() => {});
    },
  };
}
