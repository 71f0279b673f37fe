// The inactivity report as the mail to the Steering Council (PEP 811, the
// devguide: "with the recommendation to remove the inactive users"). Plain
// text; it names members and counts, never a report: the reports behind the
// evidence may be embargoed, and the Council reads this outside the PSRT.
import {
  type InactivityReport,
  inactiveMembers,
  type MemberStanding,
  type Period,
} from '../domain/inactivity.ts';

export interface InactivityEmail {
  subject: string;
  text: string;
}

/** A day, or a day and a time when the boundary is not at midnight UTC. */
export function periodDate(at: Date): string {
  const iso = at.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export const periodText = ({ from, to }: Period): string => `${periodDate(from)} to ${periodDate(to)}`;

const person = (member: MemberStanding) => `${member.name} (@${member.login})`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The mail; `id` is the report's number in psrt, for the Council's answer to cite. */
export function inactivityEmail(report: InactivityReport & { id?: number | null }): InactivityEmail {
  const inactive = inactiveMembers(report);
  const exempt = report.members.filter((m) => m.standing === 'exempt');
  const active = report.members.filter((m) => m.standing === 'active');
  const period = periodText(report.period);
  const name = report.id ? `inactivity report #${report.id}` : 'this inactivity report';
  const lines = [
    'Dear Steering Council,',
    '',
    "As PEP 811 asks, this is the PSRT's report of inactive members for the period",
    `from ${period}.`,
    '',
    'A member was active when they coordinated a report (the GHSA coordinator',
    'credit), commented on one or worked on one in psrt during the period.',
    'Release managers and Steering Council members may remain in the PSRT',
    'regardless of inactivity.',
    '',
  ];
  if (inactive.length === 0) {
    lines.push('No member was inactive in this period: the PSRT recommends no removal.');
  } else {
    lines.push(`Inactive members, recommended for removal (${inactive.length}):`);
    for (const member of inactive) lines.push(`- ${person(member)}: recommended for removal`);
  }
  lines.push('');
  if (exempt.length > 0) {
    lines.push(`Exempt, may remain regardless of inactivity (${exempt.length}):`);
    for (const member of exempt) lines.push(`- ${person(member)}: ${member.exemptAs.join(' and ')}`);
    lines.push('');
  }
  lines.push(`Active members: ${active.length} of ${plural(report.members.length, 'member')}.`, '');
  if (inactive.length > 0) {
    lines.push(
      'Please answer with a simple vote per member listed for removal: "remove"',
      `(they move to the emeritus list and off the PSRT's GitHub team) or "keep".`,
      `The PSRT admins record each decision in psrt against ${name}.`,
      '',
    );
  }
  lines.push(
    'The activity evidence (which reports, when) stays with the PSRT: the reports',
    "may be under embargo. Ask the PSRT admins for a member's evidence.",
    '',
    '-- ',
    'The PSRT admins, through psrt',
  );
  return { subject: `PSRT inactivity report, ${period}`, text: `${lines.join('\n')}\n` };
}
