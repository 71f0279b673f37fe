import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CnaError } from '../../src/cna/index.ts';
import { cpythonSubprocessContainer, cpythonSubprocessCvss, PSF_ORG_ID, SIM_NOW } from './fixtures.ts';
import { idsOf, type SimWithClient, sendsInvalidRequestsOnPurpose, startPsfSim } from './harness.ts';

describe('publishing and rejecting CVE Records', () => {
  let psf: SimWithClient;
  let cveId: string;
  beforeEach(async () => {
    psf = await startPsfSim();
    [cveId = ''] = idsOf(await psf.client.reserveCveIds({ amount: 1, year: 2023 }));
  });
  afterEach(() => psf.server.close());

  it('a CPython CVE with affected versions, CWE and CVSS v4.0 is published, and the ID moves to PUBLISHED', async () => {
    const publication = await psf.client.publishCnaContainer(cveId, cpythonSubprocessContainer());
    expect(publication.action).toBe('created');
    expect(publication.record.cveMetadata).toMatchObject({
      cveId,
      state: 'PUBLISHED',
      assignerOrgId: PSF_ORG_ID,
      assignerShortName: 'PSF',
      datePublished: SIM_NOW.toISOString(),
    });
    expect(publication.record.containers.cna.providerMetadata).toEqual({
      orgId: PSF_ORG_ID,
      shortName: 'PSF',
      dateUpdated: SIM_NOW.toISOString(),
    });
    expect(await psf.client.getRecord(cveId)).toEqual(publication.record);
    expect(await psf.client.getCveId(cveId)).toMatchObject({ cve_id: cveId, state: 'PUBLISHED' });
  });

  it('publishing again updates the record in place', async () => {
    await psf.client.publishCnaContainer(cveId, cpythonSubprocessContainer());
    psf.sim.control.advance(60_000);
    const corrected = {
      ...cpythonSubprocessContainer(),
      title: 'subprocess kept groups with extra_groups=[]',
    };
    const publication = await psf.client.publishCnaContainer(cveId, corrected);
    expect(publication.action).toBe('updated');
    const record = await psf.client.getRecord(cveId);
    expect(record.containers.cna.title).toBe('subprocess kept groups with extra_groups=[]');
    expect(record.cveMetadata.datePublished).toBe(SIM_NOW.toISOString());
    expect(record.cveMetadata.dateUpdated).toBe(new Date(SIM_NOW.getTime() + 60_000).toISOString());
  });

  it('a container that breaks the CVE JSON schema is refused with where it breaks it, and nothing is stored', async () => {
    sendsInvalidRequestsOnPurpose();
    const broken = { ...cpythonSubprocessContainer(), references: [{ url: 'not a url' }] };
    const error = (await psf.client.publishCnaContainer(cveId, broken).catch((e: unknown) => e)) as CnaError;
    expect(error).toBeInstanceOf(CnaError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_JSON_SCHEMA' });
    expect(error.details).toEqual({
      errors: [
        expect.objectContaining({ instancePath: '/cnaContainer/references/0/url', keyword: 'format' }),
      ],
    });
    expect(error.message).toContain('/cnaContainer/references/0/url must match format "uri"');
    expect(error.message).not.toContain('not a url');
    expect(error.message).not.toContain('setgroups');

    await expect(psf.client.getRecord(cveId)).rejects.toMatchObject({ status: 404, code: 'CVE_RECORD_DNE' });
    expect(await psf.client.getCveId(cveId)).toMatchObject({ state: 'RESERVED' });
  });

  it('a container missing a required field names the field', async () => {
    sendsInvalidRequestsOnPurpose();
    const { references: _, ...withoutReferences } = cpythonSubprocessContainer();
    const error = (await psf.client
      .publishCnaContainer(cveId, withoutReferences as never)
      .catch((e: unknown) => e)) as CnaError;
    expect(error.details).toEqual({
      errors: [expect.objectContaining({ keyword: 'required', params: { missingProperty: 'references' } })],
    });
  });

  it('a reserved ID that will not be used is rejected with a reason', async () => {
    const rejection = await psf.client.rejectCveId(cveId, 'This candidate was withdrawn by its CNA.');
    expect(rejection.action).toBe('created');
    expect(rejection.record.cveMetadata).toMatchObject({
      state: 'REJECTED',
      dateRejected: SIM_NOW.toISOString(),
    });
    expect(rejection.record.containers.cna.rejectedReasons).toEqual([
      { lang: 'en', value: 'This candidate was withdrawn by its CNA.' },
    ]);
    expect(await psf.client.getCveId(cveId)).toMatchObject({ state: 'REJECTED' });
  });

  it('a published record that turns out to be a duplicate is rejected in favour of the other ID', async () => {
    await psf.client.publishCnaContainer(cveId, cpythonSubprocessContainer());
    const rejection = await psf.client.rejectCveId(cveId, 'Duplicate of CVE-2023-6508.', {
      replacedBy: ['CVE-2023-6508'],
    });
    expect(rejection.action).toBe('updated');
    expect(rejection.record.containers.cna).toMatchObject({ replacedBy: ['CVE-2023-6508'] });
    expect(rejection.record.containers.cna).not.toHaveProperty('affected');
    expect(await psf.client.getCveId(cveId)).toMatchObject({ state: 'REJECTED' });
  });

  it('a rejected record is un-rejected by publishing its container again', async () => {
    await psf.client.publishCnaContainer(cveId, cpythonSubprocessContainer());
    await psf.client.rejectCveId(cveId, 'Rejected by mistake.');
    const publication = await psf.client.publishCnaContainer(cveId, cpythonSubprocessContainer());
    expect(publication.action).toBe('updated');
    expect(publication.record.cveMetadata.state).toBe('PUBLISHED');
    expect(publication.record.cveMetadata).not.toHaveProperty('dateRejected');
    expect(await psf.client.getCveId(cveId)).toMatchObject({ state: 'PUBLISHED' });
  });

  it('an ID the PSF does not hold cannot be published: the message says to check the ID', async () => {
    const error = (await psf.client
      .publishCnaContainer('CVE-2023-9999', cpythonSubprocessContainer())
      .catch((e: unknown) => e)) as CnaError;
    expect(error).toMatchObject({ status: 403, code: 'ORG_DOES_NOT_OWN_ID' });
    expect(error.message).toMatch(/does not exist or belongs to another CNA/);
  });
});

describe("listing the CNA's CVE IDs", () => {
  let psf: SimWithClient;
  beforeEach(async () => {
    psf = await startPsfSim({ idQuota: 50, pageSize: 4 });
  });
  afterEach(() => psf.server.close());

  it('follows every page and shows each ID with its state', async () => {
    const cveIds = idsOf(await psf.client.reserveCveIds({ amount: 9, year: 2025, batchType: 'sequential' }));
    const [published = '', rejected = ''] = cveIds;
    await psf.client.publishCnaContainer(published, cpythonSubprocessContainer());
    await psf.client.rejectCveId(rejected, 'Not a vulnerability after all.');

    const all = await psf.client.listCveIds();
    expect(all).toHaveLength(9);
    expect(new Map(all.map((id) => [id.cve_id, id.state]))).toEqual(
      new Map(cveIds.map((id, i) => [id, i === 0 ? 'PUBLISHED' : i === 1 ? 'REJECTED' : 'RESERVED'])),
    );
    const pages = psf.sim.control.requests().filter((r) => r.method === 'GET' && r.path === '/api/cve-id');
    expect(pages).toHaveLength(3);
  });

  it('filters by state and year', async () => {
    await psf.client.reserveCveIds({ amount: 5, year: 2025, batchType: 'sequential' });
    const [first = ''] = idsOf(
      await psf.client.reserveCveIds({ amount: 2, year: 2024, batchType: 'sequential' }),
    );
    await psf.client.rejectCveId(first, 'Assigned in error.');

    expect((await psf.client.listCveIds({ year: 2024 })).map((id) => id.cve_id)).toEqual([
      'CVE-2024-20001',
      'CVE-2024-20002',
    ]);
    expect((await psf.client.listCveIds({ state: 'REJECTED' })).map((id) => id.cve_id)).toEqual([
      'CVE-2024-20001',
    ]);
    expect(await psf.client.listCveIds({ state: 'RESERVED' })).toHaveLength(6);
  });

  it('a listing is as of its first page: IDs reserved while the pages are read wait for the next one', async () => {
    await psf.client.reserveCveIds({ amount: 8, year: 2025, batchType: 'sequential' });
    let reservedMeanwhile = false;
    const client = psf.clientWith({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!reservedMeanwhile && String(input).includes('/cve-id') && !String(input).includes('page=')) {
          reservedMeanwhile = true;
          psf.sim.control.advance(5_000);
          await psf.client.reserveCveIds({ amount: 1, year: 2025, batchType: 'sequential' });
        }
        return response;
      },
    });
    const listed = await client.listCveIds();
    expect(listed.map((id) => id.cve_id)).toEqual(
      Array.from({ length: 8 }, (_, i) => `CVE-2025-${20_001 + i}`),
    );
    expect(await psf.client.listCveIds()).toHaveLength(9);
  });
});

describe('the example CPython CVE', () => {
  it("carries the CVSS v4.0 score and severity FIRST's calculator gives its vector", async () => {
    const { parseCvss } = await import('../../src/domain/cvss.ts');
    const { vector, score, severity } = cpythonSubprocessCvss;
    expect(parseCvss(vector)).toMatchObject({
      vector,
      score,
      severity: severity[0] + severity.slice(1).toLowerCase(),
    });
    const metrics = cpythonSubprocessContainer().metrics as { cvssV4_0: Record<string, unknown> }[];
    expect(metrics[0]?.cvssV4_0).toMatchObject({
      vectorString: vector,
      baseScore: score,
      baseSeverity: severity,
    });
  });
});
