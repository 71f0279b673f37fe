// The validator itself, on hand-made messages for real operations of the official descriptions.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cveDescription, descriptionPaths } from '../../sim/conformance/descriptions.ts';
import {
  type Allowance,
  createConformance,
  loadDescription,
  type Problem,
} from '../../sim/conformance/openapi.ts';
import { assertConformant, checkExchanges, recordExchanges } from '../../sim/conformance/record.ts';
import { checkDelivery } from '../../sim/conformance/webhooks.ts';
import { ADVISORY_URL, deliveryHeaders, draftAdvisory, GHSA, JSON_HEADERS, simpleUser } from './fixtures.ts';

const github = loadDescription(descriptionPaths.githubRest());
const plain = createConformance(github);
const GET_ADVISORY = 'security-advisories/get-repository-advisory';

function summary(problems: Problem[]) {
  return problems.map(({ operationId, location, instancePath, keyword }) => ({
    operationId,
    location,
    instancePath,
    keyword,
  }));
}

function advisoryProblems(body: unknown, conformance = plain) {
  return conformance.checkResponse('GET', ADVISORY_URL, 200, JSON_HEADERS, JSON.stringify(body));
}

describe('matching a request to an operation of the description', () => {
  it('names the operation, its path template and its parameters', () => {
    expect(plain.matchOperation('GET', `${ADVISORY_URL}?x=1`)).toEqual({
      operationId: GET_ADVISORY,
      method: 'GET',
      pathTemplate: '/repos/{owner}/{repo}/security-advisories/{ghsa_id}',
      params: { owner: 'python', repo: 'cpython', ghsa_id: GHSA },
    });
  });

  it('prefers a literal segment to a templated one: a private report is not an advisory id', () => {
    const match = plain.matchOperation(
      'POST',
      'https://api.github.com/repos/python/cpython/security-advisories/reports',
    );
    expect(match?.operationId).toBe('security-advisories/create-private-vulnerability-report');
  });

  it('lets the contents path span folders, encoded or not', () => {
    for (const path of ['.github/CODEOWNERS', '.github%2FCODEOWNERS']) {
      const match = plain.matchOperation(
        'GET',
        `https://api.github.com/repos/python/cpython/contents/${path}?ref=main`,
      );
      expect(match?.operationId).toBe('repos/get-content');
      expect(match?.params.path).toBe('.github/CODEOWNERS');
    }
  });

  it('treats an operation the description lacks as a problem, and a wrong method differently from a wrong path', () => {
    const comments = `${ADVISORY_URL}/comments`;
    expect(summary(plain.checkResponse('GET', comments, 200, JSON_HEADERS, '[]'))).toEqual([
      { operationId: null, location: 'operation', instancePath: '', keyword: 'unknown-operation' },
    ]);
    expect(plain.checkRequest('DELETE', ADVISORY_URL, {}, undefined)[0]?.keyword).toBe('method-not-allowed');
  });
});

