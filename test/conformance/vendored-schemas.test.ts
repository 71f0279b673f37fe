// The CVE Services schema files the conformance checker reads are kept as the service's repository
// has them (vendor/cve-services/README.md): any edit, loss or addition fails here.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descriptionPaths } from '../../sim/conformance/descriptions.ts';

const vendored = join(descriptionPaths.cveServicesSchemas(), '..');

/** The id git gives a file's content: SHA-1 of `blob <length>\0<content>`. */
const gitBlobId = (content: Buffer) =>
  createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');

const upstream = new Map(
  readFileSync(join(vendored, 'UPSTREAM-BLOBS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+/) as [string, string])
    .map(([blob, path]) => [path, blob]),
);

describe('vendored CVE Services schemas', () => {
  it('are byte for byte the files of the upstream commit: none edited, missing or added', () => {
    const files = readdirSync(join(vendored, 'schemas'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(vendored, join(entry.parentPath, entry.name)));
    expect(files.sort()).toEqual([...upstream.keys()].sort());
    for (const file of files) {
      expect(gitBlobId(readFileSync(join(vendored, file))), file).toBe(upstream.get(file));
    }
  });

  it('cover every schema file the description refers to', () => {
    const description = readFileSync(descriptionPaths.cveServices(), 'utf8');
    const referenced = new Set(
      [...description.matchAll(/"\$ref":\s*"\.\.\/(schemas\/[^"#]+)/g)].map((m) => m[1]),
    );
    expect(referenced.size).toBeGreaterThan(20);
    for (const file of referenced) expect(upstream.has(file ?? ''), file).toBe(true);
  });
});
