import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Waits until the WebAssembly has hydrated the page (the read-aloud button reacts). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (window as any).__hydrated === true, null, { timeout: 20_000 });
}

/** Asserts axe-core finds no violations (WCAG 2.1 A/AA and best practices). */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, summary.join('\n')).toEqual([]);
}
