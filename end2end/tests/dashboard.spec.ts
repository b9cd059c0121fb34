import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'fs';
import { expectNoAxeViolations, waitForHydration } from './helpers';
import { ADMIN, staffSignIn, totp } from './staff-helpers';

async function openAllTables(page: Page) {
  await page.locator('details.chart-table').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

test.describe('plan dashboard and open data', () => {
  test('staff see the volunteer share, the charts with their tables, and download the CSV', async ({ page }, info) => {
    await staffSignIn(page, ADMIN, totp(ADMIN.secret));
    await expect(page.getByTestId('staff-role')).toBeVisible();
    await page.goto('/staff');
    await page.getByRole('link', { name: '规划指标看板' }).click();
    await expect(page).toHaveURL(/\/staff\/dashboard$/);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('规划指标看板');
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    await expect(page.getByTestId('period')).toContainText(`${year} 年`);

    // The volunteers' share against the 14 % target, with the population's date and source.
    await expect(page.getByTestId('share')).toHaveText(/^\d+\.\d+%$/);
    await expect(page.getByTestId('target')).toHaveText('14%');
    await expect(page.getByTestId('population')).toHaveText(/^\d{1,3}(,\d{3})+ 人$/);
    await expect(page.getByTestId('population-source')).toContainText(/常住人口自 \d{4}-\d{2}-\d{2} 起取/);
    await expect(page.getByTestId('population-source')).toContainText('十四五');

    // Charts: images with a name, values written as text; each with its table.
    for (const id of ['hours-chart', 'street-chart', 'month-chart', 'decision-chart', 'charity-chart']) {
      const chart = page.getByTestId(id);
      await expect(chart).toHaveAttribute('role', 'img');
      await expect(chart.locator('title')).not.toBeEmpty();
      await expect(chart.locator('text.bar-label').first()).toBeVisible();
    }
    await expect(page.getByTestId('street-chart').locator('text.bar-label').first()).toContainText('吴家山街道 · 救助预申请');
    await expect(page.locator('.chart-legend').first()).toContainText('殡葬补贴申请（斜线）');
    await openAllTables(page);
    await expect(page.getByTestId('street-chart-table').locator('tbody tr')).toHaveCount(12);
    await expect(page.getByTestId('hours-table').locator('tbody tr')).toHaveCount(new Date(Date.now() + 8 * 3600_000).getUTCMonth() + 1);
    await expect(page.getByTestId('decision-table').locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('charity-table')).toContainText('当前结余');
    await expect(page.getByTestId('suppression-note')).toHaveCount(0);
    await page.screenshot({ path: `/tmp/dashboard-${info.project.name}.png`, fullPage: true });

    // The CSV: UTF-8 with a byte-order mark, one figure a line.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link').click()]);
    expect(download.suggestedFilename()).toBe(`dashboard-${year}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('指标 / Indicator,分项 / Breakdown,项目 / Item,数值 / Value,单位 / Unit');
    expect(text).toContain('“十四五”目标 / Plan target');
    expect(text).toContain('按街道 / By street,吴家山街道 / Wujiashan Subdistrict,');
  });

  test('the public open-data page shows the aggregates, says why small counts are hidden, and holds no personal data', async ({ page, request }, info) => {
    await page.goto('/');
    await page.getByTestId('open-data-link').click();
    await expect(page).toHaveURL(/\/open-data$/);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('民政数据公开');
    await expect(page.getByTestId('suppression-note')).toContainText('“<5”');
    await expect(page.getByTestId('suppression-note')).toContainText('不含任何个人信息');
    await expect(page.getByTestId('share')).toHaveText(/^\d+\.\d+%$/);
    await expect(page.getByTestId('total-preapplications')).toHaveText(/^(\d[\d,]*|<5|x) 件$/);
    await expect(page.getByTestId('street-chart')).toHaveAttribute('role', 'img');
    await openAllTables(page);
    await expect(page.getByTestId('street-chart-table').locator('tbody tr')).toHaveCount(12);
    // Every count on the page is 0, 5 or more, "<5" or withheld ("x").
    const streetCells = await page.getByTestId('street-chart-table').locator('tbody td').allInnerTexts();
    for (const cell of streetCells) {
      expect(cell).toMatch(/^(0|[5-9]|\d{2,}|\d{1,3}(,\d{3})+|<5|x)$/);
    }
    // L5: the total minus the visible streets never gives back a single "<5".
    const total = (await page.getByTestId('total-preapplications').innerText()).replace(/ 件$/, '');
    const preapplications = streetCells.filter((_, i) => i % 2 === 0);
    if (/^[\d,]+$/.test(total)) {
      const hidden = preapplications.filter((c) => c === '<5' || c === 'x');
      expect(hidden.length === 0 || hidden.length > 1 || hidden[0] === 'x').toBeTruthy();
    }
    const body = await page.locator('main').innerText();
    expect(body).not.toMatch(/1[3-9]\d{9}/); // no phone number
    expect(body).not.toMatch(/\d{17}[\dX]/); // no ID number
    expect(body).not.toMatch(/[\u4e00-\u9fa5]\*/); // no masked name either
    await page.screenshot({ path: `/tmp/open-data-${info.project.name}.png`, fullPage: true });

    // The same figures through the API and as CSV, for anyone.
    const api = await request.get('/api/v1/open-data');
    expect(api.status()).toBe(200);
    expect((await api.json()).public).toBe(true);
    const csv = await request.get('/api/v1/open-data.csv');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const staffOnly = await request.get('/api/v1/dashboard');
    expect(staffOnly.status()).toBe(401);
  });

  test('the open-data page works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/open-data');
    await expect(page.getByTestId('population')).toHaveText(/人$/);
    await expect(page.getByTestId('month-chart')).toBeVisible();
    await context.close();
  });
});
