// `[COMPLETED]` in a GHSA's title: the bot publishes the report through the
// publication use-case, inside the sighting's transaction: the PSF id given,
// the three records stored as their first versions, the email and the OSV file
// sent and the GHSA closed by effects, the CVE record left for a PSF CNA
// operator to approve. The records carry the title without its tags. When the
// checklist or the publication gate refuses, the tag is refused with every
// unmet requirement and check.
import type { TagOutcome, TitleTag } from '../../domain/bot/title-tags.ts';
import { tagRefused, withoutTags } from '../../domain/bot/title-tags.ts';
import type { Report } from '../../domain/report.ts';
import type { Tx } from '../../store/index.ts';
import { botPrincipal } from '../context.ts';
import { decidePublication, PublicationRefused } from '../publish.ts';

export type PublishedByTag =
  | (Extract<TagOutcome, { kind: 'applied' }> & { audit: Record<string, unknown> })
  | Extract<TagOutcome, { kind: 'refused' }>;

export async function publishByTag(
  tx: Tx,
  report: Report,
  tag: TitleTag,
  now: Date,
): Promise<PublishedByTag> {
  try {
    // Nobody approved the CVE record by editing a title: a CNA operator does (`psrt cve approve`).
    const titled = { ...report, title: withoutTags(report.title) };
    const decision = await decidePublication(tx, titled, botPrincipal, now, false);
    return {
      kind: 'applied',
      tag,
      transition: 'publish',
      report: decision.report,
      effects: decision.effects ?? [],
      audit: decision.audit ?? {},
    };
  } catch (error) {
    if (!(error instanceof PublicationRefused)) throw error;
    const { checklist, gate } = error.preview;
    return tagRefused(report, tag, 'publish', [...checklist.requirements, ...gate.checks]);
  }
}
