// "Audit log": every recorded change, newest first, narrowed by subject or
// actor, under a banner that says whether the hash chain was verified intact,
// when and by whom; admins verify it again from here.
import type { AuditLogPage, AuditStatus } from '../../app/audit-log.ts';
import type { AuditEvent } from '../../domain/audit.ts';
import { psrtIdPattern } from '../../domain/identifiers.ts';
import { AuditChange } from './audit-change.tsx';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';
import { actorWords, utcMinute } from './words.ts';

export interface AuditFilters {
  subject?: string;
  actor?: string;
  before?: number;
}

const query = (filters: AuditFilters) => {
  const params = new URLSearchParams();
  if (filters.subject) params.set('subject', filters.subject);
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.before !== undefined) params.set('before', String(filters.before));
  const text = params.toString();
  return text ? `/audit?${text}` : '/audit';
};

function VerificationBanner({ status, canVerify }: { status: AuditStatus; canVerify: boolean }) {
  const { last, headSeq } = status;
  const button = canVerify ? (
    <PostForm action="/audit/verify" class="inline">
      <button type="submit" class="primary">
        Verify now
      </button>
    </PostForm>
  ) : null;
  if (!last) {
    return (
      <section class="banner neutral" aria-label="Verification">
        <p>
          <strong>Not verified yet.</strong> The hash chain has not been checked in psrt;{' '}
          {canVerify ? 'verify it now.' : 'an admin can verify it, and psrt does every day.'}
        </p>
        {button}
      </section>
    );
  }
  const { verdict } = last;
  const when = `${utcMinute(last.at)} by ${actorWords(last.by)}`;
  if (!verdict.ok) {
    return (
      <section class="banner bad" aria-label="Verification" role="alert">
        <p>
          <strong>The audit log was tampered with.</strong>{' '}
          {`Event #${verdict.firstBad.seq} is ${verdict.firstBad.reason}: ${verdict.firstBad.detail}. The ${verdict.count} events before it are intact. Found ${when}.`}
        </p>
        {button}
      </section>
    );
  }
  // The verification's own event follows the head it verified.
  const since = Math.max(0, headSeq - verdict.lastSeq - 1);
  return (
    <section class="banner good" aria-label="Verification">
      <p>
        <strong>Chain intact.</strong> {`${verdict.count} events verified ${when}.`}
        {since > 0
          ? ` ${since} event${since === 1 ? '' : 's'} recorded since then wait for the next check.`
          : ''}
        <span class="sub mono">{`head ${verdict.lastSeq}:${verdict.lastHash}`}</span>
      </p>
      {button}
    </section>
  );
}

function Subject({ subject }: { subject: string }) {
  return (
    <>
      <a class="plain" href={query({ subject })} title="Only this subject">
        {subject}
      </a>
      {psrtIdPattern.test(subject) ? (
        <a class="sub" href={`/reports/${subject}`}>
          open report
        </a>
      ) : null}
    </>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  return (
    <tr data-seq={String(event.seq)}>
      <td class="event">
        <span class="mono">#{event.seq}</span>
        <time class="sub" datetime={event.at.toISOString()}>
          {utcMinute(event.at)}
        </time>
      </td>
      <td class="actor">
        <a class="plain" href={query({ actor: event.actor })} title="Only this actor">
          {actorWords(event.actor)}
        </a>
      </td>
      <td class="action">
        <code>{event.action}</code>
      </td>
      <td class="id">
        <Subject subject={event.subject} />
      </td>
      <td class="change">
        <AuditChange change={event.change} />
      </td>
    </tr>
  );
}

export function AuditPage({
  page,
  status,
  filters,
  canVerify,
  sandbox,
}: {
  page: AuditLogPage;
  status: AuditStatus;
  filters: AuditFilters;
  canVerify: boolean;
  sandbox: boolean;
}) {
  const filtered = Boolean(filters.subject || filters.actor);
  return (
    <Layout title="Audit log" sandbox={sandbox}>
      <h1>Audit log</h1>
      <p class="lead">
        Every change psrt recorded, newest first. Each event is chained to the one before by its hash, so an
        edited, deleted or reordered event shows when the chain is verified.
      </p>
      <VerificationBanner status={status} canVerify={canVerify} />
      <form method="get" action="/audit" class="filters">
        <label>
          Subject
          <input
            type="text"
            name="subject"
            value={filters.subject ?? ''}
            placeholder="PSRT-2026-0001, roster…"
          />
        </label>
        <label>
          Actor
          <input type="text" name="actor" value={filters.actor ?? ''} placeholder="login or system:bot" />
        </label>
        <button type="submit">Filter</button>
        {filtered ? (
          <a class="clear" href="/audit">
            Clear
          </a>
        ) : null}
      </form>
      {page.events.length === 0 ? (
        <p class="empty">{filtered ? 'No events match.' : 'Nothing recorded yet.'}</p>
      ) : (
        <div class="table-scroll">
          <table class="reports audit">
            <thead>
              <tr>
                <th>Event</th>
                <th>Who</th>
                <th>Action</th>
                <th>Subject</th>
                <th>What changed</th>
              </tr>
            </thead>
            <tbody>
              {page.events.map((event) => (
                <EventRow event={event} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager">
        {filters.before !== undefined ? (
          <a href={query({ ...filters, before: undefined })}>← newest</a>
        ) : null}
        {page.next !== null ? <a href={query({ ...filters, before: page.next })}>older events →</a> : null}
      </nav>
    </Layout>
  );
}
