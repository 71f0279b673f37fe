// The sandbox's people who are not on the roster: the visitors one can sign in as, to see what
// the embargo hides, and the invented reporters of the demo reports (GitHub users in the
// simulator). Roster members are the real PSRT, from sandbox/psrt.csv. The GitHub simulator's
// sign-in page offers them all, grouped as here.
import type { SignInGroup } from '../../sim/github/index.ts';
import type { RosterEntry } from '../domain/report.ts';

/** Someone not on the roster whom the sandbox's sign-in offers. */
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

/** Maintainers in the demo organisation whom CODEOWNERS names (and who get grants on fixes). */
export const codeOwners = [
  { login: 'ethanfurman', note: 'code owner of tarfile' },
  { login: 'jaraco', note: 'code owner of zipfile' },
];

const visitor = (login: string) => {
  const found = demoVisitors.find((v) => v.login === login);
  return found ? [{ login: found.login, name: found.label, note: found.description }] : [];
};

/** How the GitHub simulator's sign-in page groups the sandbox's people. */
export function signInGroups(
  roster: readonly RosterEntry[],
  storyReporters: readonly string[],
): SignInGroup[] {
  const members = roster
    .filter((entry) => entry.list === 'member' && entry.login)
    .map((entry) => ({ login: entry.login as string, name: entry.name, badges: [...entry.roles] }));
  return [
    {
      title: 'PSRT members',
      note: 'On the roster: they see every report. Admins also manage the roster.',
      people: members,
    },
    {
      title: 'Collaborators and experts',
      note: 'Granted access to single reports.',
      people: [...visitor('zip-expert'), ...codeOwners],
    },
    {
      title: 'Reporters',
      note: 'They reported privately on GitHub and see their own report.',
      people: [
        ...visitor('mira-finds-bugs'),
        ...storyReporters.map((login) => ({ login, note: 'a demo reporter' })),
      ],
    },
    {
      title: 'Outsiders',
      note: 'Signed in, but granted nothing: the embargo hides every open report.',
      people: visitor('curious-visitor'),
    },
  ];
}
