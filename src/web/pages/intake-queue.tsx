// "Intake": the admins' security@ triage queue, a tab per listing (awaiting triage oldest first,
// the rest newest first), each thread with its sender, subject (as text), status, messages and
// the update the acknowledgement promised, marked when it is overdue.
import { isoDate, utcMinute } from '../../app/wording.ts';
import { awaitsTriage, type ThreadStatus } from '../../domain/inbox.ts';
import type { StoredThread } from '../../store/index.ts';
import { Layout } from './layout.tsx';

/** The queue's tabs, in the order shown; `queue` (new and needs information) first. */
export const intakeTabs = ['queue', 'needs-information', 'decided', 'all'] as const;
export type IntakeTab = (typeof intakeTabs)[number];

const tabWords: Record<IntakeTab, string> = {
  queue: 'Awaiting triage',
  'needs-information': 'Needs information',
  decided: 'Decided',
  all: 'All',
};

export const statusWords: Record<ThreadStatus, string> = {
  new: 'New',
  'needs-information': 'Needs information',
  spam: 'Spam',
  'not-a-vulnerability': 'Not a vulnerability',
  forwarded: 'Forwarded',
  redirected: 'Redirected to GHSA',
  reported: 'Reported',
};

/** The sender as the mail names them: "Name <address>", or the address alone. */
export const senderWords = (thread: Pick<StoredThread, 'fromName' | 'fromAddress'>): string =>
  thread.fromName && thread.fromAddress
    ? `${thread.fromName} <${thread.fromAddress}>`
    : (thread.fromAddress ?? thread.fromName ?? 'unknown sender');

/** The promised update, overdue when the thread still waits on the PSRT past it. */
export function NextUpdate({ thread, now }: { thread: StoredThread; now: Date }) {
  const by = thread.nextUpdateBy;
  if (!by) return <span class="muted">—</span>;
  const overdue = awaitsTriage(thread.status) && by.getTime() < now.getTime();
  return (
    <span class={overdue ? 'clock overdue' : undefined}>
      <time datetime={by.toISOString()}>{isoDate(by)}</time>
      {overdue ? <span class="sub">overdue</span> : null}
    </span>
  );
}

export const tabHref = (tab: IntakeTab, page = 1): string => {
  const params = new URLSearchParams();
  if (tab !== 'queue') params.set('tab', tab);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/intake?${query}` : '/intake';
};

export interface IntakeQueueProps {
  tab: IntakeTab;
  threads: StoredThread[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
  now: Date;
  sandbox: boolean;
}

export function IntakeQueuePage({
  tab,
  threads,
  total,
  unread,
  page,
  pageSize,
  now,
  sandbox,
}: IntakeQueueProps) {
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Layout title="Intake" sandbox={sandbox}>
      <h1>Intake</h1>
      <p class="lead">
        Mail to security@python.org, a thread per conversation. Admins decide on each (PEP 811): spam, not a
        vulnerability, forward, ask for information, redirect to GHSA, file as a report or link to one.
      </p>
      {unread > 0 ? (
        <p class="banner neutral" role="status">
          {`${unread} message${unread === 1 ? ' is' : 's are'} still being read: ${unread === 1 ? 'it appears' : 'they appear'} here within seconds.`}
        </p>
      ) : null}
      <nav class="tabs" aria-label="Threads by status">
        {intakeTabs.map((name) => (
          <a
            class={`tab ${tab === name ? 'current' : ''}`}
            href={tabHref(name)}
            aria-current={tab === name ? 'page' : undefined}
          >
            {tabWords[name]}
          </a>
        ))}
      </nav>
      <p class="muted small">
        {`${total} thread${total === 1 ? '' : 's'}${tab === 'queue' ? ', oldest first' : ', newest first'}.`}
      </p>
      {threads.length === 0 ? (
        <p class="empty">
          {tab === 'queue' ? 'Nothing awaits triage: every thread is decided.' : 'No threads here.'}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="reports intake">
            <thead>
              <tr>
                <th>Received (UTC)</th>
                <th>From</th>
                <th>Subject</th>
                <th>Status</th>
                <th class="num">Messages</th>
                <th>Next update by</th>
              </tr>
            </thead>
            <tbody>
              {threads.map((thread) => (
                <tr data-thread={String(thread.id)}>
                  <td class="date">
                    <time datetime={thread.receivedAt.toISOString()}>{utcMinute(thread.receivedAt)}</time>
                  </td>
                  <td class="sender">{senderWords(thread)}</td>
                  <td class="title">
                    <a class="title" href={`/intake/${thread.id}`}>
                      {thread.subject}
                    </a>
                  </td>
                  <td>
                    <span class={`badge thread-status ${thread.status}`}>{statusWords[thread.status]}</span>
                    {thread.reportId ? (
                      <a class="sub" href={`/reports/${thread.reportId}`}>
                        {thread.reportId}
                      </a>
                    ) : null}
                  </td>
                  <td class="num">{thread.messageCount}</td>
                  <td class="date">
                    <NextUpdate thread={thread} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {lastPage > 1 ? (
        <nav class="pager" aria-label="Pages">
          {page > 1 ? <a href={tabHref(tab, page - 1)}>← previous</a> : null}
          <span>
            page {page} of {lastPage}
          </span>
          {page < lastPage ? <a href={tabHref(tab, page + 1)}>next →</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
