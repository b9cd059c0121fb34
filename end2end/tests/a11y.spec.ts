import { test } from '@playwright/test';
import { expectNoAxeViolations, waitForHydration } from './helpers';
import { walkToResults, commonCase } from './check-helpers';

const pages = ['/', '/check', '/signin', '/signin/code', '/account', '/staff/signin', '/services/check', '/services/funeral', '/services/volunteer', '/services/charity', '/staff', '/api/docs', '/no-such-page', '/verify', '/verify/ZY2026-NONE-NONE', '/charity', '/charity/projects/CP-DEMO-2026', '/charity/transparency', '/charity/receipts/check', '/charity/receipts/check?number=JZ000&code=X', '/charity/mine', '/policy/parameters', '/funeral', '/cases', '/cases/BZ2026-NONE-NONE'];

for (const path of pages) {
  test(`axe: no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    if (path !== '/api/docs') await waitForHydration(page);
    await expectNoAxeViolations(page);
  });
}

test('axe: no violations in English, 长辈版 and high contrast', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('switch-lang').click();
  await page.getByTestId('switch-large').click();
  await page.getByTestId('switch-contrast').click();
  for (const path of ['/', '/services/funeral', '/staff']) {
    await page.goto(path);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  }
});

test('axe: no violations on a check question, its errors and the results', async ({ page }) => {
  await page.goto('/check');
  await waitForHydration(page);
  await page.getByTestId('next').click(); // error summary shown
  await expectNoAxeViolations(page);
  await walkToResults(page, commonCase);
  await page.locator('.result-card details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await expectNoAxeViolations(page);
});
