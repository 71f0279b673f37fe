// The descriptions of publishing (`psrt publish`, `psrt advisory …`, `psrt cve …`):
// the preview with every check, sending it, the CNA operator's approval, the
// records as text, their history, record updates and unused CVE IDs.
import { createRoute, z } from '@hono/zod-openapi';
import { acts, answer, jsonBody, readAnswer, reads } from '../operation.ts';
import {
  FixRefreshSchema,
  OrphanIdSchema,
  PublicationPreviewSchema,
  PublishedSchema,
  RecordVersionSchema,
  ReportEffectsSchema,
} from '../publication-schemas.ts';
import { ReportIdParam } from '../schemas.ts';

const tags = ['publication'];

export const previewPublication = createRoute({
  method: 'get',
  path: '/v1/reports/{id}/publication',
  operationId: 'previewPublication',
  tags,
  summary: 'What publishing now would send: the three records, with every requirement and check',
  request: { params: ReportIdParam },
  responses: { 200: readAnswer(PublicationPreviewSchema, 'The preview'), ...reads(400, 403, 404) },
});

export const publishReport = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/publication',
  operationId: 'publishReport',
  tags,
  summary:
    'Publish: send the advisory email, commit the OSV record, close the GHSA (the CVE record waits for a CNA operator)',
  description: 'Refused (422) unless every check passes; the problem then carries the preview in `errors`.',
  request: {
    params: ReportIdParam,
    ...jsonBody(
      z
        .strictObject({
          publishCve: z
            .boolean()
            .default(false)
            .openapi({ description: 'Also publish the CVE record now (PSF CNA operators only).' }),
        })
        .openapi('PublishRequest'),
      'How to publish',
    ),
  },
  responses: { 200: answer(PublishedSchema, 'Published'), ...acts(404, 409, 422) },
});

export const approveCveRecord = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/cve-record/approve',
  operationId: 'approveCveRecord',
  tags,
  summary: "A PSF CNA operator publishes the report's latest CVE record to CVE Services",
  request: { params: ReportIdParam },
  responses: { 200: answer(ReportEffectsSchema, 'The CVE record is being published'), ...acts(404, 422) },
});

export const recordFormats = ['email', 'cve', 'osv'] as const;
export type RecordFormat = (typeof recordFormats)[number];

export const RenderedAdvisorySchema = z
  .object({ id: z.string(), format: z.enum(recordFormats), text: z.string() })
  .openapi('RenderedAdvisory');

export const renderAdvisory = createRoute({
  method: 'get',
  path: '/v1/advisories/{id}/{format}',
  operationId: 'renderAdvisory',
  tags,
  summary: 'One record of a report (by PSRT, CVE or PSF id) as it is, or would be, published',
  description:
    'Published advisories are public; an embargoed report is not found for those who may not see it.',
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'PSF-2026-1' }),
      format: z.enum(recordFormats).openapi({ param: { name: 'format', in: 'path' } }),
    }),
  },
  responses: { 200: readAnswer(RenderedAdvisorySchema, 'The record, as text'), ...reads(400, 404, 422) },
});

export const recordHistory = createRoute({
  method: 'get',
  path: '/v1/reports/{id}/records',
  operationId: 'recordHistory',
  tags,
  summary: 'Every version of every record the report published, with where each is',
  request: { params: ReportIdParam },
  responses: {
    200: readAnswer(
      z.object({ records: z.array(RecordVersionSchema) }).openapi('RecordHistory'),
      'Oldest first',
    ),
    ...reads(400, 403, 404),
  },
});

export const refreshFixes = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/fixes/refresh',
  operationId: 'refreshFixes',
  tags,
  summary:
    "Read where the fix landed on GitHub: an open report's fix facts are updated; a published one gets a record update to approve",
  request: { params: ReportIdParam },
  responses: { 200: answer(FixRefreshSchema, 'What GitHub says'), ...acts(404, 422, 503) },
});

export const approveRecordUpdate = createRoute({
  method: 'post',
  path: '/v1/reports/{id}/record-update',
  operationId: 'approveRecordUpdate',
  tags,
  summary:
    'Approve the record update: store the new record versions and send them (the CVE record only by a CNA operator)',
  request: { params: ReportIdParam },
  responses: { 200: answer(ReportEffectsSchema, 'The update is being sent'), ...acts(404, 422, 503) },
});

export const listCveOrphans = createRoute({
  method: 'get',
  path: '/v1/cve-orphans',
  operationId: 'listCveOrphans',
  tags,
  summary: 'CVE IDs reserved at the CNA for the PSF that no report holds',
  responses: {
    200: readAnswer(z.object({ orphans: z.array(OrphanIdSchema) }).openapi('CveOrphans'), 'The orphans'),
    ...reads(403, 503),
  },
});

export const rejectCveOrphans = createRoute({
  method: 'post',
  path: '/v1/cve-orphans/reject',
  operationId: 'rejectCveOrphans',
  tags,
  summary: 'Reject these orphans at the CNA (each checked again first); this cannot be undone',
  request: {
    ...jsonBody(
      z.strictObject({ cveIds: z.array(z.string()).min(1).max(1000) }).openapi('OrphanRejection'),
      'The CVE IDs to reject',
    ),
  },
  responses: {
    200: answer(
      z.object({ rejected: z.array(z.string()) }).openapi('RejectedOrphans'),
      'The IDs rejected (one no longer orphaned is left alone)',
    ),
    ...acts(503),
  },
});
