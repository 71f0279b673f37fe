// psrt's client of CVE Services, the API through which the PSF, as a CVE
// Numbering Authority, reserves CVE IDs and publishes or rejects CVE Records.
// The same client talks to the real service and to the simulator in
// sim/cve-services; only the base URL differs.
import { CnaError } from './errors.ts';
import {
  type BatchType,
  type CnaContainer,
  type CveId,
  type CveIdState,
  type CveRecord,
  createdRecordSchema,
  cveIdPageSchema,
  cveIdSchema,
  cveRecordSchema,
  partiallyReservedIdsSchema,
  type Quota,
  quotaSchema,
  reservedIdsSchema,
  updatedRecordSchema,
} from './schemas.ts';
import { type RetryPolicy, send, type TransportConfig } from './transport.ts';

export interface CnaClientConfig {
  /** The API root: https://cveawg.mitre.org/api in production, https://cveawg-test.mitre.org/api to try things. */
  baseUrl: string;
  /** CVE_API_ORG: the CNA's short name, `PSF`. */
  org: string;
  /** CVE_API_USER */
  user: string;
  /** CVE_API_KEY */
  apiKey: string;
  fetch?: typeof globalThis.fetch;
  retry?: Partial<RetryPolicy>;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** How retries wait; tests may pass a faster one. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Reservation {
  cveIds: CveId[];
  /** IDs the org may still reserve, as the service counted after this reservation. */
  remainingQuota: number | undefined;
  /** True when the year's range ran out and fewer IDs than asked for were reserved (HTTP 206). */
  partial: boolean;
}

export interface CveIdFilters {
  state?: CveIdState;
  year?: number;
  reservedBefore?: Date;
  reservedAfter?: Date;
  modifiedBefore?: Date;
  modifiedAfter?: Date;
}

export interface Publication {
  /** "created" for a first publication or rejection, "updated" when a record already existed. */
  action: 'created' | 'updated';
  record: CveRecord;
}

export class CnaClient {
  private readonly config: TransportConfig;