describe('a repository advisory response (security-advisories/get-repository-advisory)', () => {
  it('accepts a correct draft advisory', () => {
    expect(advisoryProblems(draftAdvisory())).toEqual([]);
  });

  it('accepts null where the description says nullable, including a nullable $ref (author)', () => {
    expect(
      advisoryProblems({ ...draftAdvisory(), author: null, severity: null, vulnerabilities: null }),
    ).toEqual([]);
  });

  it('reports a missing required key at its path', () => {
    const { ghsa_id: _omitted, ...advisory } = draftAdvisory();
    expect(summary(advisoryProblems(advisory))).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/ghsa_id', keyword: 'required' },
    ]);
  });

  it('reports a value outside an enum', () => {
    const problems = advisoryProblems({ ...draftAdvisory(), state: 'open' });
    expect(summary(problems)).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/state', keyword: 'enum' },
    ]);
    expect(problems[0]?.message).toContain('"open"');
  });

  it('reports null where the description does not allow it', () => {
    expect(summary(advisoryProblems({ ...draftAdvisory(), summary: null }))).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/summary', keyword: 'type' },
    ]);
  });

  it('reports an extra key where additionalProperties is false', () => {
    expect(summary(advisoryProblems({ ...draftAdvisory(), comments_url: null }))).toEqual([
      {
        operationId: GET_ADVISORY,
        location: 'body',
        instancePath: '/comments_url',
        keyword: 'additionalProperties',
      },
    ]);
  });

  it('reports a wrong field inside a nullable object at that field, not as "must match a schema"', () => {
    const problems = advisoryProblems({ ...draftAdvisory(), author: { ...simpleUser(), site_admin: 'no' } });
    expect(summary(problems)).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/author/site_admin', keyword: 'type' },
    ]);
  });

  it('reports every problem at once, deep inside arrays too', () => {
    const advisory = draftAdvisory();
    advisory.vulnerabilities = [{ package: { ecosystem: 'pypi', name: 'x' } }];
    const paths = summary(advisoryProblems({ ...advisory, state: 'open' })).map((p) => p.instancePath);
    expect(paths.sort()).toEqual([
      '/state',
      '/vulnerabilities/0/package/ecosystem',
      '/vulnerabilities/0/patched_versions',
      '/vulnerabilities/0/vulnerable_functions',
      '/vulnerabilities/0/vulnerable_version_range',
    ]);
  });
});

describe('the allow-list', () => {
  const nullIdentifier: Allowance = {
    operationId: GET_ADVISORY,
    where: 'response',
    instancePath: '/identifiers/*/value',
    keyword: 'type',
    reason: 'test: the PVR example carries {type: "CVE", value: null}',
  };
  const withNullCve = { ...draftAdvisory(), identifiers: [{ type: 'CVE', value: null }] };

  it('excuses the named problem for the named operation only', () => {
    const conformance = createConformance(github, { allow: [nullIdentifier] });
    expect(advisoryProblems(withNullCve, conformance)).toEqual([]);
    const patched = conformance.checkResponse(
      'PATCH',
      ADVISORY_URL,
      200,
      JSON_HEADERS,
      JSON.stringify(withNullCve),
    );
    expect(summary(patched)).toEqual([
      {
        operationId: 'security-advisories/update-repository-advisory',
        location: 'body',
        instancePath: '/identifiers/0/value',
        keyword: 'type',
      },
    ]);
  });

  it('does not excuse other keywords or paths under the same operation', () => {
    const conformance = createConformance(github, { allow: [nullIdentifier] });
    const problems = advisoryProblems(
      { ...withNullCve, identifiers: [{ type: 'OSV', value: null }] },
      conformance,
    );
    expect(summary(problems)).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/identifiers/0/type', keyword: 'enum' },
    ]);
  });

  it('reports entries that never excused anything as stale', () => {
    const conformance = createConformance(github, { allow: [nullIdentifier] });
    expect(conformance.staleAllowances()).toEqual([nullIdentifier]);
    advisoryProblems(withNullCve, conformance);
    expect(conformance.staleAllowances()).toEqual([]);
  });

  it('lets an operation the description lacks through only by method and path, with a reason', () => {
    const comments: Allowance = {
      where: 'operation',
      method: 'GET',
      path: '/repos/{owner}/{repo}/security-advisories/{ghsa_id}/comments',
      reason: 'test: preview API',
    };
    const conformance = createConformance(github, { allow: [comments] });
    expect(conformance.checkResponse('GET', `${ADVISORY_URL}/comments`, 200, JSON_HEADERS, '[]')).toEqual([]);
    expect(
      conformance.checkResponse('POST', `${ADVISORY_URL}/comments`, 201, JSON_HEADERS, '{}'),
    ).toHaveLength(1);
    expect(() => createConformance(github, { allow: [{ ...comments, reason: ' ' }] })).toThrow(/reason/);
  });

  it('can excuse an undocumented status while still checking its body against a named schema', () => {
    const unauthorized: Allowance = {
      operationId: GET_ADVISORY,
      where: 'response',
      status: 401,
      location: 'status',
      instancePath: '',
      keyword: 'undocumented-status',
      validateAs: '#/components/schemas/basic-error',
      reason: 'test: GitHub answers 401 everywhere',
    };
    const conformance = createConformance(github, { allow: [unauthorized] });
    const body = { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' };
    expect(conformance.checkResponse('GET', ADVISORY_URL, 401, JSON_HEADERS, JSON.stringify(body))).toEqual(
      [],
    );
    const wrong = conformance.checkResponse('GET', ADVISORY_URL, 401, JSON_HEADERS, '{"message":1}');
    expect(summary(wrong)).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/message', keyword: 'type' },
    ]);
    expect(
      summary(plain.checkResponse('GET', ADVISORY_URL, 401, JSON_HEADERS, JSON.stringify(body))),
    ).toEqual([
      { operationId: GET_ADVISORY, location: 'status', instancePath: '', keyword: 'undocumented-status' },
    ]);
  });
});

