// The audit events the audit benchmark appends, shared by the main thread and
// the worker that fills the PostgreSQL log (bench/audit-fill.ts).
import type { AuditEntry } from '../src/domain/audit.ts';
import { DAY_MS, MINUTE_MS } from '../src/domain/time.ts';
import { appendAudit, type Store } from '../src/store/index.ts';
import { benchNow, pick, seededRandom } from './data.ts';
import { progress } from './report.ts';

/** Events per transaction, as the issue suggests. */
export const BATCH = 1000;

/** Audit entries shaped like the real ones: a creation, an assignment, an edit with a field diff. */
function entryOf(random: () => number, i: number): AuditEntry {
  const subject = `PSRT-2026-${String(1 + Math.floor(i / 4)).padStart(5, '0')}`;
  const actor = pick(random, ['sethmlarson', 'gpshead', 'encukou', 'system:bot']);
  const at = new Date(benchNow.getTime() - 200 * DAY_MS + i * MINUTE_MS);
  switch (i % 4) {
    case 0:
      return { actor, action: 'report.create', subject, at, change: { created: subject } };
    case 1:
      return {
        actor,
        action: 'report.assign',
        subject,
        at,
        change: { coordinator: { from: null, to: actor }, coordinatorSince: { from: null, to: at } },
      };
    case 2:
      return {
        actor,
        action: 'report.accept',
        subject,
        at,
        change: { state: { from: 'triage', to: 'accepted' } },
      };
    default:
      return {
        actor,
        action: 'report.edit',
        subject,
        at,
        change: {
          cveId: { from: null, to: `CVE-2026-${40000 + i}` },
          cvssVector: { from: null, to: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N' },
          affected: {
            from: [],
            to: [
              {
                ecosystem: 'PyPI',
                package: 'cpython',
                vulnerableVersionRange: '< 3.14.1',
                patchedVersions: '3.14.1',
              },
            ],
          },
        },
      };
  }
}

/** Appends events [from, to) with `appendAudit`, BATCH per transaction. */
export async function appendEvents(store: Store, label: string, from: number, to: number): Promise<void> {
  const random = seededRandom(14 + from);
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(start + BATCH, to);
    await store.transaction(async (tx) => {
      for (let i = start; i < end; i++) await appendAudit(tx, entryOf(random, i));
    });
    if (end % 20_000 === 0 || end === to)
      progress('audit', `${label}: ${end.toLocaleString('en-US')} events appended`);
  }
}
