// GET /repos/{owner}/{repo}/codeowners/errors (§3.4): what psrt shows an operator when the
// CODEOWNERS it suggests experts from cannot be trusted.
import { describe, expect, it } from 'vitest';
import { expectConformant, type World, world } from './support.ts';

function scenario(fn: (w: World) => Promise<void>) {
  return async () => {
    const w = world();
    w.c.addTeam({
      org: 'python',
      slug: 'email-team',
      members: ['pablo'],
      repositories: { cpython: 'write' },
    });
    w.c.addTeam({ org: 'python', slug: 'readers', members: ['guido'], repositories: { cpython: 'read' } });
    w.c.addUser({ login: 'outsider', email: 'outsider@example.org' });
    await fn(w);
    expectConformant(w);
  };
}

const put = (w: World, content: string, path = '.github/CODEOWNERS') =>
  w.c.putFile({ owner: 'python', repo: 'cpython', path, content });
const errorsOf = async (w: World, query = '') => {
  const reply = await w.call('GET', `/repos/python/cpython/codeowners/errors${query}`, {
    token: w.tokens.ned,
  });
  expect(reply.status).toBe(200);
  return reply.body.errors as {
    line: number;
    column: number;
    kind: string;
    source: string;
    message: string;
    path: string;
  }[];
};

describe('CODEOWNERS errors', () => {
  it(
    'a file whose owners all exist and may write has no errors; comments and blank lines are skipped',
    scenario(async (w) => {
      put(w, '# Experts\n\n/Lib/email/ @python/email-team @maint  # the email package\n*.py @ned\n');
      expect(await errorsOf(w)).toEqual([]);
    }),
  );

  it(
    'names each unknown owner, or one without write access, with its line, column and a pointer',
    scenario(async (w) => {
      put(w, '/Lib/email/ @python/email-team @bitdancer\n/Doc/ @python/readers outsider@example.org\n');
      const errors = await errorsOf(w);
      expect(errors.map((e) => [e.line, e.column, e.kind, e.path])).toEqual([
        [1, 32, 'Unknown owner', '.github/CODEOWNERS'],
        [2, 7, 'Unknown owner', '.github/CODEOWNERS'],
        [2, 23, 'Unknown owner', '.github/CODEOWNERS'],
      ]);
      expect(errors[0]?.message).toBe(
        'Unknown owner on line 1:\n\n  /Lib/email/ @python/email-team @bitdancer\n                                 ^',
      );
    }),
  );

  it(
    'refuses owners that are not @user, @org/team or an email, and gitignore syntax CODEOWNERS lacks',
    scenario(async (w) => {
      put(w, '* ned\n!/Tools/ @ned\n/Lib/[a-c]*.py @ned\n/ @ned\n');
      const errors = await errorsOf(w);
      expect(errors.map((e) => [e.line, e.kind])).toEqual([
        [1, 'Invalid owner'],
        [2, 'Invalid pattern'],
        [3, 'Invalid pattern'],
        [4, 'Invalid pattern'],
      ]);
    }),
  );

  it(
    'reads the file GitHub uses: .github/ first, then the root, then docs/, at the ref asked',
    scenario(async (w) => {
      w.c.addRepo({ owner: 'python', name: 'pip', files: { 'docs/CODEOWNERS': '* @nobody\n' } });
      const pip = await w.call('GET', '/repos/python/pip/codeowners/errors', { token: w.tokens.ned });
      expect(pip.body.errors.map((e: { path: string }) => e.path)).toEqual(['docs/CODEOWNERS']);
      w.c.putFile({
        owner: 'python',
        repo: 'cpython',
        path: 'CODEOWNERS',
        content: '* @nobody\n',
        ref: '3.13',
      });
      expect((await errorsOf(w, '?ref=3.13')).map((e) => e.path)).toEqual(['CODEOWNERS']);
    }),
  );

  it(
    'is 404 for a repository without a CODEOWNERS file',
    scenario(async (w) => {
      w.c.addRepo({ owner: 'python', name: 'empty' });
      const reply = await w.call('GET', '/repos/python/empty/codeowners/errors', { token: w.tokens.ned });
      expect(reply.status).toBe(404);
    }),
  );
});
