// The buttons and forms a person uses on an advisory's page on GitHub, as one table: when each is
// offered, what it asks for, and the control operation it performs (the same one the JSON routes
// under /_sim/ui/ call, so the same rules refuse what GitHub would). A new UI action (merging a
// private-fork pull request, say) is one more entry here, or in `pullActions` below.
import type { GitHubSimControl } from '../control.ts';
import type { Access, AdvisoryView, PullView } from './model.ts';

export interface Field {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'checkbox';
  required?: boolean;
  /** What the field holds when the form is shown. */
  initial?: (advisory: AdvisoryView) => string;
  hint?: string;
}

export interface ActionInput {
  control: GitHubSimControl;
  ref: { as: string; owner: string; repo: string; ghsaId: string };
  form: Record<string, string>;
  advisory: AdvisoryView;
}

export interface AdvisoryAction {
  /** Its path segment: POST /_sim/view/advisories/{owner}/{repo}/{ghsa}/{name}. */
  name: string;
  label: string;
  /** Offered when this holds; the rules still decide (a refusal is shown as GitHub words it). */
  offered: (advisory: AdvisoryView, as: string, access: Access) => boolean;
  fields?: Field[];
  /** Performs it and says what happened, for the page it redirects back to. */
  run: (input: ActionInput) => string | Promise<string>;
  /** A button that undoes work (close): drawn as such. */
  danger?: boolean;
}

const open = (a: AdvisoryView) => a.state === 'triage' || a.state === 'draft';
const pendingCredit = (a: AdvisoryView, as: string) =>
  a.credits.some((c) => c.login.toLowerCase() === as.toLowerCase() && c.state === 'pending');

