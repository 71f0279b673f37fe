// The CVE Services request and response bodies psrt uses, as zod schemas.
//
// Written for the fields psrt reads, and loose so that new service fields pass:
// every response is parsed, so a drift shows up as a clear error. They are
// kept honest by the tests, not by generation: every exchange of the client in
// test/cna is checked against the official description and the schema files it
// refers to (vendor/cve-services/schemas), and test/cna/openapi-conformance
// compares these schemas with its record examples and with the CVE JSON 5.1
// schema the service validates records with. (The description's own body
// schemas are partly CVE JSON 5.0-era and wrong in places, see
// sim/conformance/cve-allowlist.ts, so types generated from them would be too.)
import { z } from 'zod';

export const cveIdStates = ['RESERVED', 'PUBLISHED', 'REJECTED'] as const;
export type CveIdState = (typeof cveIdStates)[number];

/** How a batch of more than one ID is drawn (the service also accepts "nonsequential"). */
export const batchTypes = ['sequential', 'non-sequential'] as const;
export type BatchType = (typeof batchTypes)[number];

/** A CVE ID's information; another org's ID shows fewer fields (requested_by left out, a RESERVED owner redacted). */
export const cveIdSchema = z.looseObject({
  cve_id: z.string(),
  cve_year: z.string(),
  state: z.enum(cveIdStates),
  owning_cna: z.string(),
  requested_by: z.looseObject({ cna: z.string(), user: z.string() }).optional(),
  reserved: z.string().optional(),
  time: z.looseObject({ created: z.string(), modified: z.string() }).optional(),
});
export type CveId = z.infer<typeof cveIdSchema>;

/** 200 from cveIdReserve. */
export const reservedIdsSchema = z.looseObject({
  cve_ids: z.array(cveIdSchema),
  meta: z.looseObject({ remaining_quota: z.number().int() }).optional(),
});

/** 206 from cveIdReserve: the range ran out part way. */
export const partiallyReservedIdsSchema = z.looseObject({
  error: z.string(),
  message: z.string(),
  details: z.looseObject({ amount_reserved: z.number().int() }).optional(),
  cve_ids: z.array(cveIdSchema),
});

/** 200 from cveIdGetFiltered; the paginator's fields appear only when results reach a full page. */
export const cveIdPageSchema = z.looseObject({
  cve_ids: z.array(cveIdSchema),
  totalCount: z.number().int().optional(),
  itemsPerPage: z.number().int().optional(),
  pageCount: z.number().int().optional(),
  currentPage: z.number().int().optional(),
  prevPage: z.number().int().nullable().optional(),
  nextPage: z.number().int().nullable().optional(),
});

/** 200 from orgIdQuota. */
export const quotaSchema = z.looseObject({
  id_quota: z.number().int(),
  total_reserved: z.number().int(),
  available: z.number().int(),
});
export type Quota = z.infer<typeof quotaSchema>;

/**
 * A CVE Record as CVE Services returns it. Only the envelope is typed here;
 * the containers follow the CVE JSON 5.1 schema, which the service enforces.
 */
export const cveRecordSchema = z.looseObject({
  dataType: z.literal('CVE_RECORD'),
  dataVersion: z.string(),
  cveMetadata: z.looseObject({
    cveId: z.string(),
    assignerOrgId: z.string(),
    state: z.enum(['PUBLISHED', 'REJECTED']),
    assignerShortName: z.string().optional(),
    requesterUserId: z.string().optional(),
    dateReserved: z.string().optional(),
    datePublished: z.string().optional(),
    dateUpdated: z.string().optional(),
    dateRejected: z.string().optional(),
  }),
  containers: z.looseObject({
    cna: z.looseObject({
      providerMetadata: z.looseObject({ orgId: z.string(), shortName: z.string().optional() }),
    }),
  }),
});
export type CveRecord = z.infer<typeof cveRecordSchema>;

/** 200 from cveCnaCreateSingle and cveCnaCreateReject. */
export const createdRecordSchema = z.looseObject({ message: z.string(), created: cveRecordSchema });
/** 200 from cveCnaUpdateSingle and cveCnaUpdateReject. */
export const updatedRecordSchema = z.looseObject({ message: z.string(), updated: cveRecordSchema });

/** Every error answer: `{ error, message, details? }` (details: BAD_INPUT's list, INVALID_JSON_SCHEMA's `{ errors }`, the quota …). */
export const serviceErrorSchema = z.looseObject({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ServiceError = z.infer<typeof serviceErrorSchema>;

/** One of ajv's errors, as INVALID_JSON_SCHEMA reports them in `details.errors`. */
export const schemaErrorSchema = z.looseObject({
  instancePath: z.string(),
  keyword: z.string().optional(),
  message: z.string().optional(),
});

/** One failed parameter check, as BAD_INPUT reports them in `details`. */
export const badInputSchema = z.looseObject({ msg: z.string(), param: z.string(), location: z.string() });

const text = z.looseObject({ lang: z.string(), value: z.string() });

/**
 * The body psrt sends to publish: a CNA container of the CVE JSON 5.1 schema
 * (`definitions.cnaPublishedContainer`). Only its required fields are named
 * here; providerMetadata is set by the server.
 */
export const cnaContainerSchema = z.looseObject({
  descriptions: z.array(text),
  affected: z.array(z.looseObject({})),
  references: z.array(z.looseObject({ url: z.string() })),
});
export type CnaContainer = z.input<typeof cnaContainerSchema>;
