// The advisory comments preview, which @octokit/openapi does not describe yet: checked against the
// description psrt wrote from GitHub's documentation of it (sim/conformance/advisory-comments.openapi.json)
// until the official one has it, and not a day longer.
import { describe, expect, it } from 'vitest';
import { descriptionPaths, githubConformance } from '../../sim/conformance/descriptions.ts';
import { previewPaths } from '../../sim/conformance/github-preview.ts';
import { loadDescription, type Problem } from '../../sim/conformance/openapi.ts';
import { ADVISORY_URL, JSON_HEADERS, simpleUser } from './fixtures.ts';

const github = githubConformance();
const COMMENTS = `${ADVISORY_URL}/comments`;
const at = (problems: Problem[]) => problems.map((p) => [p.location, p.instancePath, p.keyword]);

/** Only what was observed of a comment (github-advisories.md §2.11). */
const observed = () => ({
  id: 7,
  author: simpleUser('sethmlarson', 3),
  body: 'Confirmed on 3.13.',
  created_at: '2026-11-24T10:00:00Z',
  updated_at: '2026-11-24T10:05:00Z',
});
/** Shaped like an issue comment, as §2.11 expects but has not seen. */
const issueCommentLike = () => {
  const { author, ...rest } = observed();
  return {
    ...rest,
    user: author,
    node_id: 'RAC_kwDOAAAAAc4AAAAH',
    url: `${COMMENTS}/7`,
    html_url: 'https://github.com/python/cpython/security/advisories/GHSA-2345-6789-cfgh#advisory-comment-7',
  };
};
const respond = (method: string, url: string, status: number, body: unknown, headers = {}) =>
  github.checkResponse(method, url, status, { ...JSON_HEADERS, ...headers }, JSON.stringify(body));

describe('our description of the advisory comments preview', () => {
  it('is still needed: @octokit/openapi does not describe its paths (once it does, switch to it and delete ours)', () => {
    const official = loadDescription(descriptionPaths.githubRest()).document.paths as Record<string, unknown>;
    const described = previewPaths().filter((path) => path in official);
    expect(
      described,
      'GitHub now describes the advisory comments API: check against @octokit/openapi and delete sim/conformance/advisory-comments.openapi.json and github-preview.ts',
    ).toEqual([]);
  });

  it('names the four operations, checked like any other', () => {
    const ops = [
      ['GET', COMMENTS],
      ['POST', COMMENTS],
      ['GET', `${COMMENTS}/7`],
      ['PATCH', `${COMMENTS}/7`],
    ].map(([method, url]) => github.matchOperation(method as string, url as string)?.operationId);
    expect(ops).toEqual([
      'security-advisories/list-repository-advisory-comments',
      'security-advisories/create-repository-advisory-comment',
      'security-advisories/get-repository-advisory-comment',
      'security-advisories/update-repository-advisory-comment',
    ]);
    expect(github.checkRequest('DELETE', `${COMMENTS}/7`, {}, undefined)[0]?.keyword).toBe(
      'method-not-allowed',
    );
  });
});

describe('advisory comment requests', () => {
  it('take a body with the comment’s text to add or edit one', () => {
    for (const [method, url] of [
      ['POST', COMMENTS],
      ['PATCH', `${COMMENTS}/7`],
    ] as const) {
      expect(github.checkRequest(method, url, JSON_HEADERS, '{"body":"Thanks!"}')).toEqual([]);
      expect(at(github.checkRequest(method, url, JSON_HEADERS, ''))).toEqual([['body', '', 'missing-body']]);
      expect(at(github.checkRequest(method, url, JSON_HEADERS, '{"text":"Thanks!"}'))).toEqual([
        ['body', '/body', 'required'],
      ]);
      expect(at(github.checkRequest(method, url, JSON_HEADERS, '{"body":1}'))).toEqual([
        ['body', '/body', 'type'],
      ]);
    }
    expect(at(github.checkRequest('GET', `${COMMENTS}/first`, {}, undefined))).toEqual([
      ['path', '/comment_id', 'type'],
    ]);
  });

  it('list with since (a date-time) and page or cursor parameters, nothing else', () => {
    const list = `${COMMENTS}?since=2026-11-24T10:00:00Z&per_page=100&page=2&after=Y3Vyc29y`;
    expect(github.checkRequest('GET', list, {}, undefined)).toEqual([]);
    expect(at(github.checkRequest('GET', `${COMMENTS}?since=yesterday&sort=created`, {}, undefined))).toEqual(
      [
        ['query', '/since', 'format'],
        ['query', '/sort', 'undocumented-parameter'],
      ],
    );
  });
});

describe('advisory comment responses', () => {
  it('accept a comment with only what was observed, or shaped like an issue comment', () => {
    for (const comment of [observed(), issueCommentLike()]) {
      const link = { link: `<${COMMENTS}?page=2>; rel="next"` };
      expect(respond('GET', COMMENTS, 200, [comment], link)).toEqual([]);
      expect(respond('POST', COMMENTS, 201, comment)).toEqual([]);
      expect(respond('GET', `${COMMENTS}/7`, 200, comment)).toEqual([]);
      expect(respond('PATCH', `${COMMENTS}/7`, 200, comment)).toEqual([]);
    }
  });

  it('refuse a comment without its id, text or times, or with a mistyped one', () => {
    const { body: _text, ...textless } = observed();
    expect(at(respond('GET', `${COMMENTS}/7`, 200, textless))).toEqual([['body', '/body', 'required']]);
    const { id: _id, updated_at: _updated, ...unnamed } = observed();
    expect(at(respond('GET', COMMENTS, 200, [unnamed]))).toEqual([
      ['body', '/0/id', 'required'],
      ['body', '/0/updated_at', 'required'],
    ]);
    expect(at(respond('POST', COMMENTS, 201, { ...observed(), id: '7', author: 'sethmlarson' }))).toEqual([
      ['body', '/id', 'type'],
      ['body', '/author', 'type'],
    ]);
    expect(
      at(respond('PATCH', `${COMMENTS}/7`, 200, { ...issueCommentLike(), created_at: 'today' })),
    ).toEqual([['body', '/created_at', 'format']]);
    expect(at(respond('GET', `${COMMENTS}/7`, 200, []))).toEqual([['body', '', 'type']]);
  });

  it('answer a refused text with a validation error, and an unseen advisory or comment with 404', () => {
    const invalid = { message: 'Invalid request.', documentation_url: 'https://docs.github.com/rest' };
    expect(respond('POST', COMMENTS, 422, invalid)).toEqual([]);
    expect(at(respond('PATCH', `${COMMENTS}/7`, 422, { errors: [] }))).toEqual([
      ['body', '/message', 'required'],
      ['body', '/documentation_url', 'required'],
    ]);
    expect(respond('GET', `${COMMENTS}/7`, 404, { message: 'Not Found', documentation_url: 'x' })).toEqual(
      [],
    );
  });
});
