// Opening the GHSA for a report an admin filed from security@: GitHub starts
// an advisory the App opens as a draft, and psrt records that first sighting
// with the report's GHSA id in the same transaction, so the bot reads the
// draft as where the advisory began, not as someone accepting the report.
// A retry finds the advisory it opened (same summary and description, opened
// since the effect was enqueued) instead of opening a second.

import { disclosureDeadline } from '../../domain/clocks.ts';
import type { EffectOf } from '../../domain/effects.ts';
import { MINUTE_MS } from '../../domain/time.ts';
import type { RepositoryAdvisory } from '../../github/index.ts';
import {
  getReport,
  getReportForUpdate,
  lockSighting,
  recordSighting,
  type StoredEffect,
  updateReport,
} from '../../store/index.ts';
import { ghsaOf } from '../bot/poller.ts';
import type { Performed, RunContext } from './run-context.ts';

export async function openGhsaForReport(
  effect: EffectOf<'ghsa.create'>,
  run: RunContext,
  stored: StoredEffect,
): Promise<Performed> {
  const report = await getReport(run.store.db, effect.reportId);
  if (report === null) return { result: { unchanged: 'the report is not in psrt' } };
  if (report.ghsaId !== null)
    return { result: { ghsaId: report.ghsaId, unchanged: 'the report has its GHSA' } };
  const [owner = '', repo = ''] = effect.repository.split('/');
  const github = await run.installation(effect.repository);
  const since = stored.createdAt.getTime() - MINUTE_MS;
  const drafts = await github.listRepoAdvisories(owner, repo, { state: 'draft' });
  const opened: RepositoryAdvisory =
    drafts.find(
      (a) =>
        a.summary === report.title &&
        (a.description ?? '') === report.description &&
        new Date(a.created_at ?? 0).getTime() >= since,
    ) ??
    (await (async () => {
      await run.checkpoint('ghsa.create:before-create');
      const created = await github.createAdvisory(owner, repo, {
        summary: report.title,
        description: report.description,
        vulnerabilities: [],
        ...(report.reporter ? { credits: [{ login: report.reporter, type: 'reporter' as const }] } : {}),
      });
      await run.checkpoint('ghsa.create:created');
      return created;
    })());
  const ghsa = ghsaOf(opened);
  return {
    result: { ghsaId: opened.ghsa_id },
    commit: async (tx) => {
      const now = run.now();
      const current = await getReportForUpdate(tx, report.id);
      if (current === null || current.ghsaId !== null) return;
      const linked = { ...current, ghsaId: opened.ghsa_id, updatedAt: now };
      await updateReport(tx, linked, disclosureDeadline(linked));
      await lockSighting(tx, opened.ghsa_id, effect.repository, now);
      await recordSighting(tx, ghsa, report.id, now);
    },
  };
}
