// The project's own checkers (descriptions.ts: each official description with its allow-list) on
// hand-made messages an allowance must not let through: where an allowance excuses a fault of the
// description, what is excused is the fault, not whatever a simulator might send there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cveConformance, githubConformance, webhookConformance } from '../../sim/conformance/descriptions.ts';
import type { Problem } from '../../sim/conformance/openapi.ts';
import { vendored } from '../../sim/conformance/vendored.ts';
import { checkDelivery } from '../../sim/conformance/webhooks.ts';
import {
  ADVISORY_URL,
  deliveryHeaders,
  draftAdvisory,
  JSON_HEADERS,
  simpleRepository,
  simpleUser,
} from './fixtures.ts';

const at = (problems: Problem[]) => problems.map((p) => [p.location, p.instancePath, p.keyword]);

describe('a 304 Not Modified', () => {
  const github = githubConformance();
  const gets = [
    ADVISORY_URL, // 304 undocumented, let through by GitHub's API-wide conditional-request allowance
    'https://api.github.com/orgs/python/security-advisories',
    `${ADVISORY_URL}/comments`, // the comments preview, from our own description
    'https://api.github.com/rate_limit', // 304 documented
  ];

  it('passes empty on every operation', () => {
    for (const url of gets) expect(github.checkResponse('GET', url, 304, {}, ''), url).toEqual([]);
  });

  it('is refused with a body on every operation, even where an allowance lets the 304 through', () => {
    for (const url of gets) {
      const problems = github.checkResponse('GET', url, 304, JSON_HEADERS, '{}');
      expect(at(problems), url).toEqual([['body', '', 'unexpected-body']]);
      expect(problems[0]?.message).toBe('a 304 response must have an empty body');
    }
    const cve = cveConformance().checkResponse(
      'GET',
      'https://cveawg.mitre.org/api/cve/CVE-2024-0397',
      304,
      {},
      '{}',
    );
    expect(at(cve)).toContainEqual(['body', '', 'unexpected-body']);
  });
});

describe('a CVE record read back (GET /cve/{id}, cveGetSingle)', () => {
  const cve = cveConformance();
  const url = 'https://cveawg.mitre.org/api/cve/CVE-2024-0397';
  const record = (body: unknown) => cve.checkResponse('GET', url, 200, JSON_HEADERS, JSON.stringify(body));
  // A record the PSF published, as CVE Services serves it (vendor/cvelist-psf).
  const published = JSON.parse(
    readFileSync(join(vendored.psfCveRecords, '2024/0xxx/CVE-2024-0397.json'), 'utf8'),
  ) as {
    cveMetadata: Record<string, unknown>;
    containers: { cna: { providerMetadata: unknown } };
  };
  const rejected = {
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId: 'CVE-2024-0397',
      assignerOrgId: published.cveMetadata.assignerOrgId,
      assignerShortName: 'PSF',
      state: 'REJECTED',
      dateReserved: '2024-01-11T18:00:00.000Z',
      dateRejected: '2024-02-01T12:00:00.000Z',
      dateUpdated: '2024-02-01T12:00:00.000Z',
    },
    containers: {
      cna: {
        providerMetadata: published.containers.cna.providerMetadata,
        rejectedReasons: [{ lang: 'en', value: 'This candidate was withdrawn by its CNA.' }],
      },
    },
  };

  it('accepts a published record and a rejected one', () => {
    expect(record(published)).toEqual([]);
    expect(record(rejected)).toEqual([]);
  });

  it('refuses {} and a record without its required fields, against the CVE JSON 5.1 schema', () => {
    const empty = record({});
    expect(at(empty)).toEqual(
      expect.arrayContaining([
        ['body', '/dataType', 'required'],
        ['body', '/cveMetadata', 'required'],
        ['body', '/containers', 'required'],
      ]),
    );
    expect(empty[0]?.message).toMatch(/^required property "\w+" is missing \(CVE JSON 5\.1 record schema\)$/);
    const { cveId: _dropped, ...metadata } = published.cveMetadata;
    const withoutId = record({ ...published, cveMetadata: metadata });
    expect(at(withoutId)).toContainEqual(['body', '/cveMetadata/cveId', 'required']);
    expect(withoutId.map((p) => p.message)).toContain(
      'required property "cveId" is missing (CVE JSON 5.1 record schema)',
    );
  });
});

describe('the repository_advisory webhook’s author, publisher and private fork', () => {
  const webhooks = webhookConformance();
  const headers = deliveryHeaders('repository_advisory');
  const objects = {
    author: simpleUser('reporter', 7),
    publisher: simpleUser(),
    private_fork: simpleRepository(),
  };
  /** Problems the delivery has at `field` of the advisory (or inside it), set to `value`. */
  const problemsWith = (field: keyof typeof objects, value: unknown) => {
    const advisory = { ...draftAdvisory(), state: 'triage', [field]: value };
    const payload = { action: 'reported', repository: {}, repository_advisory: advisory };
    const path = `/repository_advisory/${field}`;
    return checkDelivery(webhooks, headers, JSON.stringify(payload)).filter(
      (p) => p.instancePath === path || p.instancePath.startsWith(`${path}/`),
    );
  };

  it('accepts null or the object the description names (the fault it has: no value fits its schema)', () => {
    for (const [field, object] of Object.entries(objects) as [keyof typeof objects, unknown][]) {
      expect(problemsWith(field, null), field).toEqual([]);
      expect(problemsWith(field, object), field).toEqual([]);
    }
  });

  it('refuses a string or a number, and checks an object field by field', () => {
    for (const field of Object.keys(objects) as (keyof typeof objects)[]) {
      for (const value of ['bob', 42]) {
        expect(at(problemsWith(field, value)), `${field}: ${value}`).toContainEqual([
          'body',
          `/repository_advisory/${field}`,
          'type',
        ]);
      }
    }
    const { login: _dropped, ...nameless } = simpleUser();
    expect(at(problemsWith('author', nameless))).toEqual([
      ['body', '/repository_advisory/author/login', 'required'],
    ]);
  });
});
