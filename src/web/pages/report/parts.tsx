// Small pieces the report page's sections share: what the page knows about the report and its
// viewer, times as people read them, a checklist line, and a section card.
import type { Child } from 'hono/jsx';
import type { ReportPageData } from '../../../app/report-page.ts';
import type { Suggestion } from '../../../domain/similar-reports.ts';

export interface Viewer {
  login: string;
  /** A PSRT member: sees and acts on everything. Otherwise a collaborator (or the public, once published). */
  member: boolean;
  /** One of `cna.operators`: may publish a CVE record. */
  cnaOperator: boolean;
}

/** Everything the report page shows: what app/report-page read, and who is looking. */
export interface ReportView extends ReportPageData {
  viewer: Viewer;
  now: Date;
  /** Where the report's GHSA is seen (GitHub, or the sandbox's simulator). */
  advisoryUrl: (repository: string, ghsaId: string) => string;
  /** Reports this one may duplicate, for members on an open report; null otherwise. */
  similar?: Suggestion[] | null;
}

/** `2026-03-01 09:30 UTC`, in a <time> element. */
export function When({ at }: { at: Date }) {
  return <time datetime={at.toISOString()}>{`${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`}</time>;
}

/** `2026-03-01`, in a <time> element. */
export function Day({ at }: { at: Date }) {
  return <time datetime={at.toISOString()}>{at.toISOString().slice(0, 10)}</time>;
}

/** How a finished report stood against its deadline when its clock stopped. */
export function finishedWords(daysLeft: number): string {
  if (daysLeft === 0) return 'on its deadline';
  const days = Math.abs(daysLeft);
  return `${days} day${days === 1 ? '' : 's'} ${daysLeft > 0 ? 'before' : 'after'} its deadline`;
}

/** The action URL of a report's form. */
export const actionUrl = (reportId: string, action: string) => `/reports/${reportId}/${action}`;

/** One line of a checklist: met or not, and when not, what to do. */
export function CheckItem({ label, met, reason }: { label: string; met: boolean; reason: string | null }) {
  return (
    <li class={met ? 'check met' : 'check unmet'}>
      <span class="mark" aria-hidden="true">
        {met ? '✓' : '✗'}
      </span>
      <span class="label">
        {label}
        <span class="visually-hidden">{met ? ' (done)' : ' (missing)'}</span>
      </span>
      {!met && reason ? <span class="why">{reason}</span> : null}
    </li>
  );
}

export function Card({
  title,
  id,
  class: className,
  children,
}: {
  title: string;
  id?: string;
  class?: string;
  children?: Child;
}) {
  return (
    <section
      class={className ? `card ${className}` : 'card'}
      id={id}
      aria-labelledby={id ? `${id}-title` : undefined}
    >
      <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
      {children}
    </section>
  );
}
