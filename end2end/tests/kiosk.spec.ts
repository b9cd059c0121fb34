import { test, expect } from '@playwright/test';
import { enterKiosk, waitForHydration } from './helpers';

// The e2e server runs with KIOSK_IDLE_SECONDS=8 and KIOSK_WARN_SECONDS=3.
test.describe('kiosk idle wipe', () => {
  test('warns with a countdown, then wipes fields, storage and cookies and returns to the start', async ({ page, context }) => {
    await enterKiosk(page);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('html')).toHaveClass(/kiosk/);
    await page.goto('/services/check');
    await page.goto('/');
    await waitForHydration(page);
    await page.getByTestId('service-search').fill('张三 13800138000');
    await page.evaluate(() => {
      localStorage.setItem('draft', 'household answers');
      sessionStorage.setItem('draft', 'household answers');
      document.cookie = 'draft=1; path=/';
    });
    await page.getByTestId('switch-large').click(); // an HttpOnly preference cookie to wipe
    await waitForHydration(page);
    await page.getByTestId('service-search').fill('张三 13800138000');

    const warning = page.getByTestId('idle-warning');
    await expect(warning).toBeVisible({ timeout: 12_000 });
    await expect(warning).toContainText('秒后将清除');
    await expect(warning).toBeHidden({ timeout: 8_000 });
    await expect(page).toHaveURL(/\/$/);
    await waitForHydration(page);
    await expect(page.getByTestId('service-search')).toHaveValue('');
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    const names = (await context.cookies()).map((c) => c.name);
    expect(names).toEqual(['kiosk']);
    await expect(page.getByTestId('switch-large')).toHaveAttribute('aria-pressed', 'false');

    await page.goBack();
    await expect(page.getByTestId('service-search')).toHaveValue('');
    expect(await page.content()).not.toContain('13800138000');
  });

  test('one tap on the warning keeps the session', async ({ page }) => {
    await enterKiosk(page);
    await waitForHydration(page);
    await page.getByTestId('service-search').fill('低保');
    const warning = page.getByTestId('idle-warning');
    await expect(warning).toBeVisible({ timeout: 12_000 });
    await warning.getByRole('button').click();
    await expect(warning).toBeHidden();
    await expect(page.getByTestId('service-search')).toHaveValue('低保');
  });
});

test('the idle timer wipes a half-finished eligibility check', async ({ page }) => {
  await enterKiosk(page);
  await page.goto('/check');
  await waitForHydration(page);
  await page.locator('#ev-hardship').check();
  await page.getByTestId('next').click();
  await page.locator('#residence-urban').check();
  await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 12_000 });
  await expect(page).toHaveURL(/\/$/, { timeout: 8_000 });
  await page.goBack();
  await waitForHydration(page);
  expect(await page.locator('input:checked').count()).toBe(0);
  await page.goto('/check');
  await waitForHydration(page);
  await expect(page.locator('#ev-hardship')).not.toBeChecked();
  await expect(page.getByTestId('progress')).toContainText('第 1 步');
});
