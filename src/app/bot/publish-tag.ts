// `[COMPLETED]` in a GHSA's title: the bot publishes the report through the
// publication use-case, inside the sighting's transaction: the PSF id given,
// the three records stored as their first versions and the advisory email sent
// by an effect (once it is sent the report is published, the OSV file
// committed and the GHSA closed), the CVE record left for a PSF CNA operator
// to approve. The records carry the title without its tags. When the
// checklist or the publication gate refuses, the tag is refused with every
// unmet requirement and check.
import type { TagOutcome, TitleTag } from '../../domain/bot/title-tags.ts';
import { tagRefused, withoutTags } from '../../domain/bot/title-tags.ts';
import type { Report } from '../../domain/report.ts';
import { listRecordVersions, type Tx } from '../../store/index.ts';
import { botPrincipal } from '../context.ts';
import { decidePublication, PublicationRefused, publicationChecks } from '../publish.ts';

export type PublishedByTag =
  | (Extract<TagOutcome, { kind: 'applied' }> & { audit: Record<string, unknown> })
  | Extract<TagOutcome, { kind: 'refused' | 'none' }>;

export async function publishByTag(
  tx: Tx,
  report: Report,
  tag: TitleTag,
  now: Date,
): Promise<PublishedByTag> {
  // Its email is already sent or on its way (the report is published once it is sent): the tag,
  // seen again meanwhile, asks for nothing more.
  if ((await listRecordVersions(tx, report.id)).some((record) => record.format === 'email')) {
    return { kind: 'none' };
  }
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
    return tagRefused(report, tag, 'publish', publicationChecks(error.preview));
  }
}
