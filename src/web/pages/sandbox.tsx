// "Sandbox": what runs on this machine instead of GitHub, CVE Services and a
// mail relay, and (for members, who may see embargoed demo reports) where to
// watch them: the simulators' own pages and request logs, and the outgoing mail.
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

export function SandboxPage({ links, member }: { links: SandboxLinks; member: boolean }) {
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
        </div>
      ) : (
        <p class="empty">
          The simulators and the outgoing mail show embargoed demo reports, so only PSRT members reach them
          here: sign out and pick a member on the sign-in page to see them.
        </p>
      )}
    </Layout>
  );
}
