// The browser the page tests drive: Debian's Chromium through playwright-core (a browser is never
// downloaded), and axe's verdict on a page as it is now.
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const chromiumPath = '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** Serious or critical accessibility violations on the page as it is now (axe needs a page of its own context). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Passed rules without the list of every node they passed on: a quarter faster on long pages.
  const { violations, passes } = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .analyze();
  // axe ran its rules on this page (a check that checked nothing would pass anything).
  expect(passes.length).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
