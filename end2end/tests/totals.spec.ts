import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'fs';
import { phoneNumber, signIn } from './resident-helpers';
import { publishActivityNow, registerVolunteer, scanDesk, shanghaiNow } from './timebank-helpers';
import { expectNoAxeViolations, waitForHydration } from './helpers';

/** A valid GB 11643 ID number of Dongxihu (420112), its sequence random so each run registers anew. */
function randomIdNumber(): string {
  const body = `42011219630415${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

test.describe('district totals and the annual records export', () => {
  test('the public totals page shows the figures, the monthly chart with its numbers, the target and the sources', async ({ page }) => {
    const now = shanghaiNow();
    await page.goto('/volunteer');
    await page.getByTestId('totals-link').click();
    await expect(page).toHaveURL(/\/timebank\/totals$/);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('全区志愿服务统计');
    await expect(page.getByTestId('total-hours')).toHaveText(/^[\d,]+\.\d 小时$/);
    await expect(page.getByTestId('volunteers')).toHaveText(/^[\d,]+ 人$/);
    await expect(page.getByTestId('population')).toHaveText(/^\d{1,3}(,\d{3})+ 人$/);
    await expect(page.getByTestId('share')).toHaveText(/^\d+\.\d+%$/);
    await expect(page.locator('label[for="share-progress"]')).toContainText('目标 14%');
    await expect(page.getByTestId('share-progress')).toHaveAttribute('max', '1000');

    // One bar per month so far this year; screen readers get the chart's name and every month's hours.
    const chart = page.getByTestId('monthly-chart');
    await expect(chart).toBeVisible();
    await expect(chart.locator('rect.bar')).toHaveCount(now.month);
    await expect(chart).toHaveAttribute('role', 'img');
    await expect(page.locator('#chart-title')).toHaveText('每月已确认服务时长柱状图');
    await expect(page.locator('#chart-desc')).toContainText('1月');
    await expect(page.locator('#chart-desc')).toContainText(`${now.month}月`);
    await expect(page.getByTestId('monthly-table').locator('tbody tr')).toHaveCount(now.month);
    await expect(page.getByTestId('sources')).toContainText('来源：常住人口');
    await expect(page.getByTestId('sources')).toContainText('十四五');
    await expectNoAxeViolations(page);

    // In English, 长辈版 and high contrast too.
    await page.getByTestId('switch-lang').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('District volunteering totals');
    await page.getByTestId('switch-large').click();
    await page.getByTestId('switch-contrast').click();
    await waitForHydration(page);
    await expect(page.getByTestId('total-hours')).toHaveText(/ hours$/);
    await expectNoAxeViolations(page);
  });

  test('the totals page works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/timebank/totals');
    await expect(page.getByTestId('population')).toHaveText(/人$/);
    await expect(page.getByTestId('monthly-chart').locator('rect.bar')).toHaveCount(shanghaiNow().month);
    await context.close();
  });

  test('confirmed hours count in the totals; the coordinator downloads the year as CSV with masked names only', async ({ page, browser }, info) => {
    test.skip(info.project.name !== 'phone', 'one registration per run is enough');
    const now = shanghaiNow();
    const activityName = `读报, 聊天 ${Date.now() % 100_000}`;
    const idNumber = randomIdNumber();

    // A resident registers as a volunteer under their real name.
    await signIn(page, phoneNumber());
    await registerVolunteer(page, '赵桂兰', idNumber);

    // The coordinator publishes an activity happening now; the volunteer signs up, checks in and out.
    const staffContext = await browser.newContext({ viewport: { width: 1080, height: 1920 }, acceptDownloads: true });
    const desk = await staffContext.newPage();
    await publishActivityNow(desk, activityName, '读报、聊天');
    await page.goto('/volunteer');
    await page.locator(`[data-name="${activityName}"]`).getByTestId('sign-up').click();
    await expect(page.getByTestId('notice')).toContainText('报名成功');
    await desk.locator(`[data-name="${activityName}"]`).getByTestId('open-desk').click();
    await scanDesk(desk, page, '已签到');
    await desk.getByTestId('switch-direction').click();
    await scanDesk(desk, page, '已签退');

    // Before confirmation the hours are not in the totals; after it, they are.
    await page.goto('/timebank/totals');
    const before = Number((await page.getByTestId('total-hours').innerText()).replace(/[^\d.]/g, ''));
    await desk.reload();
    const line = desk.getByTestId('attendance-line').first();
    await line.getByTestId('adjust-minutes').fill('90');
    await line.getByTestId('adjust-reason').fill('按签到表补记');
    await desk.getByTestId('confirm-hours').click();
    await expect(desk.getByTestId('attendance-status').first()).toHaveText('已确认');
    await page.goto('/timebank/totals');
    const after = Number((await page.getByTestId('total-hours').innerText()).replace(/[^\d.]/g, ''));
    expect(after).toBeGreaterThanOrEqual(before + 1.5);

    // The coordinator downloads this year's records of the organization.
    await desk.goto('/staff/activities');
    const link = desk.getByTestId('records-csv').first();
    await expect(link).toContainText(`${now.year} 年服务记录`);
    await expectNoAxeViolations(desk);
    const [download] = await Promise.all([desk.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`records-${now.year}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF记录编号 / Record no.,')).toBe(true);
    const row = csv.split('\r\n').find((l) => l.includes(activityName.split(', ')[1]));
    expect(row, csv).toBeDefined();
    expect(row).toContain(`"${activityName}"`);
    expect(row).toContain(',赵**,90,1.50,');
    expect(csv).not.toContain('赵桂兰');
    expect(csv).not.toContain(idNumber);
    await staffContext.close();
  });
});
