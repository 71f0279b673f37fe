// /api/openapi.json as a client generator or a reviewer reads it: a valid
// OpenAPI 3.1 document (the official schema, every $ref resolving), every
// operation named, summarised and listing the problems it may answer, and an
// operation for every flow the psrt command offers.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import {
  ApiCaller,
  openApi31Problems,
  operations,
  schemaObjectProblems,
  unresolvedRefs,
} from './api-support.ts';

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses: Record<string, { content?: Json }>;
};

const store: Store = await openStore({ memory: true });
await store.migrate();
const app = createWebApp({
  ctx: { store, now: () => new Date(), log: createLogger('silent') },
  sandbox: false,
  sessionSecret: 'x'.repeat(32),
});
const document = await new ApiCaller(app).document();
const methods = ['get', 'post', 'put', 'patch', 'delete'];
const described: Operation[] = Object.values(
  document.paths as Record<string, Record<string, Operation>>,
).flatMap((item) => methods.filter((m) => m in item).map((m) => item[m] as Operation));

/** What the psrt command does, each by the operation it calls (see `psrt --help`). */
const cliFlows = [
  'listReports',
  'getReport',
  'getReportTimeline',
  'createReport',
  'editReport',
  'assignCoordinator',
  'requestHandoff',
  'acceptHandoff',
  'declineHandoff',
  'determineReport',
  'acceptReport',
  'rejectReport',
  'reopenReport',
  'extendDeadline',
  'grantAccess',
  'revokeAccess',
  'listCredits',
  'dropCredit',
  'previewPublication',
  'publishReport',
  'approveCveRecord',
  'renderAdvisory',
  'recordHistory',
  'refreshFixes',
  'approveRecordUpdate',
  'listCveOrphans',
  'rejectCveOrphans',
  'listRoster',
  'exportRoster',
  'importRoster',
  'leavePsrt',
  'setMemberRole',
  'listMembershipChanges',
  'getRosterDrift',
  'applyTeamSync',
  'planVenue',
  'markVenueApplied',
  'setMemberContact',
  'listAuditEvents',
  'recordAuditVerification',
  'listEffects',
  'retryEffect',
  'listWebhookDeliveries',
  'retryWebhookDelivery',
  'listIntake',
  'showThread',
  'triageThread',
  'checkCoverage',
  'applyCoverage',
  'importHistory',
  'whoAmI',
  'listTokens',
  'createToken',
  'revokeToken',
];

describe('the API description at /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document by the official schema', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(openApi31Problems(document)).toEqual([]);
  });

  it('the official schema does find a broken document', () => {
    const broken = structuredClone(document) as { paths: Record<string, Record<string, Json>> };
    const list = broken.paths['/v1/reports']?.get as { responses: Record<string, Json> };
    delete list.responses['200']?.description;
    expect(openApi31Problems(broken).join('\n')).toContain("must have required property 'description'");
  });

  it('resolves every $ref inside itself, and every schema is JSON Schema 2020-12', () => {
    expect(unresolvedRefs(document)).toEqual([]);
    expect(unresolvedRefs({ a: { $ref: '#/components/schemas/Nowhere' } })).toEqual([
      '#/components/schemas/Nowhere',
    ]);
    expect(schemaObjectProblems(document)).toEqual([]);
  });

  it('names and summarises every operation, once each, and tags it with its area', () => {
    const ids = described.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of described) {
      expect(op.summary, op.operationId).toMatch(/^[A-Z].{10,}/);
      expect(op.tags?.length, op.operationId).toBe(1);
    }
    // The route modules the CLI calls describe exactly the operations the document has.
    expect([...operations.keys()].sort()).toEqual([...ids].sort());
  });

  it('has an operation for every flow of the psrt command', () => {
    const ids = new Set(described.map((op) => op.operationId));
    expect(cliFlows.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('documents the problems each operation may answer as RFC 9457 problem details', () => {
    for (const op of described) {
      expect(Object.keys(op.responses), op.operationId).toContain('401');
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${op.operationId} ${status}`).toEqual([
          'application/problem+json',
        ]);
      }
    }
    const schemas = (document.components as { schemas: Json }).schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['Report', 'Publication', 'Checklist', 'EffectView', 'Effect', 'Problem']),
    );
  });
});

describe('requests the description does not allow', () => {
  it('an unknown operation is a problem pointing to the description', async () => {
    const response = await app.request('/api/v1/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('/api/openapi.json');
  });

  it('a query value out of range is a 400 problem naming the parameter', async () => {
    const response = await app.request('/api/v1/reports?limit=0');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { detail: string; errors: { where: string }[] };
    expect(body.errors.map((e) => e.where)).toEqual(['query.limit']);
  });
});