describe('statuses, headers and media types', () => {
  const rateLimit = 'https://api.github.com/rate_limit';

  it('requires 304 and 204 responses to have an empty body', () => {
    expect(plain.checkResponse('GET', rateLimit, 304, {}, '')).toEqual([]);
    expect(summary(plain.checkResponse('GET', rateLimit, 304, JSON_HEADERS, '{}'))).toEqual([
      { operationId: 'rate-limit/get', location: 'body', instancePath: '', keyword: 'unexpected-body' },
    ]);
    const membership = 'https://api.github.com/orgs/python/teams/psrt/memberships/octocat';
    expect(plain.checkResponse('DELETE', membership, 204, {}, '')).toEqual([]);
    expect(plain.checkResponse('DELETE', membership, 204, JSON_HEADERS, '{}')[0]?.keyword).toBe(
      'unexpected-body',
    );
  });

  it('reports a status the operation does not document', () => {
    expect(plain.checkResponse('GET', ADVISORY_URL, 418, JSON_HEADERS, '{}')[0]?.keyword).toBe(
      'undocumented-status',
    );
  });

  it('checks documented response headers and reports an undocumented Link', () => {
    const headers = { ...JSON_HEADERS, 'x-ratelimit-limit': 'many' };
    const body = { resources: {}, rate: { limit: 1, remaining: 1, reset: 1, used: 0 } };
    const problems = plain.checkResponse('GET', rateLimit, 200, headers, JSON.stringify(body));
    expect(summary(problems)).toContainEqual({
      operationId: 'rate-limit/get',
      location: 'header',
      instancePath: '/x-ratelimit-limit',
      keyword: 'type',
    });
    const link = {
      ...JSON_HEADERS,
      link: '<https://api.github.com/orgs/python/security-advisories?after=x>; rel="next"',
    };
    const orgList = 'https://api.github.com/orgs/python/security-advisories';
    expect(summary(plain.checkResponse('GET', orgList, 200, link, '[]'))).toEqual([
      {
        operationId: 'security-advisories/list-org-repository-advisories',
        location: 'header',
        instancePath: '/link',
        keyword: 'undocumented-header',
      },
    ]);
    const installations = 'https://api.github.com/app/installations';
    expect(plain.checkResponse('GET', installations, 200, link, '[]')).toEqual([]);
  });

  it('picks the schema by media type and reports one the operation does not document', () => {
    const contents = 'https://api.github.com/repos/python/cpython/contents/.github/CODEOWNERS';
    const raw = { 'content-type': 'application/vnd.github.raw+json' };
    const problems = plain.checkResponse('GET', contents, 200, raw, '* @python/psrt\n');
    expect(summary(problems)).toEqual([
      {
        operationId: 'repos/get-content',
        location: 'content-type',
        instancePath: '',
        keyword: 'content-type',
      },
    ]);
    const notJson = plain.checkResponse('GET', contents, 200, JSON_HEADERS, '* @python/psrt');
    expect(notJson[0]?.keyword).toBe('invalid-json');
  });
});

