// Checking the tamper-evident audit log.
import type { Principal } from '../domain/report.ts';
import { verifyAudit as verifyAuditChain } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { requireAllowed } from './report-change.ts';

export async function verifyAudit(ctx: AppContext, actor: Principal, onProgress?: (checked: number) => void) {
  requireAllowed(actor, 'audit.verify');
  return verifyAuditChain(ctx.store.db, onProgress);
}
