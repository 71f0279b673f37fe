// On draft (devguide, "Remediating a vulnerability report": "Once in this
// state, the PSRT bot will automatically assign a CVE ID … and create a
// temporary private fork"). The CVE ID is reserved by the accept transition
// itself (domain/lifecycle, and mirror.ts for GitHub's button); this rule asks
// GitHub for the fork when the draft has none, once per advisory.
import type { Effect } from '../effects.ts';
import type { Report } from '../report.ts';
import type { Ghsa } from './ghsa.ts';

export function privateForkFor(report: Report, ghsa: Ghsa): Effect[] {
  if (ghsa.state !== 'draft' || ghsa.privateFork !== null || report.ghsaId === null) return [];
  if (report.state !== 'accepted') return [];
  return [
    {
      kind: 'ghsa.create-fork',
      key: `ghsa.create-fork:${report.ghsaId}`,
      reportId: report.id,
      repository: report.repository,
      ghsaId: report.ghsaId,
    },
  ];
}