describe('API versions (x-github-breaking-changes)', () => {
  const versioned = createConformance(github, {
    apiVersion: {
      requestHeader: 'x-github-api-version',
      responseHeader: 'x-github-api-version-selected',
      default: '2022-11-28',
    },
  });
  const { cvss: _removed, ...withoutCvss } = draftAdvisory();
  const in2026 = { ...JSON_HEADERS, 'x-github-api-version-selected': '2026-03-10' };

  it('applies the schema changes of the version a response says it is in, and only those', () => {
    const body = JSON.stringify(withoutCvss);
    expect(versioned.checkResponse('GET', ADVISORY_URL, 200, in2026, body)).toEqual([]);
    expect(summary(versioned.checkResponse('GET', ADVISORY_URL, 200, JSON_HEADERS, body))).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/cvss', keyword: 'required' },
    ]);
    const withCvss = versioned.checkResponse(
      'GET',
      ADVISORY_URL,
      200,
      in2026,
      JSON.stringify(draftAdvisory()),
    );
    expect(summary(withCvss)).toEqual([
      { operationId: GET_ADVISORY, location: 'body', instancePath: '/cvss', keyword: 'additionalProperties' },
    ]);
  });
});

describe('requests', () => {
  const list = 'https://api.github.com/repos/python/cpython/security-advisories';

  it('checks query parameters: enum, type, minimum/maximum, and undocumented ones', () => {
    expect(plain.checkRequest('GET', `${list}?state=draft&per_page=100&sort=updated`, {}, undefined)).toEqual(
      [],
    );
    const problems = plain.checkRequest(
      'GET',
      `${list}?state=open&per_page=0&page=2&direction=up`,
      {},
      undefined,
    );
    expect(summary(problems).map((p) => [p.instancePath, p.keyword])).toEqual([
      ['/direction', 'enum'],
      ['/per_page', 'minimum'],
      ['/state', 'enum'],
      ['/page', 'undocumented-parameter'],
    ]);
    expect(plain.checkRequest('GET', `${list}?per_page=ten`, {}, undefined)[0]?.keyword).toBe('type');
  });

  it('checks path parameters against their schema', () => {
    const files = 'https://api.github.com/repos/python/cpython/pulls/abc/files';
    expect(summary(plain.checkRequest('GET', files, {}, undefined))).toEqual([
      { operationId: 'pulls/list-files', location: 'path', instancePath: '/pull_number', keyword: 'type' },
    ]);
  });

  it('checks request bodies against the request schema', () => {
    const good = { summary: 's', description: 'd', vulnerabilities: [{ package: { ecosystem: 'pip' } }] };
    expect(plain.checkRequest('POST', list, JSON_HEADERS, JSON.stringify(good))).toEqual([]);
    const bad = {
      description: 'd',
      vulnerabilities: [{ package: { ecosystem: 'pypi' } }],
      severity: 'high',
      state: 'x',
    };
    expect(
      summary(plain.checkRequest('POST', list, JSON_HEADERS, JSON.stringify(bad))).map((p) => p.instancePath),
    ).toEqual(['/summary', '/state', '/vulnerabilities/0/package/ecosystem']);
    expect(plain.checkRequest('POST', list, JSON_HEADERS, '')[0]?.keyword).toBe('missing-body');
  });
});

