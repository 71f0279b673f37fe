// `/history`: admins load the PSF's published records one at a time, the same
// use-case as `psrt import` and `POST /api/v1/history/{format}`.
import { type Context, Hono } from 'hono';
import { isAllowed } from '../../app/authorize.ts';
import { UseCaseError } from '../../app/errors.ts';
import { importRecord } from '../../app/history.ts';
import type { RecordFormat } from '../../app/record-files.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { HistoryImportPage, type HistoryImportView } from '../pages/history-import.tsx';
import { signInFirst } from './signin.tsx';

const formats: readonly RecordFormat[] = ['osv', 'cve'];

export function historyImportRoutes({ ctx, sandbox }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  /** Admins only (PEP 811); refused before anything is read. */
  const admin = (c: Context<WebEnv>) => {
    if (!isAllowed(c.get('principal'), 'history.import'))
      throw new UseCaseError('forbidden', 'Only PSRT admins may import published records; ask an admin.');
  };
  const page = (c: Context<WebEnv>, view: Omit<HistoryImportView, 'sandbox'>) =>
    c.render(<HistoryImportPage sandbox={sandbox} {...view} />);

  app.get('/history', (c) => {
    if (!c.get('login')) return signInFirst(c);
    admin(c);
    return page(c, { outcome: null, format: 'osv', record: '', dryRun: false });
  });

  app.post('/history', async (c) => {
    if (!c.get('login')) return signInFirst(c, '/history');
    admin(c);
    const form = await c.req.parseBody();
    const format = formats.find((name) => name === form.format);
    if (!format) throw new UseCaseError('invalid', 'Choose the format: osv or cve.');
    const record = typeof form.record === 'string' ? form.record : '';
    const dryRun = form.dryRun === 'yes';
    let json: unknown;
    try {
      json = JSON.parse(record);
    } catch (error) {
      c.status(400);
      const message = `The record is not JSON: ${(error as Error).message}`;
      const outcome = {
        status: 'skipped' as const,
        reportId: null,
        problems: [{ path: '', message }],
        differences: [],
      };
      return page(c, { outcome, format, record, dryRun });
    }
    const outcome = await importRecord(ctx, c.get('principal'), format, json, { dryRun });
    if (outcome.status === 'skipped') c.status(422);
    return page(c, { outcome, format, record, dryRun });
  });
  return app;
}