  constructor(config: CnaClientConfig) {
    this.config = {
      baseUrl: config.baseUrl,
      org: config.org,
      user: config.user,
      apiKey: config.apiKey,
      fetch: config.fetch ?? globalThis.fetch,
      retry: { retries: 3, baseDelayMs: 250, maxDelayMs: 10_000, ...config.retry },
      timeoutMs: config.timeoutMs ?? 30_000,
      sleep: config.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  /**
   * Reserves `amount` CVE IDs for `year` (cveIdReserve). One ID without a batch
   * type comes from the priority range; more than one needs a batch type.
   * Never retried: see transport.ts.
   */
  async reserveCveIds(request: {
    amount: number;
    year: number;
    batchType?: BatchType;
  }): Promise<Reservation> {
    const since = new Date().toISOString();
    const { status, body, headers } = await send(this.config, {
      action: `Reserving ${request.amount} CVE ID${request.amount === 1 ? '' : 's'} for ${request.year}`,
      method: 'POST',
      path: '/cve-id',
      query: {
        amount: request.amount,
        cve_year: request.year,
        short_name: this.config.org,
        batch_type: request.batchType,
      },
      responses: { 200: reservedIdsSchema, 206: partiallyReservedIdsSchema },
      ifUncertain: `The IDs may have been reserved all the same: list the RESERVED IDs reserved since ${since} before reserving again, so that the quota is not spent twice.`,
    });
    const header = headers.get('CVE-API-REMAINING-QUOTA');
    const meta = 'meta' in body ? (body.meta as { remaining_quota?: number } | undefined) : undefined;
    return {
      cveIds: body.cve_ids,
      remainingQuota: meta?.remaining_quota ?? (header === null ? undefined : Number(header)),
      partial: status === 206,
    };
  }

  /** A CVE ID's state and owner (cveIdGetSingle). */
  async getCveId(id: string): Promise<CveId> {
    const { body } = await send(this.config, {
      action: `Getting ${id}`,
      method: 'GET',
      path: `/cve-id/${encodeURIComponent(id)}`,
      responses: { 200: cveIdSchema },
    });
    return body;
  }

  /**
   * The org's CVE IDs matching the filters, every page (cveIdGetFiltered).
   * As the description advises, pages after the first are pinned to IDs
   * reserved before the first answer, so IDs reserved meanwhile do not shift them.
   */
  async listCveIds(filters: CveIdFilters = {}): Promise<CveId[]> {
    const query: Record<string, string | number | undefined> = {
      state: filters.state,
      cve_id_year: filters.year,
      'time_reserved.lt': filters.reservedBefore?.toISOString(),
      'time_reserved.gt': filters.reservedAfter?.toISOString(),
      'time_modified.lt': filters.modifiedBefore?.toISOString(),
      'time_modified.gt': filters.modifiedAfter?.toISOString(),
    };
    const found = new Map<string, CveId>();
    for (let page = 1; ; ) {
      const { body, headers } = await send(this.config, {
        action: 'Listing CVE IDs',
        method: 'GET',
        path: '/cve-id',
        query: { ...query, page: page === 1 ? undefined : page },
        responses: { 200: cveIdPageSchema },
      });
      for (const id of body.cve_ids) found.set(id.cve_id, id);
      const next = body.nextPage;
      if (next === null || next === undefined || next <= page) break;
      const answeredAt = Date.parse(headers.get('date') ?? '');
      if (query['time_reserved.lt'] === undefined && !Number.isNaN(answeredAt)) {
        query['time_reserved.lt'] = new Date(answeredAt + 1000).toISOString();
      }
      page = next;
    }
    return [...found.values()];
  }

  /**
   * Publishes a CNA container for a reserved ID (cveCnaCreateSingle), or, when
   * the ID already has a record, published or rejected, replaces its container
   * (cveCnaUpdateSingle), which publishes a rejected record again.
   */
  async publishCnaContainer(id: string, container: CnaContainer): Promise<Publication> {
    return this.createOrUpdate(`/cve/${encodeURIComponent(id)}/cna`, container, {
      create: `Publishing ${id}`,
      update: `Updating ${id}`,
      ifUncertain: `The record may have been stored all the same: get the CVE Record of ${id} and compare before sending it again.`,
    });
  }

  /**
   * Rejects a CVE ID with an English reason (cveCnaCreateReject), or turns its
   * existing record into a rejected one (cveCnaUpdateReject).
   */
  async rejectCveId(
    id: string,
    reason: string,
    options: { replacedBy?: string[] } = {},
  ): Promise<Publication> {
    const cnaContainer = {
      rejectedReasons: [{ lang: 'en', value: reason }],
      ...(options.replacedBy?.length ? { replacedBy: options.replacedBy } : {}),
    };
    return this.createOrUpdate(`/cve/${encodeURIComponent(id)}/reject`, cnaContainer, {
      create: `Rejecting ${id}`,
      update: `Rejecting ${id}`,
      ifUncertain: `The ID may have been rejected all the same: get the state of ${id} before trying again.`,
    });
  }

  /** POSTs a CNA container; when the record already exists, PUTs it instead (the service's create/update pair). */
  private async createOrUpdate(
    path: string,
    cnaContainer: unknown,
    words: { create: string; update: string; ifUncertain: string },
  ): Promise<Publication> {
    try {
      const { body } = await send(this.config, {
        action: words.create,
        method: 'POST',
        path,
        body: { cnaContainer },
        responses: { 200: createdRecordSchema },
        ifUncertain: words.ifUncertain,
      });
      return { action: 'created', record: body.created };
    } catch (error) {
      if (!(error instanceof CnaError && error.code === 'CVE_RECORD_EXISTS')) throw error;
    }
    const { body } = await send(this.config, {
      action: words.update,
      method: 'PUT',
      path,
      body: { cnaContainer },
      responses: { 200: updatedRecordSchema },
      ifUncertain: words.ifUncertain,
    });
    return { action: 'updated', record: body.updated };
  }

  /** The CVE Record of an ID, published or rejected (cveGetSingle). */
  async getRecord(id: string): Promise<CveRecord> {
    const { body } = await send(this.config, {
      action: `Getting the CVE Record of ${id}`,
      method: 'GET',
      path: `/cve/${encodeURIComponent(id)}`,
      responses: { 200: cveRecordSchema },
    });
    return body;
  }

  /** How many IDs the org may hold RESERVED, holds, and may still reserve (orgIdQuota). */
  async getQuota(): Promise<Quota> {
    const { body } = await send(this.config, {
      action: `Getting the ID quota of ${this.config.org}`,
      method: 'GET',
      path: `/org/${encodeURIComponent(this.config.org)}/id_quota`,
      responses: { 200: quotaSchema },
    });
    return body;
  }
}