describe('recording exchanges', () => {
  const fake = async (request: Request) => {
    if (request.url.endsWith('/comments')) return new Response('[]', { status: 200, headers: JSON_HEADERS });
    return new Response(JSON.stringify({ ...draftAdvisory(), state: 'open' }), {
      status: 200,
      headers: JSON_HEADERS,
    });
  };

  it('records both sides of each call and lists every problem with operation, status and path', async () => {
    const recorder = recordExchanges(fake);
    const response = await recorder.fetch(ADVISORY_URL, {
      headers: { accept: 'application/vnd.github+json' },
    });
    expect(((await response.json()) as { state: string }).state).toBe('open');
    await recorder.fetch(`${ADVISORY_URL}/comments`);
    expect(recorder.exchanges.map((e) => [e.method, e.status])).toEqual([
      ['GET', 200],
      ['GET', 200],
    ]);
    expect(() => assertConformant(recorder.exchanges, plain)).toThrowError(
      /3 conformance problem[\s\S]*get-repository-advisory response → 200 \[enum\] at body \/state[\s\S]*\(no operation\) request \[unknown-operation\]/,
    );
  });

  it('checks that a request sent as invalid really is invalid', async () => {
    const recorder = recordExchanges(async () => new Response('[]', { status: 200, headers: JSON_HEADERS }));
    const list = 'https://api.github.com/repos/python/cpython/security-advisories';
    await recorder.fetchInvalid('per_page above 100', `${list}?per_page=500`);
    expect(checkExchanges(recorder.exchanges, plain)).toEqual([]);
    recorder.clear();
    await recorder.fetchInvalid('mislabelled', `${list}?per_page=50`);
    expect(checkExchanges(recorder.exchanges, plain)[0]?.keyword).toBe('expected-invalid-request');
  });
});

describe('CVE Services (cve-services-openapi.json)', () => {
  const cve = createConformance(loadDescription(descriptionPaths.cveServices()));
  const api = 'https://cveawg.mitre.org/api';
  const auth = { 'CVE-API-ORG': 'PSF', 'CVE-API-USER': 'psrt@python.org', 'CVE-API-KEY': 'k' };

  it('matches under the server path /api and tells operations apart by method', () => {
    expect(cve.matchOperation('POST', `${api}/cve-id?amount=1`)?.operationId).toBe('cveIdReserve');
    expect(cve.matchOperation('GET', `${api}/org/PSF`)?.operationId).toBe('orgSingle');
    expect(cve.matchOperation('PUT', `${api}/org/PSF`)?.pathTemplate).toBe('/org/{shortname}');
    expect(cve.matchOperation('GET', `${api}/org/PSF/id_quota`)?.operationId).toBe('orgIdQuota');
  });

  it('checks the reservation request: required query parameters, enums and the auth headers', () => {
    const good = `${api}/cve-id?amount=2&batch_type=sequential&cve_year=2026&short_name=PSF`;
    expect(cve.checkRequest('POST', good, auth, undefined)).toEqual([]);
    const bad = `${api}/cve-id?amount=two&batch_type=random&short_name=PSF`;
    const problems = cve.checkRequest('POST', bad, { 'CVE-API-ORG': 'PSF' }, undefined);
    expect(summary(problems).map((p) => [p.location, p.instancePath, p.keyword])).toEqual([
      ['query', '/amount', 'type'],
      ['query', '/batch_type', 'enum'],
      ['query', '/cve_year', 'missing-parameter'],
      ['header', '/cve-api-user', 'missing-parameter'],
      ['header', '/cve-api-key', 'missing-parameter'],
    ]);
  });

  it('reports a $ref to a file it cannot read instead of accepting any body', () => {
    // The description copied alone into an empty folder: its ../schemas/ refs lead nowhere from there.
    const alone = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'api-docs');
    mkdirSync(alone);
    copyFileSync(descriptionPaths.cveServices(), join(alone, 'openapi.json'));
    const bare = createConformance(loadDescription(join(alone, 'openapi.json')));
    const problems = bare.checkResponse(
      'GET',
      `${api}/org/PSF/id_quota`,
      200,
      JSON_HEADERS,
      '{"id_quota":10}',
    );
    expect(summary(problems)).toEqual([
      { operationId: 'orgIdQuota', location: 'body', instancePath: '', keyword: 'unresolved-ref' },
    ]);
    expect(problems[0]?.message).toContain('../schemas/org/get-org-quota-response.json');
    expect(bare.checkResponse('GET', `${api}/org/PSF/id_quota`, 409, JSON_HEADERS, '{}')[0]?.keyword).toBe(
      'undocumented-status',
    );
  });

  it('checks bodies against the schema files the description refers to, beside it in the vendored folder', () => {
    const vendored = createConformance(cveDescription());
    const url = `${api}/org/PSF/id_quota`;
    const quota = '{"id_quota":10,"total_reserved":2,"available":8}';
    expect(vendored.checkResponse('GET', url, 200, JSON_HEADERS, quota)).toEqual([]);
    const problems = vendored.checkResponse('GET', url, 200, JSON_HEADERS, '{"id_quota":"ten"}');
    expect(summary(problems)).toEqual([
      { operationId: 'orgIdQuota', location: 'body', instancePath: '/id_quota', keyword: 'type' },
    ]);
    const rejected = vendored.checkRequest(
      'POST',
      `${api}/cve/CVE-2026-0001/reject`,
      { ...auth, ...JSON_HEADERS },
      '{"cnaContainer":{}}',
    );
    expect(rejected.map((p) => p.keyword)).toContain('required');
  });

  it('follows $refs into JSON Schema files beside the description (draft-04, nested $id, definitions)', () => {
    const root = mkdtempSync(join(tmpdir(), 'conformance-'));
    mkdirSync(join(root, 'api-docs'));
    mkdirSync(join(root, 'schemas'));
    const quotaRef = { $ref: '../schemas/quota.json' };
    const description = {
      openapi: '3.0.2',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://example.invalid/api' }],
      paths: {
        '/org/{shortname}/id_quota': {
          get: {
            operationId: 'orgIdQuota',
            responses: { 200: { content: { 'application/json': { schema: quotaRef } } } },
          },
        },
      },
    };
    const schema = {
      $schema: 'http://json-schema.org/draft-04/schema',
      $id: 'https://example.invalid/quota/',
      type: 'object',
      required: ['id_quota'],
      properties: {
        id_quota: { $ref: '#/definitions/count' },
        name: { $id: 'https://example.invalid/name/', type: 'string' },
      },
      definitions: { count: { type: 'integer', minimum: 0, exclusiveMinimum: true } },
    };
    writeFileSync(join(root, 'api-docs', 'openapi.json'), JSON.stringify(description));
    writeFileSync(join(root, 'schemas', 'quota.json'), JSON.stringify(schema));
    const local = createConformance(loadDescription(join(root, 'api-docs', 'openapi.json')));
    const url = 'https://example.invalid/api/org/PSF/id_quota';
    expect(local.checkResponse('GET', url, 200, JSON_HEADERS, '{"id_quota":10,"name":"PSF"}')).toEqual([]);
    expect(summary(local.checkResponse('GET', url, 200, JSON_HEADERS, '{"id_quota":0}'))).toEqual([
      { operationId: 'orgIdQuota', location: 'body', instancePath: '/id_quota', keyword: 'exclusiveMinimum' },
    ]);
  });
});

