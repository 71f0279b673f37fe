// `psrt import osv`: an admin loads the PSF's published advisories; a broken file is named with
// its JSON path and skipped, the rest are imported, and the exit code says something was skipped.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendored } from '../../sim/conformance/vendored.ts';
import { json, psrt, type Workspace, workspace } from './psrt.ts';

const ws: Workspace = workspace();
const folder = join(ws.dir, 'advisories');
afterAll(() => ws.remove());

beforeAll(async () => {
  mkdirSync(join(folder, 'python'), { recursive: true });
  for (const name of ['PSF-2023-12.json', 'PSF-2023-8.json', 'PSF-2022-9.json'])
    copyFileSync(join(vendored.psfAdvisories, name), join(folder, 'python', name));
  writeFileSync(join(folder, 'python', 'PSF-2023-99.json'), '{"id": "PSF-2023-99",');
  const broken = { id: 'PSF-2024-1', modified: '2024-01-01T00:00:00Z', published: 'yesterday', details: 'x' };
  writeFileSync(join(folder, 'python', 'PSF-2024-1.json'), JSON.stringify(broken));
  expect((await psrt(ws.dir, ['db', 'migrate'])).code).toBe(0);
});

describe('psrt import osv', () => {
  it('imports every readable file, names each broken one with its JSON path, and exits 1', async () => {
    const result = await psrt(ws.dir, ['import', 'osv', folder]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^skipped python\/PSF-2023-99\.json: \(file\) is not JSON/),
      expect.stringMatching(/^skipped python\/PSF-2024-1\.json: \/published must match .*format "date-time"/),
      '5 files: 3 created, 0 merged, 0 unchanged, 2 skipped',
      '',
    ]);
  });

  it('a second run finds the imported advisories unchanged (--json lists each file)', async () => {
    const result = await psrt(ws.dir, [
      'import',
      'osv',
      join(folder, 'python', 'PSF-2023-12.json'),
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(json(result)).toEqual({
      files: [
        {
          file: join(folder, 'python', 'PSF-2023-12.json'),
          status: 'unchanged',
          reportId: expect.stringMatching(/^PSRT-2023-\d{4}$/),
          problems: [],
          differences: [],
        },
      ],
    });
  });

  it('a path that does not exist is a usage error', async () => {
    const result = await psrt(ws.dir, ['import', 'osv', join(ws.dir, 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nowhere does not exist/);
  });
});
