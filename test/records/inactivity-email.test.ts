// The mail to the Steering Council, pinned: the period, who is recommended for
// removal, who is exempt and why, how many were active, how to answer.
import { expect, it } from 'vitest';
import type { InactivityReport, MemberStanding } from '../../src/domain/inactivity.ts';
import { inactivityEmail } from '../../src/records/inactivity-email.ts';

const member = (login: string, name: string, over: Partial<MemberStanding> = {}): MemberStanding => ({
  login,
  name,
  standing: 'active',
  exemptAs: [],
  evidence: [],
  ...over,
});

const report: InactivityReport & { id: number } = {
  id: 3,
  period: { from: new Date('2025-12-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') },
  members: [
    member('tim-one', 'Tim Peters', { standing: 'inactive' }),
    member('Yhg1s', 'Thomas Wouters', {
      standing: 'exempt',
      exemptAs: ['Release Manager', 'Steering Council'],
    }),
    member('gpshead', 'Gregory P. Smith'),
    member('encukou', 'Petr Viktorin'),
  ],
};

it('is the mail the Steering Council receives, word for word', () => {
  const mail = inactivityEmail(report);
  expect(mail.subject).toBe('PSRT inactivity report, 2025-12-01 to 2026-12-01');
  expect(mail.text).toBe(`Dear Steering Council,

As PEP 811 asks, this is the PSRT's report of inactive members for the period
from 2025-12-01 to 2026-12-01.

A member was active when they coordinated a report (the GHSA coordinator
credit), commented on one or worked on one in psrt during the period.
Release managers and Steering Council members may remain in the PSRT
regardless of inactivity.

Inactive members, recommended for removal (1):
- Tim Peters (@tim-one): recommended for removal

Exempt, may remain regardless of inactivity (1):
- Thomas Wouters (@Yhg1s): Release Manager and Steering Council

Active members: 2 of 4 members.

Please answer with a simple vote per member listed for removal: "remove"
(they move to the emeritus list and off the PSRT's GitHub team) or "keep".
The PSRT admins record each decision in psrt against inactivity report #3.

The activity evidence (which reports, when) stays with the PSRT: the reports
may be under embargo. Ask the PSRT admins for a member's evidence.

-- 
The PSRT admins, through psrt
`);
});

it('says no removal is recommended when nobody was inactive, and asks for no vote', () => {
  const text = inactivityEmail({ ...report, members: report.members.slice(1) }).text;
  expect(text).toContain('No member was inactive in this period: the PSRT recommends no removal.');
  expect(text).not.toContain('Please answer');
});