export const advisoryActions: AdvisoryAction[] = [
  {
    name: 'accept',
    label: 'Accept as draft',
    offered: (a) => a.state === 'triage',
    run: ({ control, ref }) => {
      control.acceptReport(ref);
      return `${ref.ghsaId} accepted: it is a draft now.`;
    },
  },
  {
    name: 'edit',
    label: 'Save title and description',
    offered: (a) => a.state !== 'withdrawn',
    fields: [
      { name: 'summary', label: 'Title', kind: 'text', required: true, initial: (a) => a.summary },
      { name: 'description', label: 'Description', kind: 'textarea', initial: (a) => a.description },
    ],
    run: ({ control, ref, form }) => {
      control.editAdvisory({
        ...ref,
        changes: { summary: form.summary ?? '', description: form.description ?? '' },
      });
      return `${ref.ghsaId} saved.`;
    },
  },
  {
    // GitHub's advisory form picks weaknesses from the CWE list; here they are typed, and the same
    // rule as the REST API's `cwe_ids` refuses an unknown one.
    name: 'cwes',
    label: 'Save weaknesses (CWE)',
    offered: (a) => a.state !== 'withdrawn',
    fields: [
      {
        name: 'cwe_ids',
        label: 'Weaknesses (CWE ids)',
        kind: 'text',
        initial: (a) => a.cweIds.join(', '),
        hint: 'Comma-separated, e.g. CWE-22, CWE-59; empty for none.',
      },
    ],
    run: ({ control, ref, form }) => {
      const ids = (form.cwe_ids ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((id) => (/^\d+$/.test(id) ? `CWE-${id}` : id.toUpperCase()));
      control.editAdvisory({ ...ref, changes: { cwe_ids: ids } });
      return ids.length > 0
        ? `${ref.ghsaId} weaknesses saved: ${ids.join(', ')}.`
        : `${ref.ghsaId} names no weakness now.`;
    },
  },
  {
    name: 'comment',
    label: 'Comment',
    offered: (a) => a.state !== 'withdrawn',
    fields: [
      { name: 'body', label: 'Comment', kind: 'textarea', required: true },
      {
        name: 'confidential',
        label: 'Confidential (kept in the web UI, never sent through REST)',
        kind: 'checkbox',
      },
    ],
    run: ({ control, ref, form }) => {
      control.comment({ ...ref, body: form.body ?? '', confidential: form.confidential === 'on' });
      return `Commented on ${ref.ghsaId}.`;
    },
  },
  {
    name: 'fork',
    label: 'Start a temporary private fork',
    offered: (a) => open(a) && a.fork === null,
    run: ({ control, ref }) => {
      control.startPrivateFork(ref);
      return `A temporary private fork of ${ref.owner}/${ref.repo} was started for ${ref.ghsaId}.`;
    },
  },
  {
    name: 'pull',
    label: 'Open a pull request in the private fork',
    offered: (a) => open(a) && a.fork !== null,
    fields: [
      { name: 'title', label: 'Pull request title', kind: 'text', required: true },
      { name: 'branch', label: 'Branch', kind: 'text', required: true, initial: () => 'fix' },
      {
        name: 'files',
        label: 'Files changed',
        kind: 'textarea',
        required: true,
        hint: 'One path per line, e.g. Lib/tarfile.py (CODEOWNERS of these are the experts).',
      },
    ],
    run: ({ control, ref, form, advisory }) => {
      const fork = advisory.fork;
      if (!fork) throw new Error(`${ref.ghsaId} has no temporary private fork: start one first.`);
      const paths = (form.files ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const { number } = control.addPullRequest({
        owner: fork.owner,
        repo: fork.name,
        title: form.title ?? '',
        user: ref.as,
        head: { ref: form.branch || 'fix' },
        files: paths.map((filename) => ({ filename, status: 'modified', additions: 1, deletions: 1 })),
      });
      return `Pull request #${number} opened in ${fork.owner}/${fork.name}.`;
    },
  },
  {
    name: 'publish',
    label: 'Publish advisory',
    offered: (a) => a.state === 'draft',
    run: ({ control, ref }) => {
      control.publishAdvisory(ref);
      return `${ref.ghsaId} published.`;
    },
  },
  {
    name: 'close',
    label: 'Close advisory',
    offered: open,
    danger: true,
    run: ({ control, ref }) => {
      control.closeAdvisory(ref);
      return `${ref.ghsaId} closed.`;
    },
  },
  {
    name: 'reopen',
    label: 'Reopen as draft',
    offered: (a) => a.state === 'closed',
    run: ({ control, ref }) => {
      control.reopenAdvisory(ref);
      return `${ref.ghsaId} reopened as a draft.`;
    },
  },
  {
    name: 'credit-accept',
    label: 'Accept my credit',
    offered: pendingCredit,
    run: ({ control, ref }) => {
      control.answerCredit({ ...ref, answer: 'accepted' });
      return `${ref.as} accepted the credit on ${ref.ghsaId}.`;
    },
  },
  {
    name: 'credit-decline',
    label: 'Decline my credit',
    offered: pendingCredit,
    run: ({ control, ref }) => {
      control.answerCredit({ ...ref, answer: 'declined' });
      return `${ref.as} declined the credit on ${ref.ghsaId}.`;
    },
  },
];

export interface PullAction {
  /** POST /_sim/view/advisories/{owner}/{repo}/{ghsa}/pulls/{number}/{name}. */
  name: string;
  label: string;
  offered: (pull: PullView) => boolean;
  run: (input: ActionInput & { pull: PullView }) => string | Promise<string>;
}

/**
 * Buttons on a private-fork pull request: "Merge pull request", which the devguide forbids in a
 * temporary private fork (psrt's bot alerts the coordinator and admins when it is pressed).
 */
export const pullActions: PullAction[] = [
  {
    name: 'merge',
    label: 'Merge pull request',
    offered: (pull) => pull.state === 'open',
    run: ({ control, ref, advisory, pull }) => {
      const fork = advisory.fork;
      if (!fork) throw new Error('the advisory has no private fork');
      control.mergePullRequest({ as: ref.as, owner: fork.owner, repo: fork.name, number: pull.number });
      return `${ref.as} merged pull request #${pull.number} in ${fork.owner}/${fork.name}.`;
    },
  },
];
