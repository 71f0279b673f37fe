// `/audit`: the audit log for members, newest first, by subject or actor, a
// page at a time (`before` = the seq to continue below); `POST /audit/verify`:
// an admin verifies the chain now (the verification is recorded in the log).
import type { Context } from 'hono';
import { Hono } from 'hono';
import { auditLogAs, auditStatusAs, verifyAndRecordAudit } from '../../app/audit-log.ts';
import { isAllowed } from '../../app/authorize.ts';
import { UseCaseError } from '../../app/errors.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { type AuditFilters, AuditPage } from '../pages/audit.tsx';
import { signInFirst } from './signin.tsx';

/** A filter as typed into the form: trimmed; empty means none. */
function textFilter(c: Context<WebEnv>, name: string): string | undefined {
  const value = c.req.query(name)?.trim();
  if (!value) return undefined;
  if (value.length > 200) throw new UseCaseError('invalid', `The ${name} filter is at most 200 characters.`);
  return value;
}

function filtersOf(c: Context<WebEnv>): AuditFilters {
  const before = c.req.query('before');
  if (before !== undefined && !/^[1-9]\d{0,15}$/.test(before))
    throw new UseCaseError('invalid', '"before" is an event number, as the "older events" link gives it.');
  return {
    subject: textFilter(c, 'subject'),
    actor: textFilter(c, 'actor'),
    before: before === undefined ? undefined : Number(before),
  };
}

export function auditRoutes({ ctx, sandbox }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/audit', async (c) => {
    if (!c.get('login')) return signInFirst(c);
    const principal = c.get('principal');
    const filters = filtersOf(c);
    const [page, status] = await Promise.all([
      auditLogAs(ctx, principal, filters),
      auditStatusAs(ctx, principal),
    ]);
    return c.render(
      <AuditPage
        page={page}
        status={status}
        filters={filters}
        canVerify={isAllowed(principal, 'audit.verify')}
        sandbox={sandbox}
      />,
    );
  });

  app.post('/audit/verify', async (c) => {
    await verifyAndRecordAudit(ctx, c.get('principal'));
    return c.redirect('/audit', 303);
  });

  return app;
}
