import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

test.describe('app shell', () => {
  test('hydrates: the live service search and read-aloud work once the wasm runs', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await waitForHydration(page);
    const cards = page.getByTestId('service-list').locator('li');
    await expect(cards).toHaveCount(4);
    await page.getByTestId('service-search').fill('殡葬');
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText('殡葬补贴');
    expect(new URL(page.url()).search).toBe(''); // filtered in the browser, not submitted
    const read = page.getByTestId('read-aloud');
    await read.click();
    await expect(read).toHaveAttribute('aria-pressed', 'true');
    await expect(read).toContainText('停止朗读');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('language switch on every page, decided on the server and kept across pages', async ({ page }) => {
    await page.goto('/services/funeral');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('殡葬补贴');
    await page.getByTestId('switch-lang').click();
    await expect(page).toHaveURL(/\/services\/funeral$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funeral subsidy');
    await page.goto('/staff');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff entry');
    await waitForHydration(page);
    await expect(page.getByTestId('read-aloud')).toContainText('Read aloud');
    await page.getByTestId('switch-lang').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作人员入口');
  });

  test('长辈版 makes body text at least 18px, headings at least 30px and targets at least 60px', async ({ page }, info) => {
    await page.goto('/services/check');
    const px = (sel: string, prop: string) =>
      page.locator(sel).first().evaluate((el, p) => parseFloat(getComputedStyle(el).getPropertyValue(p)), prop);
    // Kiosks are always large; phones start at the normal size.
    if (info.project.name === 'phone') expect(await px('main p', 'font-size')).toBeLessThan(18);
    await page.getByTestId('switch-large').click();
    await expect(page.getByTestId('switch-large')).toHaveAttribute('aria-pressed', 'true');
    // Before hydration the switch is a form post: the page is loaded again with the setting, and
    // on a kiosk (large already) the old page says "pressed" too. Wait for the text to grow.
    await page.waitForLoadState();
    await expect.poll(() => px('main p', 'font-size')).toBeGreaterThanOrEqual(18);
    expect(await px('h1', 'font-size')).toBeGreaterThanOrEqual(30);
    expect(await px('main p', 'line-height') / (await px('main p', 'font-size'))).toBeGreaterThanOrEqual(1.3);
    const box = await page.getByTestId('switch-large').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(60);
    await page.goto('/');
    expect(await px('.service-summary', 'font-size')).toBeGreaterThanOrEqual(18);
  });

  test('high contrast switch persists across pages', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('switch-contrast').click();
    await page.goto('/services/charity');
    await expect(page.locator('html')).toHaveClass(/contrast/);
    const bg = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(0, 0, 0)');
  });

  test('pages read and switch language without JavaScript', async ({ browser }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.getByTestId('service-list').locator('li')).toHaveCount(4);
    await page.getByTestId('service-search').fill('volunteer');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page).toHaveURL(/\?q=volunteer/);
    await expect(page.getByTestId('service-list').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('service-list')).toContainText('志愿时间银行');
    await page.getByTestId('switch-lang').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await ctx.close();
  });

  test('security headers: CSP with a nonce, no framing, nosniff, no caching of pages', async ({ request }) => {
    const res = await request.get('/');
    const h = res.headers();
    expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}' 'wasm-unsafe-eval'/);
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['cache-control']).toBe('no-store');
    expect(h['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    const nonce = /'nonce-([^']+)'/.exec(h['content-security-policy'])![1];
    expect(await res.text()).toContain(`nonce="${nonce}"`);
  });

  test('unknown pages answer 404 with a way back', async ({ page }) => {
    const res = await page.goto('/no-such-page');
    expect(res!.status()).toBe(404);
    await expect(page.getByRole('link', { name: '回到首页' })).toBeVisible();
  });
});
