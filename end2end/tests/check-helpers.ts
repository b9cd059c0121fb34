import { expect, Page } from '@playwright/test';

/** The common case: an urban family of three, two working adults and a child, 1500 yuan a month. */
export const commonCase: Record<string, string> = {
  '#residence-urban': 'check',
  '#size': '3',
  '#age-1': '40',
  '#age-2': '38',
  '#age-3': '12',
  '#work-1-yes': 'check',
  '#work-2-yes': 'check',
  '#work-3-no': 'check',
  '#income': '1500',
  '#supporter-no': 'check',
  '#medical': '0',
  '#education': '0',
  '#savings-no': 'check',
  '#housing-no': 'check',
  '#vehicle-no': 'check',
};

/** Answers whatever the current screen shows from `answers`. */
export async function answerVisible(page: Page, answers: Record<string, string>) {
  for (const [sel, value] of Object.entries(answers)) {
    const el = page.locator(sel);
    if ((await el.count()) === 0) continue;
    if (value === 'check') await el.check();
    else await el.fill(value);
  }
}

/** Walks from the life-event screen to the results, counting the question screens. */
export async function walkToResults(page: Page, answers: Record<string, string>): Promise<number> {
  await page.locator('#ev-hardship').check();
  await page.getByTestId('next').click();
  let screens = 0;
  for (let i = 0; i < 25; i++) {
    if (await page.getByTestId('results').count()) return screens;
    const summary = await page.getByRole('heading', { name: /请核对您的回答|Check your answers/ }).count();
    if (!summary) screens++;
    await answerVisible(page, answers);
    await page.getByTestId('next').click();
  }
  throw new Error('never reached the results');
}

export async function expectDibaoLikely(page: Page) {
  const card = page.locator('.result-card[data-program="Dibao"]');
  await expect(card).toContainText('可能符合');
  // 2023 urban standard 940 yuan; per capita 500; (940 − 500) × 3 = 1320 yuan a month.
  await expect(card).toContainText('1,320.00');
  await expect(page.getByTestId('disclaimer')).toContainText('街道在家庭经济状况核对后决定');
}
