// deploy/psrt.service: a unit systemd accepts as written (systemd-analyze verify, where the
// tool exists), that runs the built bundle as its own user with the secrets from
// /etc/psrt/psrt.env, restarts after a failure but not after a configuration error, and can
// write nothing but its state folder.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const unitFile = fileURLToPath(new URL('../../deploy/psrt.service', import.meta.url));
const run = promisify(execFile);

/** The unit's settings by section, each key with every value it is given. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1] ?? '', current);
      continue;
    }
    const setting = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!setting || !current) throw new Error(`line ${index + 1} is not a setting: ${line}`);
    const [, key = '', value = ''] = setting;
    current.set(key, [...(current.get(key) ?? []), value]);
  }
  return sections;
}

const unit = parseUnit(readFileSync(unitFile, 'utf8'));
const service = unit.get('Service') ?? new Map<string, string[]>();
const value = (key: string) => service.get(key)?.at(-1);

async function systemdAnalyze(): Promise<boolean> {
  return run('systemd-analyze', ['--version']).then(
    () => true,
    () => false,
  );
}

describe('deploy/psrt.service', () => {
  it('is accepted by systemd as written: no unknown key, no value it would ignore', async () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    if (!(await systemdAnalyze())) return; // The parse above is then the whole check.
    const folder = mkdtempSync(join(tmpdir(), 'psrt-unit-'));
    try {
      copyFileSync(unitFile, join(folder, 'psrt.service'));
      const { stderr } = await run('systemd-analyze', ['verify', join(folder, 'psrt.service')]).catch(
        (error: { stderr: string }) => ({ stderr: error.stderr }),
      );
      expect(stderr.split('\n').filter((line) => line.includes('psrt.service'))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs the built bundle as the psrt user, with the configuration and the secrets from /etc/psrt', () => {
    expect(value('ExecStart')).toBe('/usr/bin/node /opt/psrt/dist/cli/main.js serve');
    expect(value('User')).toBe('psrt');
    expect(value('EnvironmentFile')).toBe('/etc/psrt/psrt.env');
    expect(service.get('Environment')).toContain('PSRT_CONFIG=/etc/psrt/psrt.config.json');
  });

  it('restarts after a failure, but not after exit 78 (a configuration to fix)', () => {
    expect(value('Restart')).toBe('on-failure');
    expect(value('RestartPreventExitStatus')).toBe('78');
  });

  it('can write only its state folder and a private /tmp, and gains no privileges', () => {
    expect(value('ProtectSystem')).toBe('strict');
    expect(value('StateDirectory')).toBe('psrt');
    expect(value('ReadWritePaths')).toBeUndefined();
    expect(value('PrivateTmp')).toBe('true');
    expect(value('NoNewPrivileges')).toBe('true');
    expect(value('ProtectHome')).toBe('true');
    expect(value('CapabilityBoundingSet')).toBe('');
  });
});
