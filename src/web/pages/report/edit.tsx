// Editing the advisory fields of an open report: title, CVE ID, CVSS v4 vector, affected versions,
// fix pull requests, the CVE record's affected version ranges and the references, the reporter's
// credit preference and the CRA start times. The form carries
// the version it was made from, so an edit made meanwhile is never silently overwritten.
import type { Report } from '../../../domain/report.ts';
import { CvssCalculator } from '../cvss-calculator.tsx';
import { PostForm } from '../forms.tsx';
import {
  affectedHelp,
  affectedText,
  fixesHelp,
  fixesText,
  referencesHelp,
  referencesText,
  versionsHelp,
  versionsText,
} from './field-text.ts';
import { actionUrl } from './parts.tsx';

/** `YYYY-MM-DDTHH:MM` in UTC, as a datetime-local input holds it. */
export const minuteText = (at: Date | null): string => (at ? at.toISOString().slice(0, 16) : '');

/**
 * The CVSS v4 vector field. The one place the CVSS calculator (`CvssCalculator` from
 * ../cvss-calculator.tsx, field name `cvss`) replaces a plain input.
 */
export function EditFields({ report }: { report: Report }) {
  const preference = report.creditPreference;
  const credit = preference === null ? 'unknown' : preference.credit ? 'credit' : 'none';
  return (
    <details class="more edit" id="edit">
      <summary>Edit the advisory fields</summary>
      <PostForm action={actionUrl(report.id, 'edit')} class="stack edit-form">
        <input type="hidden" name="version" value={report.updatedAt.toISOString()} />
        <label>
          Title
          <input type="text" name="title" value={report.title} required maxlength={1024} />
        </label>
        <div class="two">
          <label>
            CVE ID
            <input
              type="text"
              name="cveId"
              value={report.cveId ?? ''}
              class="mono"
              placeholder="CVE-2026-12345"
            />
          </label>
          <CvssCalculator vector={report.cvssVector} name="cvss" compute={false} />
        </div>
        <label>
          Affected
          <textarea name="affected" rows={3} class="mono">
            {affectedText(report.affected)}
          </textarea>
          <span class="hint">{affectedHelp}</span>
        </label>
        <label>
          Fix pull requests
          <textarea name="fixes" rows={3} class="mono">
            {fixesText(report.fixPullRequests)}
          </textarea>
          <span class="hint">{fixesHelp}</span>
        </label>
        <label>
          CVE affected versions
          <textarea name="versions" rows={3} class="mono">
            {versionsText(report.publication.products[0]?.versions ?? [])}
          </textarea>
          <span class="hint">{versionsHelp}</span>
        </label>
        <label>
          References
          <textarea name="references" rows={3} class="mono">
            {referencesText(report.publication.references)}
          </textarea>
          <span class="hint">{referencesHelp}</span>
        </label>
        <fieldset class="credit">
          <legend>The reporter's credit</legend>
          <label class="check-label">
            <input type="radio" name="credit" value="unknown" checked={credit === 'unknown'} /> not asked yet
          </label>
          <label class="check-label">
            <input type="radio" name="credit" value="none" checked={credit === 'none'} /> no credit
          </label>
          <label class="check-label">
            <input type="radio" name="credit" value="credit" checked={credit === 'credit'} /> credit as
            <input type="text" name="creditName" value={preference?.name ?? ''} aria-label="Name to credit" />
          </label>
        </fieldset>
        <div class="two">
          <label>
            Aware of active exploitation (UTC)
            <input
              type="datetime-local"
              name="exploitationAwareAt"
              value={minuteText(report.cra.exploitationAwareAt)}
            />
          </label>
          <label>
            Fix or mitigation available (UTC)
            <input
              type="datetime-local"
              name="fixAvailableAt"
              value={minuteText(report.cra.fixAvailableAt)}
            />
          </label>
        </div>
        <p class="hint">
          Corrects the CRA times only; record awareness with its evidence, and the measure, in the CRA
          section.
        </p>
        <button type="submit" class="primary">
          Save changes
        </button>
      </PostForm>
    </details>
  );
}
