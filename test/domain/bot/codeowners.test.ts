// CODEOWNERS as GitHub reads it (the last matching pattern wins; gitignore
// patterns), for the experts the bot adds to an advisory whose private fork
// has a pull request touching their files.
import { expect, it } from 'vitest';
import { ownersOfAll } from '../../../src/domain/bot/codeowners.ts';

const file = [
  '# CPython-like CODEOWNERS',
  '*                      @python/core-triage',
  '/Lib/tarfile.py        @ethanfurman',
  '/Lib/zipfile/          @jaraco',
  'email/                 @python/email-team  # any email/ directory',
  '*.rst                  @docs-person',
  '/Lib/zipfile/_path/    ',
  'docs/**/guide.md       @guide-writer',
  'Modules/_ssl*.c        @tiran owner@example.org',
].join('\n');

it('the last matching pattern wins, and a pattern with no owners leaves the file without any', () => {
  expect(ownersOfAll(file, ['Lib/tarfile.py'])).toEqual({ users: ['ethanfurman'], teams: [] });
  expect(ownersOfAll(file, ['Lib/zipfile/__init__.py'])).toEqual({ users: ['jaraco'], teams: [] });
  expect(ownersOfAll(file, ['Lib/zipfile/_path/glob.py'])).toEqual({ users: [], teams: [] });
  expect(ownersOfAll(file, ['Tools/build.py'])).toEqual({ users: [], teams: ['python/core-triage'] });
});

it('unanchored patterns match at any depth, * stays within a directory, ** crosses them; e-mail owners are left out', () => {
  expect(ownersOfAll(file, ['Lib/email/parser.py']).teams).toEqual(['python/email-team']);
  expect(ownersOfAll(file, ['Doc/library/zipfile.rst']).users).toEqual(['docs-person']);
  expect(ownersOfAll(file, ['docs/a/b/guide.md']).users).toEqual(['guide-writer']);
  expect(ownersOfAll(file, ['Modules/_ssl.c', 'Modules/_ssl_data.c']).users).toEqual(['tiran']);
  expect(ownersOfAll(file, ['Modules/sub/_ssl.c']).users).toEqual([]);
});

it('the owners of several files are listed once each', () => {
  expect(ownersOfAll(file, ['Lib/tarfile.py', 'Lib/zipfile/a.py', 'Lib/zipfile/b.py'])).toEqual({
    users: ['ethanfurman', 'jaraco'],
    teams: [],
  });
});
