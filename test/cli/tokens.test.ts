// Personal API tokens at the terminal, with the real `psrt` command on one embedded database:
// `psrt token create` prints the secret once, `list` never shows it, `revoke` stops it, and a
// non-admin cannot make an admin token.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { json, psrt, rosterWorkspace, type Workspace } from './psrt.ts';

const ws: Workspace = await rosterWorkspace();
afterAll(() => ws.remove());
const run = (...args: string[]) => psrt(ws.dir, args);

interface Token {
  id: string;
  name: string;
  scope: string;
  usable: boolean;
  revokedAt: string | null;
}

describe('psrt token at the terminal', () => {
  it('create prints the secret once with the warning; list shows the token without it; the database holds only its hash', async () => {
    const created = await run(
      'token',
      'create',
      '--as',
      'sethmlarson',
      '--name',
      'laptop',
      '--scope',
      'act',
      '--days',
      '7',
    );
    expect(created.code).toBe(0);
    const secret = created.stdout.match(/psrt_[A-Za-z0-9_-]{43}/)?.[0] ?? '';
    expect(secret).not.toBe('');
    expect(created.stdout).toContain('you will not see it again');
    const listed = await run('token', 'list', '--as', 'sethmlarson');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/laptop\s+act\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d\s+never\s+active/);
    expect(listed.stdout).not.toContain(secret);
    const store = await openStore({ dataDir: ws.dataDir });
    try {
      const stored = JSON.stringify(await store.db.execute('select * from api_tokens'));
      expect(stored).not.toContain(secret);
      expect(stored).toContain(createHash('sha256').update(secret).digest('hex'));
    } finally {
      await store.close();
    }
  });

  it('revoke stops a token; list --json shows it revoked; someone else cannot revoke it', async () => {
    const created = json<{ token: Token; secret: string }>(
      await run('token', 'create', '--as', 'sethmlarson', '--name', 'ci', '--scope', 'read', '--json'),
    );
    const other = await run('token', 'revoke', created.token.id, '--as', 'gpshead');
    expect(other.code).toBe(3);
    expect(other.stderr).toContain(`You have no token ${created.token.id}`);
    const revoked = await run('token', 'revoke', created.token.id, '--as', 'sethmlarson');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Token "ci"');
    const tokens = json<Token[]>(await run('token', 'list', '--as', 'sethmlarson', '--json'));
    expect(tokens.find((t) => t.id === created.token.id)).toMatchObject({ usable: false });
    expect(JSON.stringify(tokens)).not.toContain(created.secret);
  });

  it('refuses an admin token to a member who is not an admin (exit 4), and a scope or days it does not know (exit 2)', async () => {
    const admin = await run('token', 'create', '--as', 'gpshead', '--name', 'x', '--scope', 'admin');
    expect(admin.code).toBe(4);
    expect(admin.stderr).toContain('Only PSRT admins may make tokens with the admin scope.');
    const scope = await run('token', 'create', '--as', 'gpshead', '--name', 'x', '--scope', 'write');
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain('--scope must be one of read, act, admin');
    const days = await run(
      'token',
      'create',
      '--as',
      'gpshead',
      '--name',
      'x',
      '--scope',
      'read',
      '--days',
      '0',
    );
    expect(days.code).toBe(2);
    expect(days.stderr).toContain('--days must be a whole number from 1 to 366');
  });
});
