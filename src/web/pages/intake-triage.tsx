// The admins' decisions on a security@ thread, one form each, every one posting to
// `/intake/{id}/triage` with its `decision`: spam, not a vulnerability (with the devguide reply
// it sends), forward, ask for information, redirect to GHSA, file as a report, link to one.

import type { ForwardDestination } from '../../app/intake-triage.ts';
import { missingInformation } from '../../domain/policy-check.ts';
import type { StoredThread } from '../../store/index.ts';
import { PostForm } from './forms.tsx';

/**
 * What the security policy asks a report to include (devguide security/policy.rst, "What to
 * include"): the choices of "Needs information", each in words the reporter reads.
 */
export const missingChoices: readonly string[] = [
  'a short description of the vulnerability, in a few sentences',
  missingInformation.versions,
  missingInformation.proofOfConcept,
  missingInformation.plainText,
  'confirmation that you checked the facts of the report (for example, that the APIs it names exist)',
];

export interface TriageFormsProps {
  thread: StoredThread;
  forwardTo: readonly ForwardDestination[];
  /** The devguide's "not a vulnerability" reply, as the reporter will get it. */
  rejectionReply: string | null;
  /** Items of `missingChoices` to check beforehand (what the policy check found missing). */
  missing?: readonly string[];
}

export function TriageForms({ thread, forwardTo, rejectionReply, missing = [] }: TriageFormsProps) {
  const action = `/intake/${thread.id}/triage`;
  return (
    <section aria-labelledby="triage" class="triage">
      <h2 id="triage">Decide</h2>
      <div class="transitions triage-forms">
        <section class="card" aria-labelledby="triage-spam">
          <h3 id="triage-spam">Spam</h3>
          <p class="hint">Discarded without a reply, as the security policy says.</p>
          <PostForm action={action}>
            <input type="hidden" name="decision" value="spam" />
            <button type="submit" class="danger">
              Spam: discard without a reply
            </button>
          </PostForm>
        </section>
        <section class="card" aria-labelledby="triage-reject">
          <h3 id="triage-reject">Not a vulnerability</h3>
          {rejectionReply ? (
            <details class="more" open>
              <summary>The reply the reporter gets</summary>
              <pre class="body reply-text">{rejectionReply}</pre>
            </details>
          ) : null}
          <PostForm action={action}>
            <input type="hidden" name="decision" value="not-a-vulnerability" />
            <button type="submit">Not a vulnerability: send the reply</button>
          </PostForm>
        </section>
        <section class="card" aria-labelledby="triage-forward">
          <h3 id="triage-forward">Forward</h3>
          {forwardTo.length === 0 ? (
            <p class="hint">No forwarding destinations are configured (intake.forwardTo).</p>
          ) : (
            <PostForm action={action} class="stack">
              <input type="hidden" name="decision" value="forward" />
              <label>
                Forward to
                <select name="destination">
                  {forwardTo.map((destination) => (
                    <option value={destination.name}>{`${destination.name} (${destination.address})`}</option>
                  ))}
                </select>
              </label>
              <button type="submit">Forward the thread</button>
            </PostForm>
          )}
        </section>
        <section class="card" aria-labelledby="triage-ask">
          <h3 id="triage-ask">Needs information</h3>
          <PostForm action={action} class="stack">
            <input type="hidden" name="decision" value="needs-information" />
            <fieldset class="missing">
              <legend>The reply asks for</legend>
              {missingChoices.map((choice) => (
                <label class="check-label">
                  <input type="checkbox" name="missing" value={choice} checked={missing.includes(choice)} />{' '}
                  {choice}
                </label>
              ))}
            </fieldset>
            <label>
              Anything else (one per line)
              <textarea name="other" rows={2} />
            </label>
            <button type="submit">Ask the reporter</button>
          </PostForm>
        </section>
        <section class="card" aria-labelledby="triage-redirect">
          <h3 id="triage-redirect">Redirect to GHSA</h3>
          <p class="hint">
            The devguide's reply: submit it through the repository's GitHub Security Advisory form.
          </p>
          <PostForm action={action} class="stack">
            <input type="hidden" name="decision" value="redirect" />
            <label>
              Repository
              <input type="text" name="repository" value="python/cpython" required />
            </label>
            <button type="submit">Send the GHSA link</button>
          </PostForm>
        </section>
        <section class="card" aria-labelledby="triage-file">
          <h3 id="triage-file">File as a report</h3>
          <p class="hint">
            A new report in triage on the reporter's behalf, its clock from this email; psrt opens its GHSA.
          </p>
          <PostForm action={action} class="stack">
            <input type="hidden" name="decision" value="file" />
            <label>
              Repository
              <input type="text" name="repository" value="python/cpython" required />
            </label>
            <label>
              Title
              <input type="text" name="title" value={thread.subject} required />
            </label>
            <label>
              Reporter's GitHub login <span class="muted">(optional: credits them on the GHSA)</span>
              <input type="text" name="reporterLogin" autocomplete="off" spellcheck={false} />
            </label>
            <button type="submit" class="primary">
              File as a report
            </button>
          </PostForm>
        </section>
        <section class="card" aria-labelledby="triage-link">
          <h3 id="triage-link">Link to a report</h3>
          <p class="hint">
            The thread belongs to a report psrt has (the reporter filed the GHSA, a follow-up).
          </p>
          <PostForm action={action} class="stack">
            <input type="hidden" name="decision" value="link" />
            <label>
              PSRT id
              <input type="text" name="reportId" placeholder="PSRT-2026-0001" required />
            </label>
            <button type="submit">Link to the report</button>
          </PostForm>
        </section>
      </div>
    </section>
  );
}
