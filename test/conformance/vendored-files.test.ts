// The official files psrt reads are kept under vendor/ as their repositories have them, one folder
// per repository with its README.md (where from, which commit, licence) and UPSTREAM-BLOBS (the git
// blob id of every file): any edit, loss or addition in any vendored folder fails here.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descriptionPaths } from '../../sim/conformance/descriptions.ts';
import { vendored } from '../../sim/conformance/vendored.ts';
import { recordSchemaFiles } from '../../src/records/validation.ts';

/** The id git gives a file's content: SHA-1 of `blob <length>\0<content>`. */
const gitBlobId = (content: Buffer) =>
  createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');

/** What a folder's UPSTREAM-BLOBS lists: path → blob id, as `git ls-tree -r` prints them. */
const upstreamBlobs = (folder: string) =>
  new Map(
    readFileSync(join(folder, 'UPSTREAM-BLOBS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/) as [string, string])
      .map(([blob, path]) => [path, blob]),
  );

/** The folder's own files (not its provenance), relative to it. */
const keptFiles = (folder: string) =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .filter((file) => file !== 'README.md' && file !== 'UPSTREAM-BLOBS')
    .sort();

const folders = readdirSync(vendored.root, { withFileTypes: true });

describe('vendored files', () => {
  it('vendor/ holds one folder per upstream repository and nothing else', () => {
    expect(folders.filter((entry) => !entry.isDirectory()).map((entry) => entry.name)).toEqual([]);
    expect(folders.map((entry) => entry.name).sort()).toEqual([
      'cve-services',
      'cvelist-psf',
      'github-advisories',
      'openapi-specification',
      'osv-schema',
      'psf-advisory-database',
      'python-devguide',
    ]);
  });

  describe.each(folders.filter((entry) => entry.isDirectory()).map((entry) => entry.name))(
    'vendor/%s',
    (name) => {
      const folder = join(vendored.root, name);

      it('says where its files come from and lists the blob id of each', () => {
        expect(existsSync(join(folder, 'README.md')), `vendor/${name}/README.md`).toBe(true);
        expect(existsSync(join(folder, 'UPSTREAM-BLOBS')), `vendor/${name}/UPSTREAM-BLOBS`).toBe(true);
        for (const [path, blob] of upstreamBlobs(folder)) expect(blob, path).toMatch(/^[0-9a-f]{40}$/);
      });

      it('is byte for byte the upstream files: none edited, missing or added', () => {
        const upstream = upstreamBlobs(folder);
        const files = keptFiles(folder);
        expect(files).toEqual([...upstream.keys()].sort());
        for (const file of files) {
          expect(gitBlobId(readFileSync(join(folder, file))), `vendor/${name}/${file}`).toBe(
            upstream.get(file),
          );
        }
      });
    },
  );

  it('every path psrt reads from vendor/ is one of the pinned files', () => {
    const pinned = folders
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) =>
        [...upstreamBlobs(join(vendored.root, entry.name)).keys()].map((path) =>
          join(vendored.root, entry.name, path),
        ),
      );
    const files = [
      vendored.cveServicesDescription,
      vendored.cveRecordSchema,
      vendored.osvSchema,
      vendored.openapi31Schema,
      vendored.devguideRoster('psrt.csv'),
      vendored.devguideRoster('psrt-emeritus.csv'),
      vendored.devguideProcess,
      vendored.githubAdvisoryNotes,
      // src cannot import sim/, so the record validators name their schema files themselves.
      recordSchemaFiles.cve,
      recordSchemaFiles.osv,
    ];
    for (const file of files) expect(pinned, file).toContain(file);
    for (const folder of [vendored.cveServicesSchemas, vendored.psfAdvisories]) {
      expect(pinned.filter((file) => file.startsWith(folder)).length, folder).toBeGreaterThan(20);
    }
    const psfCveRecords = pinned.filter((file) => file.startsWith(vendored.psfCveRecords));
    expect(psfCveRecords.length).toBeGreaterThanOrEqual(15);
  });

  it("CVE Services' description finds every schema file it refers to beside it, as in its repository", () => {
    const path = descriptionPaths.cveServices();
    const description = readFileSync(path, 'utf8');
    const referenced = new Set(
      [...description.matchAll(/"\$ref":\s*"(\.\.\/schemas\/[^"#]+)/g)].map((m) => m[1] ?? ''),
    );
    expect(referenced.size).toBeGreaterThan(20);
    const upstream = upstreamBlobs(join(vendored.root, 'cve-services'));
    for (const ref of referenced) {
      const file = resolve(dirname(path), ref);
      expect(existsSync(file), ref).toBe(true);
      expect(upstream.has(relative(join(vendored.root, 'cve-services'), file)), ref).toBe(true);
    }
  });
});
