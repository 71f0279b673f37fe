// The CVSS v4.0 calculator in a real browser (Debian's Chromium through playwright-core, the
// launch of browser.test.ts) against psrt's web app on a free port: live both ways with
// JavaScript, the same result from the Compute button without it, and the server's score for
// FIRST's examples and for every PSF CVE record with a v4.0 vector.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.ts';
import { CvssError, parseCvss } from '../../src/domain/cvss.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { type Listener, listen } from '../../src/web/listener.ts';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && process.env.CI) {
  describe('the CVSS calculator in Chromium', () => {
    it('has Chromium to run in (required in CI)', () => {
      throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium package.`);
    });
  });
}

const critical = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

/** Every v4.0 vector the PSF CNA published, with the score and severity in its CVE record. */
function psfRecords(): { cve: string; vector: string; score: number; severity: string }[] {
  const folder = fileURLToPath(new URL('../../vendor/cvelist-psf/cves', import.meta.url));
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const record = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      const metrics: { cvssV4_0?: { vectorString: string; baseScore: number; baseSeverity: string } }[] =
        record.containers?.cna?.metrics ?? [];
      return metrics.flatMap(({ cvssV4_0 }) =>
        cvssV4_0
          ? [
              {
                cve: record.cveMetadata.cveId,
                vector: cvssV4_0.vectorString,
                score: cvssV4_0.baseScore,
                severity: cvssV4_0.baseSeverity,
              },
            ]
          : [],
      );
    });
}

describe.runIf(haveChromium)('the CVSS calculator in Chromium', () => {
  let store: Store;
  let listener: Listener | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];

  beforeAll(async () => {
    store = await openStore({ memory: true });
    await store.migrate();
    const ctx = { store, now: () => new Date(), log: createLogger('silent') };
    const app = createWebApp({ ctx, sandbox: false, sessionSecret: 'test-session-secret-0123456789abcdef' });
    listener = await listen('127.0.0.1', 0);
    listener.serve(app.fetch);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    // Axe analyses pages of a context of their own.
    page = await (await browser.newContext()).newPage();
    // The browser's own favicon probe is not something the page asked for.
    const ownRequest = (url: string) => !new URL(url).pathname.startsWith('/favicon');
    page.on('console', (message) => {
      if (message.type() === 'error' && ownRequest(message.location().url || page.url()))
        consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400 && ownRequest(response.url()))
        failedRequests.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await listener?.close(performance.now() + 1000);
    await store?.close();
  });

  const url = (path: string) => `${listener?.url}${path}`;
  const vectorField = () => page.locator('#vector');
  const badge = async () => ({
    score: await page.locator('[data-cvss-score] .score').textContent(),
    severity: await page.locator('[data-cvss-score] .severity').textContent(),
    nomenclature: await page.locator('[data-cvss-score] .nomenclature').textContent(),
  });
  /** The checked radio of every metric, as `KEY:VALUE` in page order (Not Defined included). */
  const checkedMetrics = (on: Page = page) =>
    on
      .locator('input[type="radio"]:checked')
      .evaluateAll((radios) =>
        radios.map((radio) => `${radio.getAttribute('name')}=${radio.getAttribute('value')}`),
      );
  const serverScore = (vector: string) => {
    const { score, severity } = parseCvss(vector);
    return { score: score.toFixed(1), severity };
  };

  it('picking metrics rewrites the vector and the score at once, and the address keeps the vector to share', async () => {
    await page.goto(url('/tools/cvss'));
    expect(await badge()).toEqual({ score: '0.0', severity: 'None', nomenclature: 'CVSS-B' });
    // The Compute button is for browsers without JavaScript.
    expect(await page.getByRole('button', { name: 'Compute' }).isVisible()).toBe(false);

    const impacts = page.getByRole('group', { name: 'Vulnerable System Impact' });
    await impacts.getByRole('group', { name: 'Confidentiality (VC)' }).getByText('High').click();
    const confidentialityOnly = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N';
    expect(await vectorField().inputValue()).toBe(confidentialityOnly);
    expect(await badge()).toMatchObject(serverScore(confidentialityOnly));

    await impacts.getByRole('group', { name: 'Integrity (VI)' }).getByText('High').click();
    await impacts.getByRole('group', { name: 'Availability (VA)' }).getByText('High').click();
    expect(await vectorField().inputValue()).toBe(critical);
    expect(await badge()).toEqual({ score: '9.3', severity: 'Critical', nomenclature: 'CVSS-B' });
    expect(await page.locator('[data-cvss-score]').getAttribute('class')).toBe(
      'cvss-score severity-critical',
    );
    expect(new URL(page.url()).searchParams.get('vector')).toBe(critical);

    await page.locator('summary', { hasText: 'Threat metrics' }).click();
    await page.getByRole('group', { name: 'Exploit Maturity (E)' }).getByText('Unreported').click();
    expect(await vectorField().inputValue()).toBe(`${critical}/E:U`);
    expect(await badge()).toEqual({ score: '8.1', severity: 'High', nomenclature: 'CVSS-BT' });
  });

  it('pasting a vector sets the radios, opens the groups it uses and scores it', async () => {
    await page.goto(url('/tools/cvss'));
    const pasted = 'CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:A/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/U:Green';
    await vectorField().fill(pasted);
    expect(await checkedMetrics()).toEqual(
      expect.arrayContaining(['vector-AV=L', 'vector-UI=A', 'vector-VA=N', 'vector-U=Green', 'vector-E=X']),
    );
    expect((await checkedMetrics()).filter((pick) => !pick.endsWith('=X'))).toHaveLength(12);
    expect(await page.locator('details[data-cvss-group="Supplemental"]').getAttribute('open')).toBe('');
    expect(await page.locator('details[data-cvss-group="Supplemental"] .cvss-defined').textContent()).toBe(
      'U:Green',
    );
    expect(await badge()).toMatchObject(serverScore(pasted));
  });

  it('an invalid vector is flagged, the domain’s message read out in a live region, and cleared once fixed', async () => {
    const typo = critical.replace('AC:L', 'AC:Q');
    const expected = (() => {
      try {
        parseCvss(typo);
      } catch (error) {
        if (error instanceof CvssError) return error.message;
      }
      throw new Error('AC:Q should be refused');
    })();
    await vectorField().fill(typo);
    expect(await vectorField().getAttribute('aria-invalid')).toBe('true');
    const message = page.locator('#vector-message');
    expect(await message.getAttribute('aria-live')).toBe('polite');
    expect(await message.textContent()).toBe(expected);
    expect(await vectorField().getAttribute('aria-describedby')).toBe('vector-message');
    expect(await badge()).toMatchObject({ score: '—', severity: 'No score' });

    await vectorField().fill(critical);
    expect(await vectorField().getAttribute('aria-invalid')).toBeNull();
    expect(await message.textContent()).toBe('');
    expect(await badge()).toMatchObject({ score: '9.3', severity: 'Critical' });
  });

  it('scores agree with the server for FIRST’s examples and with every PSF CVE record that has a v4.0 vector', async () => {
    const records = psfRecords();
    expect(records.length).toBeGreaterThanOrEqual(5);
    const first = [
      critical,
      'CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', // CVE-2022-41741, 7.3 High
      `${critical}/E:U`,
      'CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N',
    ];
    await page.goto(url('/tools/cvss'));
    for (const vector of first) {
      await vectorField().fill(vector);
      expect(await badge(), vector).toMatchObject(serverScore(vector));
    }
    for (const record of records) {
      await vectorField().fill(record.vector);
      const shown = await badge();
      expect(shown, record.cve).toMatchObject(serverScore(record.vector));
      expect({ score: Number(shown.score), severity: shown.severity?.toUpperCase() }, record.cve).toEqual({
        score: record.score,
        severity: record.severity,
      });
    }
  });

  it('the keyboard moves from the vector field from one metric group to the next, and arrow keys change the metric', async () => {
    await page.goto(url(`/tools/cvss?${new URLSearchParams({ vector: critical })}`));
    await vectorField().focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate<string>('document.activeElement.id');
    expect(await focused()).toBe('vector-AV-N');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('vector-AV-A');
    expect(await vectorField().inputValue()).toBe(critical.replace('AV:N', 'AV:A'));
    expect(await badge()).toMatchObject(serverScore(critical.replace('AV:N', 'AV:A')));
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('vector-AC-L');
    // The focused choice is visibly marked (its label carries the focus ring).
    const outline = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('label[for="vector-AC-L"]')).outlineStyle`,
    );
    expect(outline).toBe('solid');
  });

  it('has no accessibility violations axe can find, no failed request and no error under the CSP', async () => {
    await page.goto(url(`/tools/cvss?${new URLSearchParams({ vector: `${critical}/E:A/CR:H/AU:Y` })}`));
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('without JavaScript, the Compute button gives the same vector and score as the live calculator', async () => {
    const context = await (browser as Browser).newContext({ javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await plain.goto(url('/tools/cvss'));
      for (const metric of ['VC', 'VI', 'VA']) await plain.locator(`label[for="vector-${metric}-H"]`).click();
      // Nothing changes until Compute is pressed: the server does the scoring.
      expect(await plain.locator('#vector').inputValue()).not.toBe(critical);
      await Promise.all([
        plain.waitForURL((address) => address.searchParams.has('vector-compute')),
        plain.getByRole('button', { name: 'Compute' }).click(),
      ]);
      expect(await plain.locator('#vector').inputValue()).toBe(critical);
      expect(await plain.locator('[data-cvss-score] .score').textContent()).toBe('9.3');
      expect(await plain.locator('[data-cvss-score] .severity').textContent()).toBe('Critical');

      // A vector pasted over the one shown wins over the radios.
      const pasted = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N';
      await plain.locator('#vector').fill(pasted);
      await Promise.all([
        plain.waitForURL((address) => address.searchParams.get('vector') === pasted),
        plain.locator('#vector').press('Enter'),
      ]);
      expect(await plain.locator('#vector').inputValue()).toBe(pasted);
      expect(await plain.locator('[data-cvss-score] .score').textContent()).toBe(serverScore(pasted).score);
      expect(await checkedMetrics(plain)).toContain('vector-VC=L');
    } finally {
      await context.close();
    }
  });
});
