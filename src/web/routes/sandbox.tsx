// `/sandbox` (sandbox mode only): what is simulated, and for members links to
// the simulators' pages and request logs and to the outgoing mail; for anyone
// signed in, a form that sends a report by mail to security@ (psrt's own intake).
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAllowed } from '../../app/authorize.ts';
import { type MailToSecurity, mailProblem, sendToIntake } from '../../sandbox/send-to-intake.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { leaveFlash, takeFlash } from '../flash.ts';
import { type SandboxLinks, SandboxPage } from '../pages/sandbox.tsx';
import { text } from './report-form.ts';
import { signInFirst } from './signin.tsx';

/** `/_sim/requests` beside a simulator's URL: what psrt asked of it. */
const requestsOf = (url: string | undefined) => (url ? `${new URL(url).origin}/_sim/requests` : null);

const flash = { path: '/sandbox', key: 'sandbox' };
const emptyMail: MailToSecurity = { from: '', subject: '', text: '' };

export function sandboxRoutes({
  ctx,
  sandbox,
  githubSimulatorUrl,
  cveSimulatorUrl,
  intakeSmtpUrl,
}: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const smtpUrl = () => intakeSmtpUrl?.() ?? null;

  const render = (
    c: Context<WebEnv>,
    login: string,
    mail: MailToSecurity,
    problem?: { status: ContentfulStatusCode; message: string },
  ) => {
    const principal = c.get('principal');
    const view = githubSimulatorUrl ? new URL(githubSimulatorUrl) : null;
    const links: SandboxLinks = {
      githubAdvisories: view ? `${view}?${new URLSearchParams({ as: login })}` : null,
      githubDeliveries: view ? `${new URL('deliveries', view)}?${new URLSearchParams({ as: login })}` : null,
      githubRequests: requestsOf(githubSimulatorUrl),
      cveRequests: requestsOf(cveSimulatorUrl),
    };
    if (problem) c.status(problem.status);
    return c.render(
      <SandboxPage
        links={links}
        member={principal.kind === 'user' && principal.member}
        intake={{
          running: smtpUrl() !== null,
          admin: isAllowed(principal, 'intake.read'),
          mail,
          flash: problem ? null : takeFlash(c, flash),
          problem: problem?.message ?? null,
        }}
      />,
    );
  };

  app.get('/sandbox', (c) => {
    if (!sandbox) return c.text('Not found', 404);
    const login = c.get('login');
    if (!login) return signInFirst(c);
    return render(c, login, emptyMail);
  });

  app.post('/sandbox/intake', async (c) => {
    if (!sandbox) return c.text('Not found', 404);
    const login = c.get('login');
    if (!login) return signInFirst(c, '/sandbox');
    const form = await c.req.parseBody();
    const mail = { from: text(form, 'from'), subject: text(form, 'subject'), text: text(form, 'body') };
    const problem = mailProblem(mail);
    if (problem) return render(c, login, mail, { status: 400, message: problem });
    const url = smtpUrl();
    if (!url)
      return render(c, login, mail, {
        status: 503,
        message: "The sandbox's SMTP intake is not running: restart psrt serve.",
      });
    try {
      await sendToIntake(url, mail);
    } catch (error) {
      // The SMTP server's answer names no mail content; the mail itself is never logged.
      ctx.log.warn(
        { err: error instanceof Error ? error.message : 'error' },
        'sandbox mail to security@ failed',
      );
      return render(c, login, mail, {
        status: 502,
        message: `The SMTP intake did not take the mail (${error instanceof Error ? error.message : 'unknown error'}).`,
      });
    }
    leaveFlash(
      c,
      flash,
      'Sent to security@python.org: psrt stored it and reads it into a thread within seconds.',
    );
    return c.redirect('/sandbox', 303);
  });
  return app;
}
