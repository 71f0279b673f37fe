// What the inactivity pages share: the report as the mail the Steering Council
// receives, and the table of every member's standing with their evidence
// (links to each report's page in psrt and its GHSA), for admins.
import type { Evidence, MemberStanding } from '../../domain/inactivity.ts';
import type { InactivityEmail } from '../../records/inactivity-email.ts';

const evidenceWords: Record<Evidence['kind'], (e: Evidence) => string> = {
  coordinated: () => 'coordinated',
  commented: (e) => `commented on the GHSA${e.count > 1 ? ` (${e.count} times)` : ''}`,
  acted: (e) => `worked on it in psrt${e.count > 1 ? ` (${e.count} changes)` : ''}`,
};

const day = (at: Date) => at.toISOString().slice(0, 10);

/** Where a GHSA is shown: GitHub, or the simulator in the sandbox. */
export type GhsaLink = (repository: string, ghsaId: string) => string;

function EvidenceList({ evidence, ghsaLink }: { evidence: readonly Evidence[]; ghsaLink: GhsaLink }) {
  if (evidence.length === 0) return <span class="muted">no activity in the period</span>;
  return (
    <ul class="evidence">
      {evidence.map((e) => (
        <li data-kind={e.kind}>
          {`${evidenceWords[e.kind](e)} `}
          <a href={`/reports/${encodeURIComponent(e.reportId)}`}>{e.reportId}</a>
          {e.ghsaId ? (
            <>
              {' ('}
              <a href={ghsaLink(e.repository, e.ghsaId)}>{e.ghsaId}</a>
              {')'}
            </>
          ) : null}
          {` ${day(e.first) === day(e.last) ? day(e.first) : `${day(e.first)} to ${day(e.last)}`}`}
        </li>
      ))}
    </ul>
  );
}

const standingWords = (member: MemberStanding) =>
  member.standing === 'exempt'
    ? `exempt: ${member.exemptAs.join(' and ')}`
    : member.standing === 'inactive'
      ? 'inactive: recommended for removal'
      : 'active';

export function StandingsTable({
  members,
  ghsaLink,
}: {
  members: readonly MemberStanding[];
  ghsaLink: GhsaLink;
}) {
  return (
    <div class="table-scroll">
      <table class="reports standings">
        <caption>Every member's standing, with their activity in the period</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Standing</th>
            <th scope="col">Activity</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr data-login={member.login} data-standing={member.standing}>
              <td>
                {`${member.name} `}
                <a href={`https://github.com/${member.login}`}>@{member.login}</a>
              </td>
              <td>
                <span class={`badge standing ${member.standing}`}>{standingWords(member)}</span>
              </td>
              <td>
                <EvidenceList evidence={member.evidence} ghsaLink={ghsaLink} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EmailPane({ mail }: { mail: InactivityEmail }) {
  return (
    <section aria-labelledby="mail-heading">
      <h2 id="mail-heading">The mail to the Steering Council</h2>
      <pre
        class="body"
        tabindex={0}
      >{`To: the Steering Council\nSubject: ${mail.subject}\n\n${mail.text}`}</pre>
    </section>
  );
}
