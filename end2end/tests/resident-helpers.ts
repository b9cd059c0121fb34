import { expect, Page } from '@playwright/test';

export const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

/** A number of its own for each test, so limits per number never collide. */
export function phoneNumber(): string {
  return '139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

export async function codeFromOutbox(page: Page, phone: string): Promise<string> {
  const outbox = await page.context().newPage();
  await outbox.goto('/dev/outbox');
  // Tests run in parallel: take the newest message to this (masked) number.
  const text = await outbox.getByTestId('outbox-item').filter({ hasText: masked(phone) }).first().innerText();
  await outbox.close();
  return /验证码是 (\d{6})/.exec(text)![1];
}

export async function signIn(page: Page, phone: string) {
  await page.goto('/signin');
  await page.getByTestId('phone').fill(phone);
  await page.getByTestId('send-code').click();
  await expect(page).toHaveURL(/\/signin\/code$/);
  await page.getByTestId('code').fill(await codeFromOutbox(page, phone));
  await page.getByTestId('consent').check();
  await page.getByTestId('sign-in').click();
  await expect(page).toHaveURL(/\/account$/);
}
