// The sandbox's people who are not on the roster: the visitors one can sign in as, to see what
// the embargo hides, and the invented reporters of the demo reports (GitHub users in the
// simulator). Roster members are the real PSRT, from sandbox/psrt.csv.

/** Someone not on the roster whom the sandbox's sign-in page offers. */
export interface DemoVisitor {
  login: string;
  label: string;
  description: string;
}

export const demoVisitors: DemoVisitor[] = [
  {
    login: 'mira-finds-bugs',
    label: 'Mira (reporter)',
    description: 'the reporter, granted access to her report',
  },
  { login: 'zip-expert', label: 'Kai (expert)', description: 'an expert, granted access to one report' },
  { login: 'curious-visitor', label: 'A visitor', description: 'signed in, but no access to anything' },
];
