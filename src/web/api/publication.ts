// Publishing through the API: the preview with every check, sending it, the
// CNA operator's approval, the records as text and their history, record
// updates from GitHub, and CVE IDs no report holds.
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { findCveOrphans, rejectCveOrphans } from '../../app/cve-orphans.ts';
import { installationResolver } from '../../app/effects/services.ts';
import { approveRecordUpdate, refreshFixes } from '../../app/fix-updates.ts';
import {
  approveCveRecord,
  previewPublication,
  publishReport,
  recordHistory,
  renderAdvisory,
} from '../../app/publish.ts';
import type { WebEnv } from '../env.ts';
import { withETag } from './etag.ts';
import type { ApiDeps } from './index.ts';
import { ApiProblem } from './problem.ts';
import type { StoredRecordSchema } from './publication-schemas.ts';
import * as routes from './routes/publication.ts';

type StoredRecordOfFormat = z.output<typeof StoredRecordSchema>;

export function publicationOperations({ ctx, services }: ApiDeps): OpenAPIHono<WebEnv> {
  // The fix is read from GitHub, orphans from CVE Services: without them psrt cannot answer.
  const github = () => {
    if (!services.github)
      throw new ApiProblem(
        503,
        'GitHub is not configured (github.appId, GITHUB_APP_PRIVATE_KEY): psrt cannot read the fix.',
      );
    return installationResolver(services.github);
  };
  const cna = () => {
    if (!services.cna) throw new ApiProblem(503, 'CVE Services is not configured (cna.user, CVE_API_KEY).');
    return services.cna;
  };
  return new OpenAPIHono<WebEnv>()
    .openapi(routes.previewPublication, async (c) =>
      withETag(c, await previewPublication(ctx, c.get('principal'), c.req.valid('param').id)),
    )
    .openapi(routes.publishReport, async (c) => {
      const published = await publishReport(ctx, c.get('principal'), c.req.valid('param').id, {
        publishCve: c.req.valid('json').publishCve,
        cnaOperators: services.cnaOperators,
      });
      const { report, records, effects = [] } = published;
      // The store keeps each record's content as JSON; its format says which record it is.
      return c.json({ report, records: records as StoredRecordOfFormat[], effects }, 200);
    })
    .openapi(routes.approveCveRecord, async (c) => {
      const id = c.req.valid('param').id;
      const { report, effects = [] } = await approveCveRecord(
        ctx,
        c.get('principal'),
        id,
        services.cnaOperators,
      );
      return c.json({ report, effects }, 200);
    })
    .openapi(routes.renderAdvisory, async (c) => {
      const { id, format } = c.req.valid('param');
      return withETag(c, { id, format, text: await renderAdvisory(ctx, c.get('principal'), id, format) });
    })
    .openapi(routes.recordHistory, async (c) =>
      withETag(c, { records: await recordHistory(ctx, c.get('principal'), c.req.valid('param').id) }),
    )
    .openapi(routes.refreshFixes, async (c) =>
      c.json(await refreshFixes(ctx, c.get('principal'), c.req.valid('param').id, github()), 200),
    )
    .openapi(routes.approveRecordUpdate, async (c) => {
      const id = c.req.valid('param').id;
      const decision = await approveRecordUpdate(
        ctx,
        c.get('principal'),
        id,
        github(),
        services.cnaOperators,
      );
      return c.json({ report: decision.report, effects: decision.effects ?? [] }, 200);
    })
    .openapi(routes.listCveOrphans, async (c) =>
      withETag(c, { orphans: await findCveOrphans(ctx, c.get('principal'), cna()) }),
    )
    .openapi(routes.rejectCveOrphans, async (c) => {
      const { cveIds } = c.req.valid('json');
      return c.json({ rejected: await rejectCveOrphans(ctx, c.get('principal'), cna(), cveIds) }, 200);
    });
}
