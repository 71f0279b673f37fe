// Title tags (devguide, "The PSRT bot"): GitHub lets only repository admins
// accept or close an advisory, so any PSRT member moves a report by putting a
// tag in the GHSA's title. Tags are case-insensitive and may appear anywhere
// in the title. Each tag is the matching psrt transition, with its checklist:
// a tag whose requirements are unmet is not applied, and the bot says once,
// on the GHSA, what is missing.
//
// GitHub does not say who edited a title, so a tag is recorded as made "by
// title tag", by the bot on behalf of whoever wrote it.
import type { Effect } from '../effects.ts';
import { applyTransition, checklist, type TransitionInput, type TransitionName } from '../lifecycle.ts';
import type { Determination, Rejection, Report } from '../report.ts';
import type { Ghsa } from './ghsa.ts';

export const titleTags = ['ACCEPTED', 'CLOSED', 'INVALID', 'DUPLICATE', 'COMPLETED'] as const;
export type TitleTag = (typeof titleTags)[number];

/** The tags a title carries, in the order of `titleTags`. */
export function tagsIn(title: string): TitleTag[] {
  const upper = title.toUpperCase();
  return titleTags.filter((tag) => upper.includes(`[${tag}]`));
}

/** The title without its tags: what a report published by tag carries in its records. */
export function withoutTags(title: string): string {
  if (tagsIn(title).length === 0) return title;
  const pattern = new RegExp(`\\[(?:${titleTags.join('|')})\\]`, 'gi');
  return title.replace(pattern, ' ').replace(/\s+/g, ' ').trim();
}

/** What each tag means in psrt's words: a transition, its input, and the determination it records. */
interface TagMeaning {
  transition: TransitionName;
  input: TransitionInput;
  /** Recorded first when the report has none (the tag is the coordinator's determination). */
  determination: Determination | null;
}

/** The report or advisory a duplicate names in its title: a GHSA, CVE or PSRT id other than its own. */
function duplicateOf(ghsa: Ghsa): string | null {
  const ids =
    ghsa.title.match(/\b(?:GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,}|PSRT-\d{4}-\d{4,})\b/gi) ??
    [];
  // GitHub writes GHSA ids as GHSA- and lower case; CVE and PSRT ids are upper case.
  const normal = (id: string) => (/^ghsa/i.test(id) ? `GHSA${id.slice(4).toLowerCase()}` : id.toUpperCase());
  return ids.map(normal).find((id) => id !== ghsa.ghsaId) ?? null;
}

function meaningOf(tag: TitleTag, ghsa: Ghsa): TagMeaning {
  const reject = (rejection: Rejection, determination: Determination | null): TagMeaning => ({
    transition: 'reject',
    input: { rejection },
    determination,
  });
  switch (tag) {
    case 'ACCEPTED':
      return { transition: 'accept', input: {}, determination: 'vulnerability' };
    case 'CLOSED':
      // "for regular bugs": a bug that is not security relevant.
      return reject({ reason: 'not-a-vulnerability', detail: null }, 'not-security-bug');
    case 'INVALID':
      // "for spam": discarded without a reply.
      return reject({ reason: 'spam', detail: null }, null);
    case 'DUPLICATE':
      return reject({ reason: 'duplicate', detail: duplicateOf(ghsa) }, null);
    case 'COMPLETED':
      // "for completed tickets where an advisory has been issued". The bot publishes through the
      // publication use-case (records stored and sent, the gate's checks): src/app/bot/publish-tag.ts.
      return { transition: 'publish', input: {}, determination: null };
  }
}

/** The tag that applies to a report in its state: the first whose transition leaves that state. */
function applicableTag(report: Report, tags: readonly TitleTag[], ghsa: Ghsa): TitleTag | null {
  for (const tag of tags) {
    const { transition } = meaningOf(tag, ghsa);
    if (checklist(report, transition).requirements.every((r) => r.id !== 'state' || r.met)) return tag;
  }
  return null;
}

export type TagOutcome =
  | { kind: 'none' }
  | {
      kind: 'applied';
      tag: TitleTag;
      transition: TransitionName;
      report: Report;
      effects: Effect[];
    }
  | { kind: 'refused'; tag: TitleTag; transition: TransitionName; missing: string[]; effects: Effect[] };

/**
 * What the title's tags do to the report now. Level-triggered: a tag is
 * applied while the report is in a state it leaves, so seeing the same title
 * twice, or a tag that was already applied, does nothing more.
 */
export function applyTitleTags(
  report: Report,
  ghsa: Ghsa,
  now: Date,
  validateCvss?: (vector: string) => string | null,
): TagOutcome {
  const tag = applicableTag(report, tagsIn(ghsa.title), ghsa);
  if (tag === null) return { kind: 'none' };
  const meaning = meaningOf(tag, ghsa);
  const determined =
    meaning.determination !== null && report.determination === null
      ? { ...report, determination: meaning.determination }
      : report;
  const input = { ...meaning.input, validateCvss };
  const list = checklist(determined, meaning.transition, input);
  if (!list.allowed) return tagRefused(report, tag, meaning.transition, list.requirements);
  const result = applyTransition(determined, meaning.transition, input, now);
  return {
    kind: 'applied',
    tag,
    transition: meaning.transition,
    report: result.report,
    effects: result.effects,
  };
}

/** A requirement or check of a tag's transition, met or not (a checklist's, or the publication gate's). */
export interface TagCheck {
  id: string;
  label: string;
  met: boolean;
  reason: string | null;
}

/**
 * The tag is not applied: the bot says on the GHSA what is missing, once per tag and set of
 * unmet checks (the comment's key), so a title seen again asks for no second comment.
 */
export function tagRefused(
  report: Report,
  tag: TitleTag,
  transition: TransitionName,
  checks: readonly TagCheck[],
): Extract<TagOutcome, { kind: 'refused' }> {
  const unmet = checks.filter((check) => !check.met);
  const missing = unmet.map((check) => check.reason ?? check.label);
  const effects = refusalComment(
    report,
    tag,
    unmet.map((check) => check.id),
    missing,
  );
  return { kind: 'refused', tag, transition, missing, effects };
}

/** Says on the GHSA why the tag was not applied. */
function refusalComment(report: Report, tag: TitleTag, missingIds: string[], missing: string[]): Effect[] {
  if (report.ghsaId === null) return [];
  const body = [
    `The \`[${tag}]\` tag in the title was not applied: the report is not ready yet.`,
    '',
    ...missing.map((reason) => `- ${reason}`),
    '',
    'Once these are done, the bot applies the tag on its next look at this advisory.',
  ].join('\n');
  return [
    {
      kind: 'ghsa.comment',
      key: `title-tag:${report.id}:${tag}:${missingIds.join(',')}`,
      reportId: report.id,
      repository: report.repository,
      ghsaId: report.ghsaId,
      purpose: 'title-tag-refused',
      body,
    },
  ];
}
