// Public advisories: `/advisories` (the list), `/advisories/:id` (one, by PSF,
// CVE or report id), `/advisories/:id.json?format=osv|cve` (its records) and
// `/advisories.atom`. Anyone may read them; the read models only ever return
// published reports, and any other id answers as one that does not exist.
import { Hono } from 'hono';
import {
  latestAdvisories,
  listPublishedAdvisories,
  type PublicRecordFormat,
  publishedAdvisory,
  publishedRecord,
} from '../../app/advisories.ts';
import { isAllowed } from '../../app/authorize.ts';
import { UseCaseError } from '../../app/errors.ts';
import { advisoriesAtom } from '../advisory-feed.ts';
import type { WebDeps, WebEnv } from '../env.ts';
import { AdvisoriesPage, AdvisoryPage, SharedCvePage } from '../pages/advisories.tsx';

/** Entries in the feed: the newest advisories (a reader keeps what it saw before). */
const FEED_ENTRIES = 50;

const recordFormats: readonly PublicRecordFormat[] = ['osv', 'cve'];

export function advisoriesRoutes({ ctx, sandbox, publicUrl }: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/advisories', async (c) => {
    const page = Number(c.req.query('page') ?? '1');
    const list = await listPublishedAdvisories(ctx, { page: Number.isSafeInteger(page) ? page : 1 });
    const canImport = isAllowed(c.get('principal'), 'history.import');
    return c.render(<AdvisoriesPage list={list} sandbox={sandbox} canImport={canImport} />);
  });

  app.get('/advisories.atom', async (c) => {
    const origin = publicUrl ? new URL(publicUrl).origin : new URL(c.req.url).origin;
    const atom = await advisoriesAtom(origin, await latestAdvisories(ctx, FEED_ENTRIES), ctx.now());
    return c.body(atom, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });

  app.get('/advisories/:id', async (c) => {
    const id = c.req.param('id');
    if (id.endsWith('.json')) {
      const format = c.req.query('format') as PublicRecordFormat | undefined;
      if (!format || !recordFormats.includes(format))
        throw new UseCaseError(
          'invalid',
          'Say which record: ?format=osv (the PSF advisory database) or ?format=cve (the CVE record).',
        );
      const record = await publishedRecord(ctx, id.slice(0, -'.json'.length), format);
      return c.body(record.text, 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `inline; filename="${record.key}.${format}.json"`,
      });
    }
    const advisory = await publishedAdvisory(ctx, id);
    return advisory.kind === 'one'
      ? c.render(<AdvisoryPage advisory={advisory} sandbox={sandbox} />)
      : c.render(<SharedCvePage cveId={id} advisories={advisory.advisories} sandbox={sandbox} />);
  });

  return app;
}
