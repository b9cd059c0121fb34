import { test, expect, Page } from '@playwright/test';
import { createHmac } from 'crypto';

// Demo staff seeded in development (see README): fixed secrets so the tests can compute codes.
const ADMIN = { username: 'admin', password: 'Dongxihu-Admin-2026', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
const CASEWORKER = { username: 'wjs-caseworker', password: 'Wujiashan-Case-2026', secret: 'KRSXG5DTMVRXEZLUKRSXG5DTMVRXEZLU' };

function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP, as an authenticator app computes it. */
function totp(secret: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[19] & 0x0f;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

async function staffSignIn(page: Page, who: { username: string; password: string }, code: string) {
  await page.goto('/staff/signin');
  await page.getByTestId('username').fill(who.username);
  await page.getByTestId('password').fill(who.password);
  await page.getByTestId('totp').fill(code);
  await page.getByTestId('staff-sign-in').click();
}

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
