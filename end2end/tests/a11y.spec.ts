import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, waitForHydration } from './helpers';
import { walkToResults, commonCase } from './check-helpers';
import { ADMIN, staffSignIn, totp } from './staff-helpers';

const pages = ['/', '/check', '/signin', '/signin/code', '/account', '/staff/signin', '/services/check', '/services/funeral', '/services/volunteer', '/services/charity', '/staff', '/api/docs', '/no-such-page', '/verify', '/verify/ZY2026-NONE-NONE', '/charity', '/charity/projects/CP-DEMO-2026', '/charity/transparency', '/charity/receipts/check', '/charity/receipts/check?number=JZ000&code=X', '/charity/mine', '/policy/parameters', '/funeral', '/cases', '/cases/BZ2026-NONE-NONE', '/open-data'];

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

test('axe: no violations on the staff dashboard, its tables open', async ({ page }) => {
  await staffSignIn(page, ADMIN, totp(ADMIN.secret));
  await expect(page.getByTestId('staff-role')).toBeVisible();
  await page.goto('/staff/dashboard');
  await waitForHydration(page);
  await page.locator('details.chart-table').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await expectNoAxeViolations(page);
});
