// Working a page with the keyboard alone, as someone who cannot use a mouse does: Tab from the top
// of the page until the control is focused, and a focus indicator one can see (an outline or ring
// of at least 3:1 contrast against the white it sits on, WCAG 1.4.11).
import type { Locator, Page } from 'playwright-core';

/** Runs in the page: is `element` the one with the focus? (The project compiles without the DOM's types.) */
const hasFocus = (element: unknown) =>
  element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;

/** Presses Tab from where the focus is until `target` has it; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 150): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate(hasFocus)) return presses;
  }
  throw new Error(`Tab did not reach ${target} in ${max} presses.`);
}

/** The focused element's indicator as computed; for a radio drawn by its label, the label's. */
const indicatorScript = `(() => {
  let element = document.activeElement;
  if (element instanceof HTMLInputElement && element.type === 'radio' && getComputedStyle(element).opacity === '0')
    element = document.querySelector('label[for="' + CSS.escape(element.id) + '"]') ?? element;
  const style = getComputedStyle(element);
  return {
    element: element.tagName.toLowerCase() + (element.id ? '#' + element.id : ''),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
  };
})()`;

interface Indicator {
  element: string;
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  boxShadow: string;
}

function luminance(color: string): number | null {
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!rgb) return null;
  const [r, g, b] = rgb.slice(1, 4).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** Contrast ratio of a CSS colour against white. */
const againstWhite = (color: string) => {
  const l = luminance(color);
  return l === null ? 0 : 1.05 / (l + 0.05);
};

/**
 * Why the focused element's indicator cannot be seen, or null when it can: an outline of 2px or
 * more, or a box-shadow ring, in a colour of at least 3:1 against white.
 */
export async function invisibleFocus(page: Page): Promise<string | null> {
  const found = await page.evaluate<Indicator>(indicatorScript);
  const outline = found.outlineStyle !== 'none' && found.outlineWidth >= 2;
  const ring = found.boxShadow !== 'none' ? found.boxShadow : null;
  if (!outline && !ring) return `${found.element} shows no outline or ring when focused`;
  const color = outline ? found.outlineColor : (ring ?? '');
  const contrast = againstWhite(color);
  return contrast >= 3
    ? null
    : `${found.element}'s focus indicator (${color}) has ${contrast.toFixed(1)}:1 contrast against white, under 3:1`;
}
