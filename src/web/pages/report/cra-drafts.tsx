// Each running CRA stage's draft with the fields Art. 14(2)/(4) ask for (filled from the report,
// completed by a person, the missing required ones named), the form recording its submission to
// ENISA, and the frozen copies of what was submitted.
import type { CraView } from '../../../app/cra.ts';
import { craRules } from '../../../domain/cra.ts';
import type { CraDraft } from '../../../domain/cra-drafts.ts';
import type { CraSubmission } from '../../../store/index.ts';
import { PostForm } from '../forms.tsx';
import { When } from './parts.tsx';

/** Where the CRA section's forms post. */
export const craAction = (reportId: string, action: string) => `/reports/${reportId}/cra/${action}`;

const sourceWords = {
  person: 'written here',
  report: "from the report's facts",
  missing: 'missing',
} as const;

function Draft({ reportId, draft, due }: { reportId: string; draft: CraDraft; due: Date | null }) {
  const label = craRules[draft.stage].label;
  return (
    <div class="cra-draft" data-cra-draft={draft.stage}>
      <h4>
        Draft: {label}
        {due ? (
          <>
            {' '}
            (due <When at={due} />)
          </>
        ) : null}
      </h4>
      {draft.missing.length > 0 ? (
        <p class="problem" data-cra-missing="">
          Missing required fields: {draft.missing.join('; ')}.
        </p>
      ) : (
        <p class="ok">Every required field is filled.</p>
      )}
      <PostForm action={craAction(reportId, 'draft')} class="stack">
        <input type="hidden" name="stage" value={draft.stage} />
        {draft.fields.map((field) => (
          <label>
            {field.label}
            {field.required ? '' : ' (if known)'}{' '}
            <span class="hint">
              {field.article}, {sourceWords[field.source]}
            </span>
            <textarea name={`field.${field.key}`} rows={2}>
              {field.value}
            </textarea>
          </label>
        ))}
        <button type="submit">Save the draft</button>
      </PostForm>
      <PostForm action={craAction(reportId, 'submit')} class="inline">
        <input type="hidden" name="stage" value={draft.stage} />
        <label>
          Single Reporting Platform reference
          <input type="text" name="reference" required />
        </label>{' '}
        <button type="submit" class="primary">
          Record as submitted
        </button>
      </PostForm>
    </div>
  );
}

export function CraDrafts({ view }: { view: CraView }) {
  if (view.drafts.length === 0) return null;
  return (
    <>
      <h3>Drafts</h3>
      <p class="hint">
        Save the draft, submit its text on ENISA's Single Reporting Platform, then record it here with the
        platform's reference.
      </p>
      {view.drafts.map((draft) => (
        <Draft
          reportId={view.reportId}
          draft={draft}
          due={view.clocks.find((clock) => clock.stage === draft.stage)?.due ?? null}
        />
      ))}
    </>
  );
}

/** What was submitted, exactly as it was: never edited. */
export function CraSubmissions({ submissions }: { submissions: CraSubmission[] }) {
  if (submissions.length === 0) return null;
  return (
    <>
      <h3>Submitted to ENISA</h3>
      {submissions.map((submission) => (
        <div class="cra-submission" data-cra-submission={submission.stage}>
          <h4>
            {craRules[submission.stage as keyof typeof craRules]?.label ?? submission.stage}: reference{' '}
            <code>{submission.reference}</code>, by {submission.submittedBy}{' '}
            <When at={submission.submittedAt} />
          </h4>
          <dl>
            {submission.fields.map((field) => (
              <>
                <dt>{field.label}</dt>
                <dd>{field.value || '—'}</dd>
              </>
            ))}
          </dl>
        </div>
      ))}
    </>
  );
}
