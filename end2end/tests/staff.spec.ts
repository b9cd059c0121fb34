import { test, expect } from '@playwright/test';
import { ADMIN, CASEWORKER, staffSignIn, totp } from './staff-helpers';

test.describe('staff sign-in', () => {
  test('username, password and authenticator code sign in; the role shows; sign out', async ({ page }) => {
    await staffSignIn(page, ADMIN, totp(ADMIN.secret));
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByTestId('staff-role')).toHaveText('系统管理员');
    await page.getByTestId('staff-sign-out').click();
    await expect(page.getByTestId('staff-sign-in-link')).toBeVisible();
  });

  test('a wrong authenticator code is refused with a clear message', async ({ page }) => {
    const right = totp(ADMIN.secret);
    await staffSignIn(page, ADMIN, right === '000000' ? '111111' : '000000');
    await expect(page.getByTestId('error-summary')).toContainText('用户名、密码或动态码不正确');
    await page.goto('/staff');
    await expect(page.getByTestId('staff-sign-in-link')).toBeVisible();
  });

  test('five failures lock the account, even against the right code', async ({ page }, info) => {
    test.skip(info.project.name !== 'phone', 'one lockout per test run (the lock lasts 30 minutes)');
    for (let i = 0; i < 5; i++) await staffSignIn(page, { ...CASEWORKER, password: 'not-the-password' }, totp(CASEWORKER.secret));
    await expect(page.getByTestId('error-summary')).toContainText('锁定');
    await staffSignIn(page, CASEWORKER, totp(CASEWORKER.secret));
    await expect(page.getByTestId('error-summary')).toContainText('锁定');
    await page.goto('/staff');
    await expect(page.getByTestId('staff-sign-in-link')).toBeVisible();
  });
});
