// The CVSS v4.0 calculator as the server renders it, through `app.request()`: the metrics
// picked for a vector, the score and severity psrt records, and, for browsers without
// JavaScript, the Compute button scoring what was picked (or the vector, if it was edited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { signIn } from '../../src/app/sessions.ts';
import { createLogger } from '../../src/config/logger.ts';
import { CvssError, cvssV4Metrics, parseCvss } from '../../src/domain/cvss.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { submittedVector } from '../../src/web/cvss-picker.ts';
import { CvssCalculator } from '../../src/web/pages/cvss-calculator.tsx';
import { startingVector } from '../../src/web/routes/cvss.tsx';

const critical = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

let store: Store;
let ctx: AppContext;
let app: ReturnType<typeof createWebApp>;

beforeAll(async () => {
  store = await openStore({ memory: true });
  await store.migrate();
  ctx = { store, now: () => new Date(), log: createLogger('silent') };
  app = createWebApp({ ctx, sandbox: false, sessionSecret: 'test-session-secret-0123456789abcdef' });
});

afterAll(async () => {
  await store?.close();
});

/** What the calculator on a page shows: the vector field, the checked radios, the score badge, the message. */
function shown(html: string) {
  const checked = Object.fromEntries(
    [...html.matchAll(/<input type="radio" id="[^"]*" name="([^"]+)" value="([^"]+)" checked=""/g)].map(
      ([, name, value]) => [name, value],
    ),
  );
  const text = (pattern: RegExp) => htmlText(html.match(pattern)?.[1]);
  return {
    vector: text(/<input type="text" id="[^"]*" name="[^"]*" value="([^"]*)"/),
    checked,
    badgeClass: text(/<output class="([^"]+)" data-cvss-score/),
    score: text(/<span class="score">([^<]*)<\/span>/),
    severity: text(/<span class="severity">([^<]*)<\/span>/),
    nomenclature: text(/<span class="nomenclature">([^<]*)<\/span>/),
    message: text(/data-cvss-message="true">([^<]*)<\/p>/),
    invalid: /aria-invalid="true"/.test(html),
  };
}

/** HTML text back to what it says (hono/jsx escapes quotes and markup). */
const htmlText = (html: string | undefined) =>
  html
    ?.replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

