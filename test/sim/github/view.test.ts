// The GitHub simulator's own pages without a browser (test/web/github-sim-view.test.ts drives
// them in Chromium): what they show, who they act as, and what they refuse.
import { describe, expect, it } from 'vitest';
import { receiver, world } from './support.ts';

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'sim.test', ...headers },
  body: new URLSearchParams(fields).toString(),
});

function viewWorld() {
  const w = world({ view: { defaultUser: 'alice' } });
  const page = async (path: string) => {
    const response = await w.sim.fetch(`http://sim.test/_sim/view${path}`);
    return { status: response.status, html: await response.text() };
  };
  const post = (path: string, fields: Record<string, string>, headers?: Record<string, string>) =>
    w.sim.fetch(`http://sim.test/_sim/view${path}`, form(fields, headers));
  return { ...w, page, post };
}

describe("the GitHub simulator's pages", () => {
  it('act as view.defaultUser until another user is picked, and fall back to it for someone unknown', async () => {
    const w = viewWorld();
    expect((await w.page('/')).html).toContain('<option value="alice" selected="">alice</option>');
    expect((await w.page('/?as=ned')).html).toContain('<option value="ned" selected="">ned</option>');
    expect((await w.page('/?as=nobody')).html).toContain('<option value="alice" selected="">alice</option>');
  });

  it('a report through the form is GitHub reporting it privately, and the page shows it escaped', async () => {
    const w = viewWorld();
    const posted = await w.post('/report', {
      as: 'alice',
      repository: 'python/cpython',
      summary: '<script>alert(1)</script> in email.parser',
      description: 'Details & more.',
    });
    expect(posted.status).toBe(303);
    const [reported] = w.c.advisories();
    expect(reported).toMatchObject({ state: 'triage', author: { login: 'alice' } });
    expect(posted.headers.get('location')).toBe(
      `/_sim/view/?${new URLSearchParams({ as: 'alice', notice: `alice reported ${reported?.ghsa_id} to python/cpython.` })}`,
    );
    const { html } = await w.page(`/advisories/python/cpython/${reported?.ghsa_id}`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; in email.parser');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Details &amp; more.');
  });

  it("a refused action redirects back with GitHub's words and changes nothing", async () => {
    const w = viewWorld();
    const ghsa = w.c.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'x', description: 'y' },
    }).ghsa_id;
    const refused = await w.post(`/advisories/python/cpython/${ghsa}/publish`, { as: 'mallory' });
    expect(new URL(refused.headers.get('location') ?? '', 'http://sim.test').searchParams.get('error')).toBe(
      '404 Not Found',
    );
    expect(w.c.advisory({ owner: 'python', repo: 'cpython', ghsaId: ghsa }).state).toBe('triage');
  });

  it('a form posted from another site is refused before it acts', async () => {
    const w = viewWorld();
    const posted = await w.post(
      '/report',
      { as: 'alice', repository: 'python/cpython', summary: 'forged', description: 'forged' },
      { origin: 'https://evil.example' },
    );
    expect(posted.status).toBe(403);
    expect(w.c.advisories()).toEqual([]);
  });

  it("a comment shows as GitHub renders it: its HTML comments (psrt's markers) hidden", async () => {
    const w = viewWorld();
    const ghsa = w.c.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'x', description: 'y' },
    }).ghsa_id;
    w.c.comment({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      ghsaId: ghsa,
      body: 'Seen.\n\n<!-- psrt:0123 -->',
    });
    const { html } = await w.page(`/advisories/python/cpython/${ghsa}`);
    expect(html).toContain('<pre class="text body">Seen.</pre>');
    expect(html).not.toContain('psrt:0123');
  });

  it("the weaknesses form sets the advisory's cwe_ids as the REST API reads them, and refuses an unknown one", async () => {
    const w = viewWorld();
    const ghsa = w.c.reportVulnerability({
      as: 'alice',
      owner: 'python',
      repo: 'cpython',
      advisory: { summary: 'tarfile: path traversal', description: 'y' },
    }).ghsa_id;
    const ref = { owner: 'python', repo: 'cpython', ghsaId: ghsa };
    const path = `/advisories/python/cpython/${ghsa}`;
    expect((await w.page(path)).html).toContain(
      '<input id="cwes-cwe_ids" type="text" name="cwe_ids" value=""',
    );

    const saved = await w.post(`${path}/cwes`, { as: 'alice', cwe_ids: 'cwe-22, 59' });
    expect(new URL(saved.headers.get('location') ?? '', 'http://sim.test').searchParams.get('notice')).toBe(
      `${ghsa} weaknesses saved: CWE-22, CWE-59.`,
    );
    expect(w.c.advisory(ref)).toMatchObject({
      cwe_ids: ['CWE-22', 'CWE-59'],
      cwes: [
        {
          cwe_id: 'CWE-22',
          name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
        },
        { cwe_id: 'CWE-59', name: "Improper Link Resolution Before File Access ('Link Following')" },
      ],
    });
    const { html } = await w.page(path);
    expect(html).toContain('value="CWE-22, CWE-59"');
    expect(html).toContain('<span class="mono">CWE-22</span>');

    const refused = await w.post(`${path}/cwes`, { as: 'alice', cwe_ids: 'CWE-99999' });
    expect(
      new URL(refused.headers.get('location') ?? '', 'http://sim.test').searchParams.get('error'),
    ).toContain('422 Validation Failed');
    expect(w.c.advisory(ref).cwe_ids).toEqual(['CWE-22', 'CWE-59']);
    await w.post(`${path}/cwes`, { as: 'alice', cwe_ids: '' });
    expect(w.c.advisory(ref).cwe_ids).toEqual([]);
  });

  it('an advisory that does not exist is 404', async () => {
    const w = viewWorld();
    expect((await w.page('/advisories/python/cpython/GHSA-2x3v-4w5c-6f7g')).status).toBe(404);
  });

  it('the deliveries page lists event, action, status and response code, and redelivers', async () => {
    const w = viewWorld();
    const hook = await receiver(500);
    await w.c.setWebhook({ url: hook.url });
    await w.c.waitForDeliveries();
    const [ping] = w.c.deliveries();
    const { html } = await w.page('/deliveries');
    expect(html).toContain(`The hook posts to ${hook.url}.`);
    expect(html).toContain(
      `<td class="event">ping</td><td class="action"></td><td class="status">Invalid HTTP Response: 500</td><td class="code">500</td>`,
    );
    hook.answerWith(200);
    const again = await w.post(`/deliveries/${ping?.id}/redeliver`, { as: 'alice' });
    expect(again.status).toBe(303);
    expect(w.c.deliveries().map((d) => [d.event, d.redelivery, d.status])).toEqual([
      ['ping', false, 'Invalid HTTP Response: 500'],
      ['ping', true, 'OK'],
    ]);
    hook.close();
  });
});
