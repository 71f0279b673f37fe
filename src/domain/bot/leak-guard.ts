// Leak guard: an embargoed CVE or GHSA id in a public issue, pull request or
// commit message of a covered repository means the embargo may be broken.
// The coordinator and the admins are told privately (by mail, and on the
// advisory, which only those with access see), never on the public item.
import type { Effect } from '../effects.ts';
import { mail } from '../notices.ts';
import type { Report } from '../report.ts';

/** Something public on GitHub: an issue, a pull request or a commit. */
export interface PublicItem {
  /** What it is, for the alert: `issue #12`, `pull request #13`, `commit 1a2b3c4`. */
  label: string;
  url: string;
  text: string;
}

/** The reports whose embargoed ids (GHSA id, CVE ID) an item mentions. */
export function leakedReports(item: PublicItem, embargoed: readonly Report[]): Report[] {
  const text = item.text.toUpperCase();
  return embargoed.filter((report) =>
    [report.ghsaId, report.cveId].some((id) => id !== null && text.includes(id.toUpperCase())),
  );
}

/** The private alert for one leak, once per report and item. */
export function leakAlert(report: Report, item: PublicItem): Effect[] {
  const key = `leak:${report.id}:${item.url}`;
  const line = `An embargoed id of ${report.id} appears in public: ${item.label}, ${item.url}.`;
  const effects: Effect[] = [
    mail(report, key, 'leak', ['admins', 'team'], 'embargoed id in public', [
      line,
      'Check it and have it edited or hidden: the embargo may be broken.',
    ]),
  ];
  if (report.ghsaId !== null) {
    const who = report.coordinator ? `@${report.coordinator}: ` : '';
    effects.push({
      kind: 'ghsa.comment',
      key: `${key}:comment`,
      reportId: report.id,
      repository: report.repository,
      ghsaId: report.ghsaId,
      purpose: 'leak',
      body: `${who}${line} The PSRT admins are told by mail.`,
    });
  }
  return effects;
}
