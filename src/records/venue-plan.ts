// A mailing list's or Discord role's plan as text for the person who applies
// it (psrt never changes either itself): what to add and remove, one value a
// line, ready for Mailman's mass subscription and removal pages.
import type { VenueDrift } from '../domain/roster-drift.ts';

const words = {
  'mailing-list': {
    title: 'PSRT mailing list',
    add: 'Subscribe (Mass subscription, one address a line)',
    remove: 'Unsubscribe (Mass removal, one address a line)',
    missing:
      'Members whose address psrt does not know (they, or an admin, set it: psrt roster contact LOGIN --email ADDRESS)',
  },
  discord: {
    title: 'PSRT Discord role',
    add: 'Grant the role to',
    remove: 'Revoke the role from',
    missing: 'Members whose Discord name psrt does not know (psrt roster contact LOGIN --discord NAME)',
  },
} as const;

function basisLine(plan: Pick<VenueDrift, 'basis'>): string {
  switch (plan.basis.kind) {
    case 'given':
      return 'Compared with: the current list given with this plan.';
    case 'last-applied':
      return `Compared with: what the last plan marked applied left (${plan.basis.at.toISOString().slice(0, 16).replace('T', ' ')} UTC, by ${plan.basis.by}).`;
    case 'unknown':
      return 'Compared with: nothing (no current list given and no plan marked applied yet), so every known member is to be added.';
  }
}

/** The plan as a text file; `at` is when it was made. */
export function venuePlanText(plan: VenueDrift, at: Date): string {
  const w = words[plan.venue];
  const section = (title: string, lines: readonly string[]) =>
    lines.length === 0 ? [] : ['', `${title}:`, ...lines];
  return [
    `# ${w.title}: plan of ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC, from psrt`,
    `# ${basisLine(plan)}`,
    ...(plan.add.length + plan.remove.length === 0 ? ['', 'Nothing to change.'] : []),
    ...section(
      w.add,
      plan.add.map((entry) => entry.value),
    ),
    ...section(
      w.remove,
      plan.remove.map((entry) => entry.value),
    ),
    ...section(
      'Waiting for the GitHub team first (leave these as they are for now)',
      plan.onItsWay.map((change) => `${change.name} (@${change.login}): ${change.kind}`),
    ),
    ...section(
      w.missing,
      plan.missing.map((person) => `${person.name} (@${person.login})`),
    ),
    '',
  ].join('\n');
}
