// "Sandbox": what runs on this machine instead of GitHub, CVE Services and a
// mail relay, and (for members, who may see embargoed demo reports) where to
// watch them: the simulators' own pages and request logs, and the outgoing mail.
// Anyone signed in sends a report by mail to security@ from here.
import type { MailToSecurity } from '../../sandbox/send-to-intake.ts';
import { PostForm } from './forms.tsx';
import { Layout } from './layout.tsx';

export interface SandboxLinks {
  /** The GitHub simulator's pages (advisories), acting as the one signed in. */
  githubAdvisories: string | null;
  githubDeliveries: string | null;
  githubRequests: string | null;
  cveRequests: string | null;
}

function Link({ href, children }: { href: string | null; children: string }) {
  return href ? <a href={href}>{children}</a> : <span class="muted">{`${children} (not running)`}</span>;
}

export interface SandboxIntake {
  /** Whether psrt's SMTP intake listens (it always does in `psrt serve`'s sandbox). */
  running: boolean;
  /** Whether the one signed in triages security@ (and so sees the mail arrive). */
  admin: boolean;
  /** The form as sent, when it is shown again with a problem. */
  mail: MailToSecurity;
  flash: string | null;
  problem: string | null;
}

function SendToSecurity({ intake }: { intake: SandboxIntake }) {
  return (
    <section class="card send-intake" aria-labelledby="send-intake">
      <h2 id="send-intake">Send a report to security@</h2>
      <p>
        Mail a report to security@python.org as a reporter would: it goes by SMTP to psrt's own intake, is
        stored, read into a thread and acknowledged.{' '}
        {intake.admin ? (
          <>
            See it on the <a href="/intake">Intake</a> page within seconds; the acknowledgement psrt sends
            back is under <a href="/sandbox/mail">Outgoing mail</a>.
          </>
        ) : (
          'Admins see it on their Intake page within seconds (sign in as an admin, such as sethmlarson, to triage it).'
        )}
      </p>
      {intake.flash ? (
        <p class="flash" role="status">
          {intake.flash}
        </p>
      ) : null}
      {intake.problem ? (
        <p class="problem" role="alert">
          {intake.problem}
        </p>
      ) : null}
      {intake.running ? (
        <PostForm action="/sandbox/intake" class="stack send-intake">
          <label>
            From
            <input
              type="text"
              name="from"
              value={intake.mail.from}
              placeholder="Ana <ana@example.org>"
              required
            />
          </label>
          <label>
            Subject
            <input type="text" name="subject" value={intake.mail.subject} required />
          </label>
          <label>
            Body
            <textarea name="body" rows={8} required>
              {intake.mail.text}
            </textarea>
          </label>
          <button type="submit">Send to security@</button>
        </PostForm>
      ) : (
        <p class="muted">psrt's SMTP intake is not running, so no mail can be sent from here.</p>
      )}
    </section>
  );
}

export function SandboxPage({
  links,
  member,
  intake,
}: {
  links: SandboxLinks;
  member: boolean;
  intake: SandboxIntake;
}) {
  return (
    <Layout title="Sandbox" sandbox={true}>
      <h1>Sandbox</h1>
      <p class="lead">
        This psrt runs without GitHub credentials: GitHub, CVE Services and the mail relay are simulated on
        this machine, and the reports are demo data. psrt's own clients talk to the simulators exactly as they
        would to the real services, so everything you do here goes through the same code as in production.
      </p>
      {member ? (
        <div class="cards">
          <section class="card" aria-label="GitHub (simulated)">
            <h2>GitHub (simulated)</h2>
            <p>
              Act on GitHub as any demo person: report a vulnerability, edit a GHSA, comment, open a pull
              request.
            </p>
            <ul class="links">
              <li>
                <Link href={links.githubAdvisories}>Advisories</Link>
              </li>
              <li>
                <Link href={links.githubDeliveries}>Webhook deliveries to psrt</Link>
              </li>
              <li>
                <Link href={links.githubRequests}>Requests psrt made (JSON)</Link>
              </li>
            </ul>
          </section>
          <section class="card" aria-label="CVE Services (simulated)">
            <h2>CVE Services (simulated)</h2>
            <p>Reserves CVE IDs for accepted reports and takes the CVE records psrt publishes.</p>
            <ul class="links">
              <li>
                <Link href={links.cveRequests}>Requests psrt made (JSON)</Link>
              </li>
            </ul>
          </section>
          <section class="card" aria-label="Mail">
            <h2>Mail</h2>
            <p>Reminders, notices and advisory emails go to a local SMTP server instead of anyone's inbox.</p>
            <ul class="links">
              <li>
                <a href="/sandbox/mail">Outgoing mail</a>
              </li>
            </ul>
          </section>
          <section class="card" aria-label="Operations">
            <h2>Operations</h2>
            <p>
              What a production operator watches (docs/operations.md): readiness, Prometheus metrics, and
              every log line with its request id. <code>psrt config check</code>, <code>psrt db dump</code>{' '}
              and <code>psrt app create</code> run from the command line.
            </p>
            <ul class="links">
              <li>
                <a href="/readyz">Readiness (/readyz)</a>
              </li>
              <li>
                <a href="/metrics">Metrics (/metrics)</a>
              </li>
            </ul>
          </section>
        </div>
      ) : (
        <p class="empty">
          The simulators and the outgoing mail show embargoed demo reports, so only PSRT members reach them
          here: sign out and pick a member on the sign-in page to see them.
        </p>
      )}
      <SendToSecurity intake={intake} />
    </Layout>
  );
}