async function toolPage(query: Record<string, string>) {
  const response = await app.request(`/tools/cvss?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return shown(await response.text());
}

/** The radio fields a vector's metrics check on the standalone page (field name `vector`). */
const radiosFor = (vector: string) =>
  Object.fromEntries(
    cvssV4Metrics.map((metric) => {
      const part = vector.split('/').find((p) => p.startsWith(`${metric.key}:`));
      return [`vector-${metric.key}`, part ? part.split(':')[1] : 'X'];
    }),
  );

describe('the calculator shows a vector', () => {
  it(`${critical} has its metrics picked and scores 9.3 Critical (CVSS-B), as the server computes it`, async () => {
    const page = await toolPage({ vector: critical });
    expect(page.vector).toBe(critical);
    expect(page.checked).toEqual(radiosFor(critical));
    expect(page).toMatchObject({
      score: '9.3',
      severity: 'Critical',
      nomenclature: 'CVSS-B',
      badgeClass: 'cvss-score severity-critical',
      invalid: false,
      message: '',
    });
  });

  it('anyone can use it: the standalone page needs no sign-in and starts from FIRST’s vector with every impact None', async () => {
    const response = await app.request('/tools/cvss');
    expect(response.status).toBe(200);
    const page = shown(await response.text());
    expect(page.vector).toBe(startingVector);
    expect(page).toMatchObject({ score: '0.0', severity: 'None', badgeClass: 'cvss-score severity-none' });
  });

  it('someone signed in gets it in the usual frame, signed in as themselves', async () => {
    const { token } = await signIn(ctx, 'mira');
    const response = await app.request('/tools/cvss', { headers: { cookie: `psrt_session=${token}` } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/signed in as <strong>mira<\/strong>/);
    expect(shown(html)).toMatchObject({ score: '0.0', severity: 'None' });
  });

  it('each base metric is a fieldset whose legend is FIRST’s name, grouped as FIRST’s calculator groups them', () => {
    const html = (<CvssCalculator vector={critical} />).toString();
    const legends = [
      ...html.matchAll(/<legend>([^<]+?)(?: <span class="key">\((\w+)\)<\/span>)?<\/legend>/g),
    ].map(([, name = '', key]) => (key ? `${name.trim()} (${key})` : name));
    expect(legends.slice(0, 14)).toEqual([
      'Exploitability',
      'Attack Vector (AV)',
      'Attack Complexity (AC)',
      'Attack Requirements (AT)',
      'Privileges Required (PR)',
      'User Interaction (UI)',
      'Vulnerable System Impact',
      'Confidentiality (VC)',
      'Integrity (VI)',
      'Availability (VA)',
      'Subsequent System Impact',
      'Confidentiality (SC)',
      'Integrity (SI)',
      'Availability (SA)',
    ]);
    expect(html).toContain('<label for="cvss-AV-A" title="AV:A">Adjacent</label>');
    // The radios of one metric share its field, so a keyboard moves between them with the arrow keys.
    expect(html.match(/name="cvss-AV"/g)).toHaveLength(4);
  });

  it('the threat metric is collapsed when the vector leaves it out, and open with its value when it sets it', () => {
    const without = (<CvssCalculator vector={critical} />).toString();
    expect(without).toMatch(
      /<details class="cvss-more" data-cvss-group="Threat"><summary>Threat metrics <span class="cvss-defined">not set<\/span>/,
    );
    const withThreat = (<CvssCalculator vector={`${critical}/E:U`} />).toString();
    expect(withThreat).toMatch(
      /<details class="cvss-more" open="" data-cvss-group="Threat"><summary>Threat metrics <span class="cvss-defined">E:U<\/span>/,
    );
    expect(shown(withThreat)).toMatchObject({ score: '8.1', severity: 'High', nomenclature: 'CVSS-BT' });
  });

  it('an invalid vector is flagged with the domain’s own message, and the metrics it names correctly stay picked', async () => {
    const typo = critical.replace('AC:L', 'AC:Q');
    const expected = (() => {
      try {
        parseCvss(typo);
      } catch (error) {
        if (error instanceof CvssError) return error.message;
      }
      throw new Error('AC:Q should be refused');
    })();
    const page = await toolPage({ vector: typo });
    expect(page).toMatchObject({
      vector: typo,
      invalid: true,
      message: expected,
      score: '—',
      severity: 'No score',
    });
    expect(page.message).toBe('CVSS vector: metric AC has invalid value "Q" (allowed: L, H)');
    expect(page.checked['vector-AV']).toBe('N');
    expect(page.checked['vector-AC']).toBeUndefined();
  });

  it('whatever the address carries is shown as text, never as markup', async () => {
    const response = await app.request(
      `/tools/cvss?${new URLSearchParams({ vector: '<img src=x onerror=alert(1)>' })}`,
    );
    const html = await response.text();
    expect(html).not.toContain('<img src=x');
    expect(shown(html)).toMatchObject({ vector: '<img src=x onerror=alert(1)>', invalid: true });
  });

  it('a CVSS v3.1 vector (as GHSA has them) is scored as GHSA does, with a word that the picker is for v4.0', async () => {
    const page = await toolPage({ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
    expect(page).toMatchObject({
      score: '9.8',
      severity: 'Critical',
      nomenclature: 'CVSS v3.1',
      invalid: false,
    });
    expect(page.message).toContain('The metric picker is for CVSS v4.0, which publication needs.');
    expect(page.checked['vector-AV']).toBeUndefined();
  });

  it('an empty vector shows an empty picker that says what to do', () => {
    const page = shown((<CvssCalculator vector={null} />).toString());
    expect(page).toMatchObject({ vector: '', score: '—', severity: 'No score', invalid: false });
    expect(page.message).toBe('Pick a value for each base metric, or paste a vector.');
    expect(page.checked['cvss-AV']).toBeUndefined();
    expect(page.checked['cvss-E']).toBe('X');
  });
});

describe('without JavaScript, Compute scores on the server', () => {
  it('the metrics picked are scored, in specification order, Not Defined left out', async () => {
    const picked = {
      ...radiosFor(startingVector),
      'vector-VC': 'H',
      'vector-VI': 'H',
      'vector-VA': 'H',
      'vector-E': 'P',
    };
    const page = await toolPage({
      vector: startingVector,
      'vector-shown': startingVector,
      ...picked,
      'vector-compute': '1',
    });
    const expected = `${critical}/E:P`;
    expect(page.vector).toBe(expected);
    expect(page.checked).toEqual(radiosFor(expected));
    const server = parseCvss(expected);
    expect(page).toMatchObject({
      score: server.score.toFixed(1),
      severity: server.severity,
      nomenclature: 'CVSS-BT',
    });
  });

  it('a vector typed or pasted over the one shown wins over the radios', async () => {
    const pasted = 'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    const page = await toolPage({ vector: pasted, 'vector-shown': critical, ...radiosFor(critical) });
    expect(page).toMatchObject({ vector: pasted, score: '7.3', severity: 'High' });
    expect(page.checked).toEqual(radiosFor(pasted));
  });

  it('inside another form, the caller reads the same fields: submittedVector under the default name `cvss`', () => {
    const html = (<CvssCalculator vector={critical} compute={false} />).toString();
    expect(html).not.toContain('<button');
    const form = new Map([
      ['cvss', critical],
      ['cvss-shown', critical],
      ...cvssV4Metrics.map(
        (m) => [`cvss-${m.key}`, m.mandatory ? m.values[0]?.code : 'X'] as [string, string],
      ),
    ]);
    expect(submittedVector((field) => form.get(field), 'cvss')).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H',
    );
  });
});

describe('the browser script', () => {
  it('is served as one bundled module from the same origin, so the strict CSP lets it run', async () => {
    const response = await app.request('/static/cvss.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await response.text();
    // Bundled: no import left for the browser to resolve, and it carries the scoring library.
    expect(/\bfrom\s*["'][^"']+["']|\bimport\s*\(\s*["']/.test(script)).toBe(false);
    expect(script.includes('PROOF_OF_CONCEPT')).toBe(true);
    expect(script.length).toBeGreaterThan(50_000);
  });

  it('the calculator loads it as a module script from a file, never inline', () => {
    const html = (<CvssCalculator vector={critical} />).toString();
    expect(html).toContain('<script type="module" src="/static/cvss.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });
});