describe('webhooks (OpenAPI 3.1, @octokit/openapi-webhooks)', () => {
  const webhooks = createConformance(loadDescription(descriptionPaths.githubWebhooks()));
  const headers = deliveryHeaders('ping');

  it('checks a delivery by event and action, headers included', () => {
    expect(checkDelivery(webhooks, headers, JSON.stringify({ zen: 'Keep it simple.', hook_id: 1 }))).toEqual(
      [],
    );
    const { 'X-Hub-Signature-256': _unsigned, ...unsigned } = headers;
    expect(summary(checkDelivery(webhooks, unsigned, '{"zen":"z"}'))).toEqual([
      {
        operationId: 'ping',
        location: 'header',
        instancePath: '/x-hub-signature-256',
        keyword: 'missing-parameter',
      },
    ]);
  });

  it('uses 2020-12 type arrays: a real author trips the description’s impossible author type', () => {
    const payload = {
      action: 'reported',
      repository: {},
      repository_advisory: { ...draftAdvisory(), state: 'triage' },
    };
    const problems = checkDelivery(
      webhooks,
      { ...headers, 'X-GitHub-Event': 'repository_advisory' },
      JSON.stringify(payload),
    );
    expect(problems.every((p) => p.operationId === 'repository-advisory/reported')).toBe(true);
    expect(summary(problems).map((p) => [p.instancePath, p.keyword])).toContainEqual([
      '/repository_advisory/author',
      'type',
    ]);
  });
});
