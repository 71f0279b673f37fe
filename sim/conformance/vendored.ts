// Where the files kept unmodified under vendor/ are (each folder's README.md says where they come
// from and UPSTREAM-BLOBS pins their bytes). The one place that knows that layout: the simulators,
// the conformance checker and the tests all read the official files through these paths.
import { fileURLToPath } from 'node:url';

/** Absolute path of `vendor/<path>` in this checkout. */
const inVendor = (path: string): string => fileURLToPath(new URL(`../../vendor/${path}`, import.meta.url));

export const vendored = {
  /** The vendor/ folder itself: one folder per upstream repository. */
  root: inVendor(''),
  /** CVE Services' API description (CVEProject/cve-services `api-docs/openapi.json`), OpenAPI 3.0.2. */
  cveServicesDescription: inVendor('cve-services/api-docs/openapi.json'),
  /** The body schema files that description refers to (`../schemas/...`), beside it as upstream. */
  cveServicesSchemas: inVendor('cve-services/schemas/'),
  /** CVE JSON 5.1, bundled: the record schema CVE Services validates records against. */
  cveRecordSchema: inVendor('cve-services/src/middleware/schemas/CVE_JSON_5.1_bundled.json'),
  /** The OSV schema (ossf/osv-schema `validation/schema.json`), JSON Schema 2020-12. */
  osvSchema: inVendor('osv-schema/validation/schema.json'),
  /** The JSON Schema of OpenAPI 3.1 documents (OAI/OpenAPI-Specification `schemas/v3.1/schema.json`). */
  openapi31Schema: inVendor('openapi-specification/schemas/v3.1/schema.json'),
  /** The PSF's published OSV advisories (psf/advisory-database `advisories/python/`). */
  psfAdvisories: inVendor('psf-advisory-database/advisories/python/'),
  /** CVE records the PSF published as a CNA (CVEProject/cvelistV5 `cves/`), CVE JSON 5.x. */
  psfCveRecords: inVendor('cvelist-psf/cves/'),
  /** The published PSRT lists (python/devguide `security/psrt.csv`, `security/psrt-emeritus.csv`). */
  devguideRoster: (name: 'psrt.csv' | 'psrt-emeritus.csv'): string =>
    inVendor(`python-devguide/security/${name}`),
  /** The PSRT process page (python/devguide `security/psrt.rst`), whose reply templates psrt quotes. */
  devguideProcess: inVendor('python-devguide/security/psrt.rst'),
  /** The security policy (python/devguide `security/policy.rst`) incoming reports are checked against. */
  devguidePolicy: inVendor('python-devguide/security/policy.rst'),
  /** The field-by-field notes on GitHub's advisory API the GitHub simulator follows (cited as §). */
  githubAdvisoryNotes: inVendor('github-advisories/github-advisories.md'),
} as const;
