// The second half of `@psrt-bot public-issue`: once the public issue is open,
// the report is rejected as `public-issue` linking it, in the transaction
// that records the effect done (so the reply and the GHSA's closing follow).
// A report that moved on meanwhile (reopened, or rejected otherwise) is left
// as it is: the issue stays open, and its link is in the effect's result.
import { validateCvssV4 } from '../../domain/cvss.ts';
import { applyTransition, checklist } from '../../domain/lifecycle.ts';
import { getReportForUpdate, type Tx } from '../../store/index.ts';
import { botPrincipal } from '../context.ts';
import { saveDecision } from '../report-change.ts';

export async function rejectAsPublicIssue(
  tx: Tx,
  reportId: string,
  issueUrl: string,
  now: Date,
): Promise<void> {
  const report = await getReportForUpdate(tx, reportId);
  if (!report) return;
  const input = {
    rejection: { reason: 'public-issue' as const, detail: issueUrl },
    validateCvss: validateCvssV4,
  };
  if (!checklist(report, 'reject', input).allowed) return;
  const decision = applyTransition(report, 'reject', input, now);
  await saveDecision(tx, botPrincipal, 'report.reject', report, decision, now);
}
