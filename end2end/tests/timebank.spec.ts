import { test, expect, Browser, Page } from '@playwright/test';
import { phoneNumber, signIn } from './resident-helpers';
import { staffSignIn, totp } from './staff-helpers';
import { publishActivityNow, registerVolunteer, scanDesk } from './timebank-helpers';
import { NEEDLE_ID, NEEDLE_ID_RELATIVE } from './pii-needles';
import { expectNoAxeViolations } from './helpers';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const ADMIN = { username: 'admin', password: 'Dongxihu-Admin-2026', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };

test.describe('volunteer time bank', () => {
  test('register, sign up, check in and out by QR, hours confirmed, credits earned and given to family', async ({ page, browser }, info) => {
    test.skip(info.project.name !== 'phone', 'one registration per ID number per run');
    test.setTimeout(240_000); // the whole life of a volunteer record, across four people
    const activityName = `陪伴独居老人 ${Date.now() % 100_000}`;

    // The volunteer signs in and registers under their real name; a bad ID number is refused.
    await signIn(page, phoneNumber());
    await page.goto('/volunteer');
    await page.getByTestId('vol-name').fill('王秀英');
    await page.getByTestId('vol-id').fill(NEEDLE_ID.slice(0, 17) + (NEEDLE_ID[17] === '1' ? '2' : '1'));
    await page.getByTestId('vol-register').click();
    await expect(page.getByTestId('error-summary')).toContainText('身份证号码不正确');
    await expectNoAxeViolations(page);
    await registerVolunteer(page, '王秀英', NEEDLE_ID);
    await expect(page.getByTestId('vol-id-masked')).toHaveText(`${NEEDLE_ID.slice(0, 4)}**********${NEEDLE_ID.slice(14)}`);
    await expect(page.locator('body')).not.toContainText(NEEDLE_ID);

    // The coordinator publishes an activity happening now.
    const staffContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const desk = await staffContext.newPage();
    await publishActivityNow(desk, activityName, '陪伴聊天、读报');
    await expectNoAxeViolations(desk);

    // The volunteer signs up.
    await page.goto('/volunteer');
    const card = page.locator(`[data-name="${activityName}"]`);
    await card.getByTestId('sign-up').click();
    await expect(page.getByTestId('notice')).toContainText('报名成功');

    // Check in and out by scanning the desk's rotating QR code.
    await desk.locator(`[data-name="${activityName}"]`).getByTestId('open-desk').click();
    await expect(desk.getByTestId('desk-direction')).toHaveText('扫码签到');
    await expectNoAxeViolations(desk);
    await scanDesk(desk, page, '已签到');
    await desk.getByTestId('switch-direction').click();
    await expect(desk.getByTestId('desk-direction')).toHaveText('扫码签退');
    await scanDesk(desk, page, '已签退');
    await expect(page.getByTestId('pending-hours')).toBeVisible();

    // The coordinator confirms, adjusting the time with a reason.
    await desk.reload();
    const line = desk.getByTestId('attendance-line').first();
    await line.getByTestId('adjust-minutes').fill('90');
    await line.getByTestId('adjust-reason').fill('按签到表补记');
    await desk.getByTestId('confirm-hours').click();
    await expect(desk.getByTestId('attendance-status').first()).toHaveText('已确认');

    // Credits appear; a family member registers; a gift moves credits, once.
    await page.goto('/volunteer');
    await expect(page.getByTestId('confirmed-hours')).toHaveText('1 小时 30 分');
    await expect(page.getByTestId('balance')).toHaveText('1 小时 30 分');
    const relative = await browser.newContext({ viewport: { width: 412, height: 915 } });
    const relPage = await relative.newPage();
    await signIn(relPage, phoneNumber());
    await registerVolunteer(relPage, '李建国', NEEDLE_ID_RELATIVE);
    await page.getByTestId('family-id').fill(NEEDLE_ID_RELATIVE);
    await page.getByTestId('add-family').click();
    // F13: naming a relative only asks; no name is shown, and no gift until they confirm.
    await expect(page.getByTestId('notice')).toContainText('已发出请求');
    await expect(page.getByTestId('notice')).not.toContainText('李');
    await expect(page.getByTestId('gift')).toHaveCount(0);
    await relPage.goto('/volunteer');
    await expect(relPage.getByTestId('family-request')).toHaveCount(1);
    await expectNoAxeViolations(relPage);
    await relPage.getByTestId('confirm-family').click();
    await expect(relPage.getByTestId('notice')).toContainText('已确认为家人');
    await expect(relPage.getByTestId('family-request')).toHaveCount(0);
    await page.goto('/volunteer');
    await page.getByTestId('gift-minutes').fill('200');
    await page.getByTestId('gift').click();
    await expect(page.getByTestId('error-summary')).toContainText('积分不足');
    await page.getByTestId('gift-minutes').fill('30');
    await page.getByTestId('gift').click();
    await expect(page.getByTestId('notice')).toContainText('已转赠');
    await expect(page.getByTestId('balance')).toHaveText('1 小时 0 分');
    await relPage.goto('/volunteer');
    await expect(relPage.getByTestId('balance')).toHaveText('0 小时 30 分');
    await expectNoAxeViolations(page);

    // 第十三条: the volunteer asks for a correction; a bad answer is refused at its field.
    await page.getByTestId('ask-correction').click();
    await page.getByTestId('correction-hours').fill('两个小时');
    await page.getByTestId('send-correction').click();
    await expect(page.getByTestId('error-summary')).toContainText('请填写正确的小时数');
    await page.getByTestId('ask-correction').click();
    await page.getByTestId('correction-hours').fill('2');
    await page.getByTestId('correction-reason').fill('签退晚了半小时，实际做到结束');
    await page.getByTestId('send-correction').click();
    await expect(page.getByTestId('notice')).toContainText('更正申请已提交');
    await expect(page.getByTestId('my-correction')).toHaveAttribute('data-status', 'open');
    await expect(page.getByTestId('ask-correction')).toHaveCount(0);

    // The coordinator must give a reason, then accepts: the record is reversed and replaced.
    await desk.goto('/staff/activities');
    const request = desk.getByTestId('correction').first();
    await expect(request.getByTestId('asked')).toHaveText('2 小时 0 分');
    await request.getByTestId('accept-correction').click();
    await expect(desk.getByTestId('error-summary')).toContainText('请写明原因');
    await desk.getByTestId('correction').first().getByTestId('decision-reason').fill('与签到表核对属实');
    await desk.getByTestId('correction').first().getByTestId('accept-correction').click();
    await expect(desk.getByTestId('notice')).toContainText('已同意更正');
    await expect(desk.getByTestId('correction')).toHaveCount(0);
    await expectNoAxeViolations(desk);
    await staffContext.close();
    await page.goto('/volunteer');
    await expect(page.getByTestId('confirmed-hours')).toHaveText('2 小时 0 分');
    await expect(page.getByTestId('balance')).toHaveText('1 小时 30 分');
    await expect(page.getByTestId('my-correction')).toHaveAttribute('data-status', 'accepted');
    await expect(page.locator('[data-testid="record"][data-kind="reversal"]')).toHaveCount(1);

    // The certificate downloads as a PDF stating the corrected hours with the masked ID.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('issue-certificate').click(),
    ]);
    const pdfPath = info.outputPath('certificate.pdf');
    await download.saveAs(pdfPath);
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.4');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).toString();
    expect(text).toContain('志愿服务记录证明');
    expect(text).toContain('2 小时 0 分');
    expect(text).toContain(`${NEEDLE_ID.slice(0, 4)}**********${NEEDLE_ID.slice(14)}`);
    expect(text).not.toContain(NEEDLE_ID);
    const number = /ZY\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)![0];

    // Anyone can check it: the page confirms it and shows no more than the paper.
    await page.goto('/volunteer');
    await expect(page.getByTestId('certificate')).toHaveAttribute('data-number', number);
    const stranger = await browser.newContext({ viewport: { width: 412, height: 915 }, storageState: { cookies: [], origins: [] } });
    const checker = await stranger.newPage();
    const answer = await checker.goto(`/verify/${number}`);
    expect(answer!.status()).toBe(200);
    await expect(checker.getByTestId('verify-genuine')).toBeVisible();
    await expect(checker.getByTestId('verify-total')).toHaveText('2 小时 0 分');
    await expect(checker.getByTestId('verify-id')).toHaveText(`${NEEDLE_ID.slice(0, 4)}**********${NEEDLE_ID.slice(14)}`);
    await expect(checker.getByTestId('verify-fingerprint')).toHaveText(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    await expect(checker.locator('body')).not.toContainText(NEEDLE_ID);
    await expectNoAxeViolations(checker);
    // A mistyped number is not confirmed.
    await checker.getByTestId('verify-number').fill(number.slice(0, -1) + (number.endsWith('Z') ? 'Y' : 'Z'));
    await checker.getByTestId('verify-submit').click();
    await expect(checker.getByTestId('verify-unknown')).toBeVisible();
    await stranger.close();

    // Redeeming care: the volunteer (born 1952) may; the relative (born 1979) may not yet.
    await page.locator('[data-testid="care-services"] li').filter({ hasText: '助餐送餐' }).getByTestId('redeem').click();
    await expect(page.getByTestId('notice')).toContainText('已兑换');
    await expect(page.getByTestId('balance')).toHaveText('1 小时 0 分');
    await relPage.goto('/volunteer');
    await expect(relPage.getByTestId('redeem-rules')).toContainText('年满 60 周岁');
    await expect(relPage.getByTestId('redeem')).toHaveCount(0);

    // A system admin records honour hours for the relative: on the record, no credits.
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: { cookies: [], origins: [] } });
    const admin = await adminContext.newPage();
    await staffSignIn(admin, ADMIN, totp(ADMIN.secret));
    await admin.goto('/staff/users');
    await admin.getByTestId('honour-id').fill(NEEDLE_ID_RELATIVE);
    await admin.getByTestId('honour-hours').fill('ten');
    await admin.getByTestId('honour-submit').click();
    await expect(admin.getByTestId('error-summary')).toContainText('请填写正确的小时数');
    await admin.getByTestId('honour-id').fill(NEEDLE_ID_RELATIVE);
    await admin.getByTestId('honour-hours').fill('10');
    await admin.getByTestId('honour-reason').fill('2020年抗疫志愿服务表彰');
    await admin.getByTestId('honour-submit').click();
    await expect(admin.getByTestId('notice')).toContainText('已记入荣誉时长');
    await expect(admin.locator('body')).not.toContainText(NEEDLE_ID_RELATIVE);
    await adminContext.close();
    await relPage.goto('/volunteer');
    await expect(relPage.locator('[data-testid="record"][data-kind="honour"]')).toContainText('10 小时 0 分');
    await expect(relPage.getByTestId('confirmed-hours')).toHaveText('10 小时 0 分');
    await expect(relPage.getByTestId('balance')).toHaveText('0 小时 30 分');
    await relative.close();
  });
});
