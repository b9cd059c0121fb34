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

/** Puts this browser into kiosk mode as a technician does: the /kiosk page's button (a POST). */
export async function enterKiosk(page: import('@playwright/test').Page) {
  await page.goto('/kiosk');
  const enter = page.getByTestId('kiosk-enter');
  if ((await enter.count()) > 0) {
    await enter.click();
    await page.waitForURL(/\/$/);
  } else {
    await page.goto('/'); // already a kiosk (the kiosk project's device cookie)
  }
}
