import { test, expect, Browser } from '@playwright/test';
import { ADMIN, staffSignIn, totp } from './staff-helpers';
import { NEEDLE_PHONE } from './pii-needles';
import { expectNoAxeViolations, waitForHydration } from './helpers';

/** A second person on another device: a fresh browser context. */
async function otherDevice(browser: Browser, kiosk = false) {
  // A clean device: no cookies (the kiosk project's kiosk-mode cookie is not carried over).
  const size = kiosk ? { width: 1080, height: 1920 } : { width: 412, height: 915 };
  const context = await browser.newContext({ viewport: size, hasTouch: true, storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

test.describe('staff administration', () => {
  test('an admin invites a member, who sets their own password and authenticator; reset and disable', async ({ browser }, info) => {
    // The administrator works at a desk, not on a kiosk (whose idle wipe would sign them out).
    const { context: adminContext, page } = await otherDevice(browser);
    const username = `e2e-${info.project.name}-${Date.now() % 1_000_000}`;
    await staffSignIn(page, ADMIN, totp(ADMIN.secret));
    await page.getByRole('link', { name: '工作人员账户管理' }).click();
    await expect(page).toHaveURL(/\/staff\/users$/);

    // The admin names the member and their role: no password, no authenticator to see.
    await page.getByTestId('new-username').fill(username);
    await page.getByTestId('new-display-name').fill('测试审计员');
    await page.locator('#role').selectOption('auditor');
    await page.getByTestId('create-member').click();
    await expect(page.getByTestId('invite-username')).toHaveText(username);
    const code = (await page.getByTestId('invite-code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expect(page.getByTestId('enrolment-secret')).toHaveCount(0);
    const card = page.locator(`[data-username="${username}"]`);
    await expect(card.getByTestId('member-role')).toHaveText('审计员');
    await expect(card.getByTestId('member-status')).toHaveText('等待本人用登记码设置');
    await expectNoAxeViolations(page);

    // The member, on their own phone, enrols with the code from the sign-in page's link.
    const them = await otherDevice(browser);
    await them.page.goto('/staff/signin');
    await them.page.getByTestId('first-sign-in').click();
    await them.page.getByTestId('username').fill(username);
    await them.page.getByTestId('enrol_code').fill('ZZZZ-ZZZZ');
    await them.page.getByTestId('enrol-start').click();
    await expect(them.page.getByTestId('error-summary')).toContainText('登记码不正确');
    await them.page.getByTestId('username').fill(username);
    await them.page.getByTestId('enrol_code').fill(code.toLowerCase());
    await them.page.getByTestId('enrol-start').click();
    await expect(them.page.getByTestId('enrolment-qr')).toBeVisible();
    const secret = (await them.page.getByTestId('enrolment-secret').textContent())!.trim();
    await expectNoAxeViolations(them.page);
    await them.page.getByTestId('password').fill('password1');
    await them.page.getByTestId('totp_code').fill(totp(secret));
    await them.page.getByTestId('enrol-finish').click();
    await expect(them.page.getByTestId('error-summary')).toContainText('这个密码太常见');
    await expect(them.page.getByTestId('enrolment-secret')).toHaveText(secret);
    await them.page.getByTestId('password').fill('Audit-Trail-2026');
    await them.page.getByTestId('totp_code').fill(totp(secret));
    await them.page.getByTestId('enrol-finish').click();
    await expect(them.page.getByTestId('staff-role')).toHaveText('审计员');
    await expect(them.page.getByRole('link', { name: '审计日志' })).toBeVisible();

    // The admin changes the role; it applies on the member's next page.
    await card.locator('select[name="role"]').selectOption('coordinator');
    await card.getByTestId('save-role').click();
    await expect(page.getByTestId('notice')).toContainText('角色已更改');
    await expect(page.locator(`[data-username="${username}"]`).getByTestId('member-role')).toHaveText('志愿服务协调员');
    await them.page.reload();
    await expect(them.page.getByTestId('staff-role')).toHaveText('志愿服务协调员');
    await them.page.goto('/staff/audit');
    await expect(them.page.getByTestId('staff-denied')).toBeVisible();

    // "End all their sessions": the member is signed out at once.
    await page.locator(`[data-username="${username}"]`).getByTestId('end-sessions').click();
    await expect(page.getByTestId('notice')).toContainText('已结束其全部登录');
    await them.page.goto('/staff');
    await expect(them.page.getByTestId('staff-sign-in-link')).toBeVisible();

    // Disabled, their own password and authenticator no longer sign in; enabled, they do.
    await page.goto('/staff/users');
    await page.locator(`[data-username="${username}"]`).getByTestId('toggle-disabled').click();
    await expect(page.getByTestId('notice')).toContainText('账户已停用');
    await expect(page.locator(`[data-username="${username}"]`).getByTestId('member-status')).toHaveText('已停用');
    const member = { username, password: 'Audit-Trail-2026', secret };
    await staffSignIn(them.page, member, totp(secret, Date.now() + 30_000));
    await expect(them.page.getByTestId('error-summary')).toContainText('此账户已停用');
    await page.locator(`[data-username="${username}"]`).getByTestId('toggle-disabled').click();
    await expect(page.getByTestId('notice')).toContainText('账户已恢复使用');

    // A lost phone: the reset issues a new code; the old authenticator signs in no more.
    await page.locator(`[data-username="${username}"]`).getByTestId('reset-member').click();
    await expect(page.getByTestId('invite-username')).toHaveText(username);
    await expect(page.locator(`[data-username="${username}"]`).getByTestId('member-status')).toHaveText('等待本人用登记码设置');
    await staffSignIn(them.page, member, totp(secret, Date.now() + 60_000));
    await expect(them.page.getByTestId('error-summary')).toContainText('用户名、密码或动态码不正确');
    await them.context.close();

    // The auditor's log shows the role change with before and after.
    await page.goto('/staff/audit?action=staff.role_change');
    await expect(page.getByTestId('chain-state')).toContainText('哈希链完整');
    await expect(page.getByTestId('audit-row').first()).toContainText('auditor -> coordinator');
    await expect(page.getByTestId('audit-action')).not.toHaveText(['staff.sign_in']);
    await expectNoAxeViolations(page);
    await adminContext.close();
  });

  test('a kiosk enrols with its one-time code, knows its street and stops when revoked', async ({ browser }, info) => {
    const { context: adminContext, page } = await otherDevice(browser);
    const name = `吴家山便民服务中心 ${info.project.name} ${Date.now() % 100_000} 号机`;
    await staffSignIn(page, ADMIN, totp(ADMIN.secret));
    await page.goto('/staff/kiosks');
    await page.getByTestId('kiosk-name').fill(name);
    await page.locator('#street_code').selectOption('wujiashan');
    await page.getByTestId('register-kiosk').click();
    const code = (await page.getByTestId('kiosk-code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectNoAxeViolations(page);

    const kiosk = await otherDevice(browser, true);
    await kiosk.page.goto('/kiosk/enrol');
    await kiosk.page.getByTestId('enrol-code').fill('ZZZZ-ZZZZ');
    await kiosk.page.getByTestId('enrol').click();
    await expect(kiosk.page.getByTestId('error-summary')).toContainText('登记码不正确');
    await expectNoAxeViolations(kiosk.page);
    await kiosk.page.getByTestId('enrol-code').fill(code);
    await kiosk.page.getByTestId('enrol').click();
    await expect(kiosk.page.getByTestId('kiosk-device')).toContainText(name);
    await expect(kiosk.page.locator('html')).toHaveClass(/kiosk/);
    // The street centre is known to the flows: the results page has it chosen already.
    await kiosk.page.goto('/check');
    await waitForHydration(kiosk.page);
    await expect(kiosk.page.getByTestId('kiosk-device')).toBeVisible();

    // A fresh look at the list (not a reload, which would post the registration again).
    await page.goto('/staff/kiosks');
    const card = page.locator(`[data-name="${name}"]`);
    await expect(card.getByTestId('kiosk-state')).toHaveText('使用中');
    await card.getByTestId('revoke-kiosk').click();
    await expect(page.locator(`[data-name="${name}"]`).getByTestId('kiosk-state')).toHaveText('已停用');
    await kiosk.page.goto('/');
    await expect(kiosk.page.getByTestId('kiosk-device')).toHaveCount(0);
    await kiosk.context.close();
    await adminContext.close();
  });
});

test.describe('kiosk keypad', () => {
  test('on a kiosk the number is entered with large on-screen keys', async ({ page }, info) => {
    await page.goto('/signin');
    if (info.project.name !== 'kiosk') {
      await expect(page.getByTestId('keypad')).toHaveCount(0);
      return;
    }
    await waitForHydration(page);
    const keypad = page.getByTestId('keypad');
    await expect(keypad).toBeVisible();
    const box = (await page.getByTestId('key-5').boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(72);
    await expectNoAxeViolations(page);
    for (const d of NEEDLE_PHONE + '9') await page.getByTestId(`key-${d}`).tap();
    await page.getByTestId('key-back').tap();
    await expect(page.getByTestId('phone')).toHaveValue(NEEDLE_PHONE);
    await page.getByTestId('send-code').tap();
    await expect(page).toHaveURL(/\/signin\/code$/);
    await expect(page.getByTestId('keypad')).toBeVisible();
  });
});
