// "Outgoing mail" (sandbox only): what psrt sent, as the sandbox's local SMTP server received
// it, newest first. Mail carries embargoed report text, so only members reach this page; the
// body is shown as text, escaped like everything hono/jsx renders.
import type { SentMail } from '../../sandbox/index.ts';
import { Layout } from './layout.tsx';

export function OutgoingMailPage({
  messages,
  signedInAs,
}: {
  messages: readonly SentMail[];
  signedInAs: string;
}) {
  return (
    <Layout title="Outgoing mail" signedInAs={signedInAs} isMember={true} sandbox={true}>
      <h1>Outgoing mail</h1>
      <p class="lead">
        Mail psrt sent, as the sandbox's own SMTP server received it: nothing leaves this machine. Newest
        first; the last 500 are kept until psrt stops.
      </p>
      {messages.length === 0 ? (
        <p class="empty">No mail sent yet.</p>
      ) : (
        <ol class="mail">
          {messages.map((mail) => (
            <li data-mail={String(mail.id)}>
              <article>
                <h2 class="subject">{mail.subject || '(no subject)'}</h2>
                <dl class="headers">
                  <dt>To</dt>
                  <dd class="to">{mail.to.join(', ')}</dd>
                  <dt>From</dt>
                  <dd>{mail.from}</dd>
                  <dt>Sent</dt>
                  <dd>
                    <time datetime={mail.receivedAt.toISOString()}>
                      {`${mail.receivedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`}
                    </time>
                  </dd>
                </dl>
                <pre class="body">{mail.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
