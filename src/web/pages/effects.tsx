// "Effects": what psrt does outside (CVE IDs, GHSA changes, comments, mail,
// the advisory database), failed ones first, each with its report, attempts
// and last error, and a Retry button on a failed one (`psrt effects retry`).
import type { Child } from 'hono/jsx';
import type { EffectView } from '../../app/effects/manage.ts';
import type { EffectKind } from '../../domain/effects.ts';
import type { EffectStatus, OutboxSummary } from '../../store/index.ts';
import { RetryButton } from './forms.tsx';
import { Layout } from './layout.tsx';
import { utcMinute } from './words.ts';

/** What each kind of effect does, in a member's words. */
const kindWords: Record<EffectKind, string> = {
  'cve.reserve': 'Reserve a CVE ID',
  'cve.reject': 'Reject a CVE ID',
  'cve.publish': 'Publish the CVE record',
  'ghsa.update-state': 'Move the GHSA to its state',
  'ghsa.create': "Open the GHSA on the reporter's behalf",
  'ghsa.create-fork': 'Open the temporary private fork',
  'ghsa.set-cve': 'Write the CVE ID into the GHSA',
  'ghsa.add-collaborator': 'Add a collaborator to the GHSA',
  'ghsa.remove-collaborator': 'Remove a collaborator from the GHSA',
  'ghsa.set-coordinator': 'Credit the coordinator on the GHSA',
  'ghsa.remove-credit': 'Remove a credit from the GHSA',
  'ghsa.comment': 'Comment on the GHSA',
  'github.open-issue': 'Open a public issue',
  'reply.send': 'Reply to the reporter',
  'mail.send': 'Send mail',
  'intake.reply': 'Reply to a security@ reporter',
  'intake.forward': 'Forward a security@ report',
  'advisory.send': 'Send the advisory email',
  'osv.commit': 'Commit the OSV record',
  'team.add-member': 'Add a new member to the PSRT team on GitHub',
  'team.remove-member': 'Take a member off the PSRT team on GitHub',
};

export const statusWords: Record<EffectStatus, string> = {
  failed: 'Failed',
  pending: 'Waiting',
  claimed: 'In progress',
  done: 'Done',
};

/** The tabs, in the order they are shown: what needs a person first. */
export const statusOrder: readonly EffectStatus[] = ['failed', 'pending', 'claimed', 'done'];

function When({ effect }: { effect: EffectView }) {
  const [label, at] =
    effect.status === 'done' && effect.completedAt
      ? ['done', effect.completedAt]
      : effect.status === 'failed'
        ? ['gave up', effect.nextAttemptAt]
        : effect.status === 'pending' && effect.attempts > 0
          ? ['next try', effect.nextAttemptAt]
          : ['due', effect.nextAttemptAt];
  return (
    <>
      <span class="sub">{label}</span>
      <time datetime={at.toISOString()}>{utcMinute(at)}</time>
    </>
  );
}

function EffectRows({ effects }: { effects: readonly EffectView[] }) {
  return (
    <div class="table-scroll">
      <table class="reports effects">
        <thead>
          <tr>
            <th>Effect</th>
            <th>What</th>
            <th>Report</th>
            <th>Status</th>
            <th class="num">Failed tries</th>
            <th>When</th>
            <th>Last error</th>
            <th>
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {effects.map((effect) => (
            <tr data-effect={String(effect.id)}>
              <td class="id">{effect.id}</td>
              <td>
                {kindWords[effect.kind as EffectKind] ?? effect.kind}
                <code class="sub">{effect.kind}</code>
              </td>
              <td class="id">
                {effect.reportId ? <a href={`/reports/${effect.reportId}`}>{effect.reportId}</a> : '—'}
              </td>
              <td>
                <span class={`badge status ${effect.status}`}>{statusWords[effect.status]}</span>
              </td>
              <td class="num">
                {effect.attempts === 0 ? (
                  <span class="muted">—</span>
                ) : (
                  `${effect.attempts} of ${effect.maxAttempts}`
                )}
              </td>
              <td class="date">
                <When effect={effect} />
              </td>
              <td class="error">
                {effect.status !== 'done' && effect.lastError ? (
                  effect.lastError
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
              <td>
                {effect.status === 'failed' ? <RetryButton action={`/effects/${effect.id}/retry`} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface EffectSection {
  status: EffectStatus;
  effects: EffectView[];
  /** How many there are in all, when more than shown. */
  total: number;
}

export function EffectsPage({
  sections,
  summary,
  only,
  retried,
  notice,
  below,
  sandbox,
}: {
  sections: EffectSection[];
  summary: OutboxSummary;
  /** One status asked for, or null for the overview. */
  only: EffectStatus | null;
  /** The id of the effect a Retry just put back in the queue. */
  retried: number | null;
  /** What an action on this page just did (a webhook delivery retried, say), shown once. */
  notice?: string | null;
  /** What the overview shows after the effects: the webhook deliveries, the CVE IDs no report holds. */
  below?: Child;
  sandbox: boolean;
}) {
  return (
    <Layout title="Effects" sandbox={sandbox}>
      <h1>Effects</h1>
      <p class="lead">
        What psrt does outside, each exactly once: CVE IDs, GHSA changes, comments, mail, the advisory
        database. A failed effect waits for a person: fix its cause, then retry it.
      </p>
      {retried !== null ? (
        <p class="flash" role="status">
          {`Effect ${retried} is waiting again: the effect runner performs it within seconds.`}
        </p>
      ) : null}
      {notice ? (
        <p class="flash" role="status">
          {notice}
        </p>
      ) : null}
      <nav class="tabs" aria-label="Effects by status">
        <a
          class={`tab ${only === null ? 'current' : ''}`}
          href="/effects"
          aria-current={only === null ? 'page' : undefined}
        >
          Overview
        </a>
        {statusOrder.map((status) => (
          <a
            class={`tab ${only === status ? 'current' : ''}`}
            href={`/effects?status=${status}`}
            aria-current={only === status ? 'page' : undefined}
          >
            {statusWords[status]}{' '}
            <span class={`count ${summary.byStatus[status] > 0 ? status : ''}`}>
              {summary.byStatus[status]}
            </span>
          </a>
        ))}
      </nav>
      {sections
        // The overview leaves out what is empty, but always says whether anything failed.
        .filter((section) => only !== null || section.status === 'failed' || section.effects.length > 0)
        .map((section) => (
          <section aria-label={statusWords[section.status]} data-status={section.status}>
            <h2>
              {statusWords[section.status]}
              {section.total > section.effects.length ? (
                <span class="muted">{` (newest ${section.effects.length} of ${section.total})`}</span>
              ) : null}
            </h2>
            {section.effects.length > 0 ? (
              <EffectRows effects={section.effects} />
            ) : section.status === 'failed' ? (
              <p class="banner good">Nothing failed: every effect was performed or is on its way.</p>
            ) : (
              <p class="empty">None.</p>
            )}
          </section>
        ))}
      {below}
    </Layout>
  );
}
