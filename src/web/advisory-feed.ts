// The published advisories as an Atom feed (the `feed` package), newest first,
// each entry the advisory email's subject and text. Links are absolute, from
// psrt's public URL. The feed marks titles and content as HTML, so report
// text is escaped into it as text, never passed through as markup.
import { Feed } from 'feed';
import { html } from 'hono/html';
import type { AdvisorySummary } from '../app/advisories.ts';
import type { AdvisoryEmail } from '../records/advisory-email.ts';

export interface FeedEntry {
  summary: AdvisorySummary;
  email: AdvisoryEmail | null;
}

/** `text` as HTML that shows exactly that text. */
const asHtml = async (text: string): Promise<string> => String(await html`${text}`);

export async function advisoriesAtom(origin: string, entries: readonly FeedEntry[], now: Date) {
  const newest = entries[0]?.summary.publishedAt ?? now;
  const feed = new Feed({
    id: `${origin}/advisories`,
    title: 'Security advisories',
    description: 'Advisories published by the Security Response Team, newest first.',
    link: `${origin}/advisories`,
    feedLinks: { atom: `${origin}/advisories.atom` },
    updated: newest,
    author: { name: 'Security Response Team', link: `${origin}/members` },
    generator: 'psrt',
    copyright: 'Published advisories',
  });
  for (const { summary, email } of entries) {
    const link = `${origin}/advisories/${encodeURIComponent(summary.key)}`;
    const ids = [summary.psfId, summary.cveId].filter(Boolean).join(', ');
    feed.addItem({
      id: link,
      link,
      title: await asHtml(email?.subject ?? summary.title),
      date: summary.publishedAt,
      published: summary.publishedAt,
      description: await asHtml(
        `${summary.severity ?? 'Unscored'} severity, ${summary.product}${ids ? ` (${ids})` : ''}`,
      ),
      content: email ? String(await html`<pre>${email.text}</pre>`) : undefined,
    });
  }
  return feed.atom1();
}
