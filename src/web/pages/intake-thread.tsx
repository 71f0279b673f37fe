// One security@ thread for the admins: each message as plain text (never its HTML), how it was
// encrypted, what could not be read, its attachments as downloads; the sender's earlier
// threads; the slots for the policy check and similar reports; and the triage forms.
import type { Child } from 'hono/jsx';
import { utcMinute } from '../../app/wording.ts';
import type { StoredMessage, StoredThread } from '../../store/index.ts';
import { NextUpdate, senderWords, statusWords } from './intake-queue.tsx';
import { TriageForms, type TriageFormsProps } from './intake-triage.tsx';
import { Layout } from './layout.tsx';

function Encryption({ message }: { message: StoredMessage }) {
  if (message.encryption === 'decrypted')
    return <p class="encryption decrypted">Encrypted to the team key; decrypted.</p>;
  if (message.encryption === 'undecryptable')
    return (
      <p class="encryption undecryptable">
        {`Encrypted, and could not be decrypted: ${message.problem ?? 'no reason was recorded'}.`}
      </p>
    );
  return null;
}

function Message({ message, index }: { message: StoredMessage; index: number }) {
  const attachments = message.attachments ?? [];
  const sender = senderWords(message);
  return (
    <li>
      <article class="mail-message" aria-label={`Message ${index + 1}`} data-message={String(message.id)}>
        <dl class="headers">
          <dt>From</dt>
          <dd>{sender}</dd>
          {message.replyTo && message.replyTo !== message.fromAddress ? (
            <>
              <dt>Reply to</dt>
              <dd>{message.replyTo}</dd>
            </>
          ) : null}
          <dt>Received</dt>
          <dd>
            <time datetime={message.receivedAt.toISOString()}>{utcMinute(message.receivedAt)}</time>
            {message.sentAt ? <span class="muted">{` (sent ${utcMinute(message.sentAt)})`}</span> : null}
          </dd>
          <dt>Subject</dt>
          <dd>{message.subject ?? ''}</dd>
        </dl>
        <Encryption message={message} />
        {message.problem && message.encryption !== 'undecryptable' ? (
          <p class="problem">{`Problem reading this message: ${message.problem}.`}</p>
        ) : null}
        {message.readStatus === 'pending' ? (
          <p class="muted">This message is still being read.</p>
        ) : (
          <pre class="body mail-body" tabindex={0}>
            {message.text ?? ''}
          </pre>
        )}
        {message.html !== null ? (
          <p class="hint">This mail also had an HTML part; it is never shown as a page.</p>
        ) : null}
        {attachments.length > 0 ? (
          <ul class="attachments" aria-label="Attachments">
            {attachments.map((attachment, position) => (
              <li>
                <a href={`/intake/messages/${message.id}/attachments/${position}`}>{attachment.filename}</a>
                <span class="muted">{` ${attachment.contentType}, ${attachment.size} bytes (download)`}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </article>
    </li>
  );
}

function History({ threads }: { threads: StoredThread[] }) {
  return (
    <section class="card" aria-labelledby="history">
      <h2 id="history">The sender's other threads</h2>
      {threads.length === 0 ? (
        <p class="muted">None: this is the first mail psrt has from this address.</p>
      ) : (
        <ul class="plain history">
          {threads.map((thread) => (
            <li>
              <time datetime={thread.receivedAt.toISOString()}>{utcMinute(thread.receivedAt)}</time>{' '}
              <a href={`/intake/${thread.id}`}>{thread.subject}</a>{' '}
              <span class={`badge thread-status ${thread.status}`}>{statusWords[thread.status]}</span>
              {thread.reportId ? (
                <>
                  {' '}
                  <a href={`/reports/${thread.reportId}`}>{thread.reportId}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * What psrt's rules say about the thread, drawn by the lead's wiring: the policy check (what
 * the security policy asks of a report and whether this one has it) and similar reports. Each
 * is left out when not given.
 */
export interface TriageAdvice {
  policyCheck?: Child;
  similarReports?: Child;
}

function Advice({ policyCheck, similarReports }: TriageAdvice) {
  if (!policyCheck && !similarReports) return null;
  return (
    <div class="triage-advice">
      {policyCheck ? (
        <section class="card" aria-labelledby="policy-check" data-slot="policy-check">
          <h2 id="policy-check">Policy check</h2>
          {policyCheck}
        </section>
      ) : null}
      {similarReports ? (
        <section class="card" aria-labelledby="similar-reports" data-slot="similar-reports">
          <h2 id="similar-reports">Similar reports</h2>
          {similarReports}
        </section>
      ) : null}
    </div>
  );
}

export interface IntakeThreadProps {
  thread: StoredThread;
  messages: StoredMessage[];
  history: StoredThread[];
  now: Date;
  sandbox: boolean;
  /** What an action just did, shown once. */
  flash: string | null;
  /** Why an action was refused, in the use-case's words. */
  problem: string | null;
  triage: Omit<TriageFormsProps, 'thread'>;
  advice?: TriageAdvice;
}

export function IntakeThreadPage(props: IntakeThreadProps) {
  const { thread, messages, history, now, sandbox, flash, problem, triage, advice } = props;
  return (
    <Layout title={`Thread ${thread.id}`} sandbox={sandbox}>
      <p class="crumbs">
        <a href="/intake">Intake</a> › {`thread ${thread.id}`}
      </p>
      <h1 class="report-title">{thread.subject}</h1>
      <ul class="facts">
        <li>{senderWords(thread)}</li>
        <li>
          received <time datetime={thread.receivedAt.toISOString()}>{utcMinute(thread.receivedAt)}</time>
        </li>
        <li>
          <span class={`badge thread-status ${thread.status}`}>{statusWords[thread.status]}</span>
        </li>
        <li>{`${thread.messageCount} message${thread.messageCount === 1 ? '' : 's'}`}</li>
        {thread.nextUpdateBy ? (
          <li>
            next update by <NextUpdate thread={thread} now={now} />
          </li>
        ) : null}
      </ul>
      {flash ? (
        <p class="flash" role="status">
          {flash}
        </p>
      ) : null}
      {problem ? (
        <p class="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {thread.triagedBy && thread.triagedAt ? (
        <p class="muted">
          {`Decided by ${thread.triagedBy} on ${utcMinute(thread.triagedAt)}: ${statusWords[thread.status]}${thread.triageDetail ? ` (${thread.triageDetail})` : ''}.`}
        </p>
      ) : null}
      {thread.status === 'reported' && thread.reportId ? (
        <p class="banner neutral">
          <span>
            This thread is part of report <a href={`/reports/${thread.reportId}`}>{thread.reportId}</a>:
            decide on the report.
          </span>
        </p>
      ) : null}
      <Advice {...(advice ?? {})} />
      <section aria-labelledby="messages">
        <h2 id="messages">Messages</h2>
        <ol class="mail intake-mail">
          {messages.map((message, index) => (
            <Message message={message} index={index} />
          ))}
        </ol>
      </section>
      {thread.status === 'reported' ? null : <TriageForms thread={thread} {...triage} />}
      <History threads={history} />
    </Layout>
  );
}
