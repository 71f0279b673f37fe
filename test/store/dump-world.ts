// A database worth backing up, for the dump, restore and move tests: the sandbox's
// demo (roster, reports in every state with their history, effects, mail,
// membership) seeded through psrt's own use-cases, plus rows holding the values
// that are hard to carry across (every byte, a JSON null apart from SQL NULL,
// microseconds, odd array elements, big numbers), and a row in each table the
// demo leaves empty. And every table read back exactly, to compare.
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/config/logger.ts';
import { parseRosterCsv } from '../../src/records/roster-csv.ts';
import { seedSandbox, startSandboxServices } from '../../src/sandbox/index.ts';
import type { Store } from '../../src/store/index.ts';
import { at, sandboxFile } from '../app/support.ts';
import { asPsrtServe, sandboxCheckout } from '../sandbox/runner.ts';

/** Every byte value once, and a text with a quote, a backslash, a comma and braces, as arrays quote them. */
export const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
export const awkwardText = 'a "quoted", {braced} \\ back\\slash, ünïcode 🐍\nsecond line';

/** Seeds the sandbox demo into `store` (migrated, empty) at the sandbox test's time, then the edge rows. */
export async function populate(store: Store): Promise<void> {
  const now = at('2026-06-15T12:00:00.000Z');
  const ctx = { store, now: () => now, log: createLogger('silent') };
  const services = await startSandboxServices(parseRosterCsv(sandboxFile('psrt.csv'), 'member'), {
    now: ctx.now,
  });
  const checkout = await sandboxCheckout();
  try {
    await seedSandbox(ctx, services, asPsrtServe(ctx, services, checkout.database));
  } finally {
    await services.close();
    checkout.remove();
  }
  await addEdgeRows(store);
}

async function addEdgeRows(store: Store): Promise<void> {
  const [report] = (
    (await store.db.execute(sql`select id from reports order by id limit 1`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  const reportId = report?.id ?? '';
  const [message] = (
    (await store.db.execute(sql`select id from mail_messages order by id limit 1`)) as unknown as {
      rows: { id: number }[];
    }
  ).rows;
  await store.transaction(async (tx) => {
    // Bytes of every value in an attachment; its listing's metadata.
    await tx.execute(sql`insert into mail_attachments (message_id, position, filename, content_type, size, sha256, content)
      values (${message?.id}, 99, ${awkwardText}, 'application/octet-stream', 256, 'x', ${everyByte})`);
    // A JSON null result (not SQL NULL), a number beyond a double, microseconds.
    await tx.execute(sql`insert into outbox (key, kind, report_id, payload, max_attempts, next_attempt_at, created_at, result)
      values ('dump-edge', 'mail.send', ${reportId}, '{"big": 123456789012345678901234567890.5, "text": "é\\\\x"}'::jsonb, 3,
        '2026-06-15 12:00:00.123456+00', '1999-12-31 23:59:59.999999+00', 'null'::jsonb)`);
    await tx.execute(sql`insert into web_sessions (token_hash, login, csrf, created_at, last_seen_at)
      values ('hash-1', 'sethmlarson', 'csrf-1', '2026-06-15 11:00:00.000001+00', '2026-06-15 11:30:00+00')`);
    await tx.execute(sql`insert into api_tokens (login, name, scope, token_hash, created_at, expires_at)
      values ('sethmlarson', ${awkwardText}, 'read', 'token-hash-1', now(), now() + interval '90 days')`);
    await tx.execute(sql`insert into webhook_deliveries (guid, event, action, installation_id, received_at, payload, next_attempt_at)
      values ('guid-1', 'security_advisory', 'published', 9007199254740993, now(), '{"nested": [null, true, 1.0]}', now())`);
    await tx.execute(sql`insert into drift_checks (checked_at, digest, drifts, summary)
      values (now(), 'digest', '[]', '{"team": {"problem": "x"}}') on conflict do nothing`);
    await tx.execute(sql`insert into team_invitations (login_key, login, invited_by, invited_at)
      values ('newcomer', 'Newcomer', 'sethmlarson', now()) on conflict do nothing`);
    await tx.execute(sql`insert into cra_submissions (report_id, stage, submitted_by, submitted_at, reference, content)
      values (${reportId}, 'dump-edge', 'sethmlarson', now(), 'SRP-1', '[{"key": "k", "label": "l", "value": null}]')`);
    await tx.execute(sql`insert into ghsa_commands (ghsa_id, comment_id, author, report_id, answered_at)
      values ('GHSA-xxxx-xxxx-xxxx', 9007199254740991, 'sethmlarson', ${reportId}, now())`);
    await tx.execute(sql`insert into ghsa_comments (comment_id, ghsa_id, report_id, author, written_at)
      values (9007199254740990, 'GHSA-xxxx-xxxx-xxxx', ${reportId}, 'sethmlarson', now())`);
    await tx.execute(
      sql`insert into reminders_sent (report_id, key, sent_at) values (${reportId}, 'dump-edge', now())`,
    );
  });
}

/**
 * Every table of psrt's schema, each row in PostgreSQL's text form (UTC), sorted:
 * two databases with equal snapshots hold the same rows, value for value.
 */
export async function snapshot(store: Store): Promise<Record<string, string[]>> {
  return store.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
    const tables = (
      (await tx.execute(
        sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
      )) as unknown as { rows: { name: string }[] }
    ).rows;
    const result: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = (
        (await tx.execute(sql.raw(`select t::text as row from "${name}" t order by 1`))) as unknown as {
          rows: { row: string }[];
        }
      ).rows;
      result[name] = rows.map((row) => row.row);
    }
    return result;
  });
}
