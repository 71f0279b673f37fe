// The report page's CRA forms: each posts to `/reports/:id/cra/<action>`, calls one use-case of
// app/cra, then 303 back to the report with a flash message. Refusals show the report page with
// the use-case's words; a report the poster may not see answers as one that does not exist.
import { Hono } from 'hono';
import {
  answerCsirtRequest,
  editCraStageDraft,
  recordCraAwareness,
  recordCraIncident,
  recordCraMeasure,
  recordCraNotExploited,
  recordCsirtRequest,
  showCra,
  submitCraStage,
} from '../../app/cra.ts';
import { UseCaseError } from '../../app/errors.ts';
import { type CraStage, craRules, craStages } from '../../domain/cra.ts';
import type { Principal } from '../../domain/report.ts';
import { statusOfUseCaseError } from '../api/problem.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { type Form, oneOf, required, text, utcTime, wholeNumber } from './report-form.ts';
import { renderReportPage, setFlash } from './report-view.tsx';
import { signInFirst } from './signin.tsx';

type Action = (deps: WebDeps, actor: Principal, id: string, form: Form) => Promise<string>;

const time = (form: Form, name: string, what: string): Date => {
  const at = utcTime(form, name, what);
  if (at === null)
    throw new UseCaseError('invalid', `${what} is missing: fill it in and send the form again.`);
  return at;
};
const stageOf = (form: Form): CraStage => oneOf(form, 'stage', 'The CRA stage', craStages);
const sameText = (a: string, b: string) =>
  a.replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim();

const actions: Record<string, Action> = {
  async aware(deps, actor, id, form) {
    const awareAt = time(form, 'awareAt', 'The time of awareness');
    await recordCraAwareness(deps.ctx, actor, id, {
      awareAt,
      evidence: required(form, 'evidence', 'The evidence'),
    });
    return 'Active exploitation recorded: the CRA clocks run.';
  },
  async 'not-exploited'(deps, actor, id, form) {
    await recordCraNotExploited(deps.ctx, actor, id, required(form, 'reason', 'The reason'));
    return 'Recorded as not actively exploited: no CRA clock runs.';
  },
  async measure(deps, actor, id, form) {
    const availableAt = time(form, 'availableAt', 'The time the measure became available');
    const description = required(form, 'description', 'What the measure is');
    await recordCraMeasure(deps.ctx, actor, id, { availableAt, description });
    return "Measure recorded: the final report's clock runs.";
  },
  async incident(deps, actor, id, form) {
    const awareAt = time(form, 'awareAt', 'The time of awareness of the incident');
    await recordCraIncident(deps.ctx, actor, id, {
      awareAt,
      description: required(form, 'description', 'What happened'),
    });
    return 'Severe incident recorded: the incident clocks run.';
  },
  async 'csirt-request'(deps, actor, id, form) {
    await recordCsirtRequest(deps.ctx, actor, id, {
      csirt: required(form, 'csirt', 'Who asked'),
      request: required(form, 'request', 'What they asked'),
      askedAt: time(form, 'askedAt', 'When they asked'),
      dueAt: time(form, 'dueAt', 'When the answer is due'),
    });
    return "The CSIRT's request is recorded, with its due time.";
  },
  async 'csirt-answer'(deps, actor, id, form) {
    const request = wholeNumber(form, 'request', 'The request number', 1, 10_000);
    await answerCsirtRequest(deps.ctx, actor, id, request, required(form, 'answer', 'The answer'));
    return `The answer to request ${request} is recorded.`;
  },
  async draft(deps, actor, id, form) {
    const stage = stageOf(form);
    // Only what the person changed is theirs: a field left as the page showed it keeps following the report.
    const shown = (await showCra(deps.ctx, actor, id)).drafts.find((draft) => draft.stage === stage);
    const fields: Record<string, string> = {};
    for (const name of Object.keys(form)) {
      if (!name.startsWith('field.')) continue;
      const key = name.slice('field.'.length);
      const written = text(form, name);
      const before = shown?.fields.find((field) => field.key === key)?.value;
      if (before === undefined || !sameText(written, before)) fields[key] = written;
    }
    if (Object.keys(fields).length === 0) return 'Nothing changed in the draft.';
    await editCraStageDraft(deps.ctx, actor, id, stage, fields);
    return `The draft of the ${craRules[stage].label} is saved.`;
  },
  async submit(deps, actor, id, form) {
    const stage = stageOf(form);
    const submission = await submitCraStage(
      deps.ctx,
      actor,
      id,
      stage,
      required(form, 'reference', 'The reference'),
    );
    return `The ${craRules[stage].label} is recorded as submitted (reference ${submission.reference}); its copy is kept below.`;
  },
};

export function reportCraRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.post('/reports/:id/cra/:action', async (c) => {
    const id = c.req.param('id');
    if (!c.get('login')) return signInFirst(c, `/reports/${encodeURIComponent(id)}`);
    const action = actions[c.req.param('action')];
    if (!action) return c.text('Not found', 404);
    try {
      setFlash(c, id, await action(deps, c.get('principal'), id, await c.req.parseBody()));
      return c.redirect(`/reports/${encodeURIComponent(id)}#cra`, 303);
    } catch (error) {
      if (!(error instanceof UseCaseError)) throw error;
      return renderReportPage(c, deps, id, {
        status: statusOfUseCaseError[error.code],
        message: error.message,
      });
    }
  });
  return app;
}
