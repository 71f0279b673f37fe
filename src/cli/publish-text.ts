// How publishing reads on the terminal: the preview (every check, then the
// three records as they would go out) and a record update's diff.
import type { FixRefresh } from '../app/fix-updates.ts';
import type { PublicationPreview } from '../app/publish.ts';
import { osvFileText } from '../records/osv.ts';
import { terminalText } from './terminal.ts';

/** One requirement or check of a publication: met, or what to do. */
export interface PublicationCheck {
  label: string;
  met: boolean;
  reason: string | null;
}

const rule = (title: string) => `── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`;

/** The checks, one a line (✓ met, ✗ not, with what to do), then the three records as they would go out. */
export function previewText(preview: PublicationPreview, items: readonly PublicationCheck[]): string {
  const lines = [
    `${preview.reportId}${preview.psfId ? ` → ${preview.psfId}` : ''}: ${preview.ready ? 'ready to publish' : 'not ready'}`,
    ...items.map((item) => (item.met ? `  ✓ ${item.label}` : `  ✗ ${item.label}: ${item.reason}`)),
  ];
  const { records } = preview;
  if (records) {
    lines.push(
      '',
      rule('advisory email'),
      `Subject: ${records.email.subject}`,
      '',
      records.email.text,
      rule('CVE record'),
      JSON.stringify(records.cve, null, 2),
      rule('OSV record'),
      records.osv
        ? osvFileText(records.osv).trimEnd()
        : '(none: the PSF advisory database does not hold this project)',
    );
  }
  return terminalText(lines.join('\n'), { multiline: true });
}

export function fixRefreshText(refresh: FixRefresh): string {
  const lines = refresh.fixes.map(
    (fix) =>
      `  ${fix.branch.padEnd(5)} ${fix.mergeCommit?.slice(0, 12) ?? 'not merged  '} ${fix.fixedIn ?? 'unreleased'}  ${fix.pullRequest}`,
  );
  const head = refresh.applied
    ? `${refresh.reportId}: fix facts updated from GitHub`
    : refresh.changes.length === 0
      ? `${refresh.reportId}: the published records already say this`
      : `${refresh.reportId}: record update proposed (approve with psrt advisory update ${refresh.reportId} --approve)`;
  return terminalText([head, ...lines, ...refresh.changes.map((change) => change.diff)].join('\n'), {
    multiline: true,
  });
}
