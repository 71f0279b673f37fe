// Checking the tamper-evident audit log. The chain itself shows any edited,
// deleted, reordered or inserted event; a head recorded earlier (seq and
// hash, kept outside the database) also shows a cut or rewritten tail.
import type { ChainVerdict } from '../domain/audit.ts';
import type { Principal } from '../domain/report.ts';
import { auditHashAt, verifyAudit as verifyAuditChain } from '../store/index.ts';
import { authorize } from './authorize.ts';
import type { AppContext } from './context.ts';
import { UseCaseError } from './errors.ts';

export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerdict =
  | ChainVerdict
  | {
      ok: false;
      count: number;
      firstBad: { seq: number; reason: 'truncated' | 'rewritten'; detail: string };
    };

/** Parses `SEQ:HASH` as printed by a previous `psrt audit verify`. */
export function parseAuditHead(text: string): AuditHead {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match)
    throw new UseCaseError(
      'invalid',
      `"${text}" is not an audit head: expected SEQ:HASH as printed by psrt audit verify.`,
    );
  return { seq: Number(match[1]), hash: match[2] ?? '' };
}

export async function verifyAudit(
  ctx: AppContext,
  actor: Principal,
  options: { onProgress?: (checked: number) => void; expectHead?: AuditHead } = {},
): Promise<AuditVerdict> {
  authorize(actor, 'audit.verify');
  const verdict = await verifyAuditChain(ctx.store.db, options.onProgress);
  const expected = options.expectHead;
  if (!verdict.ok || !expected) return verdict;
  if (expected.seq > verdict.lastSeq) {
    return {
      ok: false,
      count: verdict.count,
      firstBad: {
        seq: verdict.lastSeq + 1,
        reason: 'truncated',
        detail: `the log ends at #${verdict.lastSeq}, but #${expected.seq} was recorded earlier`,
      },
    };
  }
  if ((await auditHashAt(ctx.store.db, expected.seq)) !== expected.hash) {
    return {
      ok: false,
      count: verdict.count,
      firstBad: {
        seq: expected.seq,
        reason: 'rewritten',
        detail: `#${expected.seq} no longer has the hash recorded earlier: the log was rewritten from there or before`,
      },
    };
  }
  return verdict;
}
