import { test, expect, Request } from '@playwright/test';
import { waitForHydration } from './helpers';
import { answerVisible, commonCase, expectDibaoLikely, walkToResults } from './check-helpers';

test.describe('pre-eligibility check', () => {
  test('the common case reaches likely 低保 with the amount, and no request carries the answers', async ({ page }, info) => {
    const requests: Request[] = [];
    await page.goto('/check');
    await waitForHydration(page);
    page.on('request', (r) => requests.push(r));
    const questionScreens = await walkToResults(page, commonCase);
    if (info.project.name === 'kiosk') {
      expect(questionScreens).toBeLessThanOrEqual(12); // one question per screen
    } else {
      expect(questionScreens).toBe(1); // grouped on a phone
    }
    await expectDibaoLikely(page);
    // Two working parents live with the child: 特困 does not apply.
    await expect(page.locator('.result-card[data-program="Tekun"]')).not.toContainText('可能符合');
    // Privacy by construction: nothing went to the server with the answers.
    for (const r of requests) {
      const blob = `${r.url()} ${r.postData() ?? ''}`;
      expect(blob).not.toContain('1500');
      expect(blob).not.toContain('income');
      expect(r.method()).toBe('GET');
    }
    expect(requests.filter((r) => r.url().includes('/check'))).toEqual([]);
  });

  test('a missing answer gets a summary at the top, focus on it, and the message at the field', async ({ page }) => {
    await page.goto('/check');
    await waitForHydration(page);
    await page.getByTestId('next').click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('请至少选择一项');
    await page.locator('#ev-hardship').check();
    await page.getByTestId('next').click();
    await expect(summary).toBeHidden();
    await expect(page.getByTestId('progress')).toContainText(/第 2 步，共 \d+ 步/);
  });

  test('bad numbers are refused at the field and change nothing', async ({ page }) => {
    await page.goto('/check');
    await waitForHydration(page);
    await page.locator('#ev-hardship').check();
    await page.getByTestId('next').click();
    await answerVisible(page, { ...commonCase, '#size': '0', '#income': '-5' });
    // On a kiosk the size is on its own screen; walk until the size or income screen complains.
    for (let i = 0; i < 4 && !(await page.getByTestId('error-summary').count()); i++) {
      await page.getByTestId('next').click();
      await answerVisible(page, { ...commonCase, '#size': '0', '#income': '-5' });
    }
    await expect(page.getByTestId('error-summary')).toContainText(/1 到 20|不小于 0/);
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  });

  test('back keeps the answers, and the summary lets you change one', async ({ page }) => {
    await page.goto('/check');
    await waitForHydration(page);
    await page.locator('#ev-hardship').check();
    await page.getByTestId('next').click();
    await answerVisible(page, commonCase);
    await page.getByTestId('next').click();
    await page.getByTestId('back').click();
    await expect(page.locator('#residence-urban')).toBeChecked();
    await page.getByTestId('back').click();
    await expect(page.locator('#ev-hardship')).toBeChecked();
  });

  test('QR hand-off carries the answers only in the fragment and shows the results on the phone', async ({ page, browser }) => {
    await page.goto('/check');
    await waitForHydration(page);
    await walkToResults(page, commonCase);
    const qr = page.getByTestId('handoff-qr');
    await expect(qr).toBeVisible();
    const path = (await qr.getAttribute('data-url'))!;
    expect(path.startsWith('/check#')).toBe(true);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p2 = await phone.newPage();
    const seen: string[] = [];
    p2.on('request', (r) => seen.push(r.url()));
    await p2.goto(path);
    await expectDibaoLikely(p2);
    expect(seen.every((u) => !u.includes('income') && !u.includes('#'))).toBe(true);
    expect(new URL(p2.url()).hash).toBe(''); // the answers leave the address bar
    await phone.close();
  });

  test('works without JavaScript through server-rendered forms', async ({ browser }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/check');
    await page.locator('#ev-hardship').check();
    await page.getByTestId('next').click();
    for (let i = 0; i < 25 && !(await page.getByTestId('results').count()); i++) {
      await answerVisible(page, commonCase);
      await page.getByTestId('next').click();
    }
    await expectDibaoLikely(page);
    await ctx.close();
  });

  test('English results explain the rule and its source', async ({ page }) => {
    await page.goto('/check');
    await page.getByTestId('switch-lang').click();
    await waitForHydration(page);
    await walkToResults(page, commonCase);
    const card = page.locator('.result-card[data-program="Dibao"]');
    await expect(card).toContainText('Likely eligible');
    await card.getByText('Why?').click();
    await expect(card).toContainText('Source:');
  });

  test('the results print without the controls', async ({ page }) => {
    await page.goto('/check');
    await waitForHydration(page);
    await walkToResults(page, commonCase);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('results')).toBeVisible();
    await expect(page.getByTestId('disclaimer')).toBeVisible();
    await expect(page.getByTestId('restart')).toBeHidden();
    await expect(page.getByTestId('print')).toBeHidden();
    await expect(page.getByTestId('switch-lang')).toBeHidden();
  });
});
