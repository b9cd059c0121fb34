import { Browser, expect, Page, test } from '@playwright/test';
import { expectNoAxeViolations, waitForHydration } from './helpers';
import { masked, phoneNumber, signIn } from './resident-helpers';
import { ADMIN, enrolStaff, staffSignIn, totp } from './staff-helpers';
import { commonCase } from './check-helpers';
import { NEEDLE_ID_APPLICANT } from './pii-needles';

// One window for every application (一门受理): a family member claims the funeral subsidy at a
// kiosk with photos of the certificates, the street's caseworker asks for a document, the
// applicant adds it, the claim is approved and paid, and the applicant sees every step; a
// resident sends a pre-application from the check's results and the right street gets it.

/** A valid resident ID number (GB 11643) from its first 17 digits. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A date `days` ago in Asia/Shanghai, as YYYY-MM-DD. */
function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);

async function device(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

/** A caseworker of `street`, invited by the administrator (the demo caseworker gets locked by
 *  another test), enrolled and signed in on a desk computer. */
async function caseworker(browser: Browser, street: string, tag: string): Promise<Page> {
  const admin = await device(browser);
  await staffSignIn(admin.page, ADMIN, totp(ADMIN.secret));
  await admin.page.goto('/staff/users');
  const username = `cw-${tag}-${Date.now() % 1_000_000}`;
  await admin.page.getByTestId('new-username').fill(username);
  await admin.page.getByTestId('new-display-name').fill('街道经办人');
  await admin.page.locator('#role').selectOption('caseworker');
  await admin.page.locator('#street_code').selectOption(street);
  await admin.page.getByTestId('create-member').click();
  const code = (await admin.page.getByTestId('invite-code').textContent())!.trim();
  await admin.context.close();
  const desk = await device(browser);
  await enrolStaff(desk.page, username, code, 'Street-Window-2026');
  await expect(desk.page.getByTestId('staff-role')).toHaveText('街道经办人');
  return desk.page;
}

async function act(page: Page, action: string, reason = '') {
  await page.getByTestId(`action-${action}`).check();
  if (reason) await page.getByTestId('reason').fill(reason);
  await page.getByTestId('case-act').click();
  await expect(page.getByTestId('case-notice')).toBeVisible();
}

test.describe('cases', () => {
  test('a family member claims the funeral subsidy at a kiosk and follows it to payment', async ({ page, browser }, info) => {
    test.skip(info.project.name !== 'kiosk', 'the kiosk journey (the phone journey is the pre-application)');
    test.setTimeout(180_000);
    const phone = phoneNumber();
    await signIn(page, phone);
    const codeSent = Date.now();

    // The check first: the funeral programs for a cremation outside Wuhan 20 days ago.
    await page.goto('/check');
    // The check's steps move in the browser: answer once it has hydrated (a tick made before is lost).
    await waitForHydration(page);
    await page.locator('#ev-bereavement').check();
    await page.getByTestId('next').click();
    const answers: Record<string, string> = {
      ...commonCase,
      '#d_hukou-yes': 'check',
      '#d_died-no': 'check',
      '#d_cremated-no': 'check',
      '#d_date': daysAgo(20),
      '#eco-tree': 'check',
    };
    for (let i = 0; i < 25 && (await page.getByTestId('results').count()) === 0; i++) {
      for (const [sel, value] of Object.entries(answers)) {
        const el = page.locator(sel);
        if ((await el.count()) === 0) continue;
        if (value === 'check') await el.check();
        else await el.fill(value);
      }
      await page.getByTestId('next').click();
    }
    await expect(page.locator('.result-card[data-program="FuneralWaiver"]')).toContainText('可能符合');
    await page.getByTestId('funeral-apply-link').click();
    await expect(page).toHaveURL(/\/funeral$/);

    const fill = async (bad: boolean) => {
      await page.getByTestId('applicant_name').fill('李建国');
      await page.getByTestId('applicant_id').fill(NEEDLE_ID_APPLICANT);
      await page.getByTestId('relation').selectOption('child');
      await page.getByTestId('deceased_name').fill('李秀英');
      await page.getByTestId('deceased_id').fill(idNumber(`4201121942061${String(Date.now() % 10000).padStart(4, '0')}`.slice(0, 17)));
      await page.getByTestId('hukou_wuhan-yes').check();
      await page.getByTestId('street_code').selectOption('wujiashan');
      await page.getByTestId('died_in_wuhan-no').check();
      await page.getByTestId('death_date').fill(daysAgo(22));
      await page.getByTestId('death_certificate').fill('SW2026001234');
      await page.getByTestId('cremated_in_wuhan-no').check();
      await page.getByTestId('cremation_place').fill('孝感市殡仪馆');
      await page.getByTestId('cremation_date').fill(daysAgo(20));
      await page.getByTestId('cremation_certificate').fill('HH2026005678');
      await page.getByTestId('burial').selectOption('tree');
      await page.getByTestId('items-cremation').check();
      await page.getByTestId('items-urn').check();
      await page.getByTestId('claimed').fill('800');
      await page.getByTestId('bank_name').fill('中国工商银行');
      await page.getByTestId('bank_account').fill('6222 0202 0011 2233 445');
      await page.getByTestId('doc_death_certificate').setInputFiles(
        bad ? { name: 'death.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') } : { name: 'death.pdf', mimeType: 'application/pdf', buffer: PDF },
      );
      await page.getByTestId('doc_cremation_certificate').setInputFiles({ name: 'cremation.png', mimeType: 'image/png', buffer: PNG });
      await page.getByTestId('doc_invoice').setInputFiles({ name: 'invoice.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    };

    // A "PDF" that is not one is refused with a clear message, and nothing is sent.
    await fill(true);
    await page.getByTestId('funeral-submit').click();
    await expect(page.getByTestId('error-summary')).toContainText('不是 JPEG、PNG 图片或 PDF');
    await expect(page.getByTestId('applicant_name')).toHaveValue('李建国');
    await page.goto('/cases');
    await expect(page.getByTestId('no-cases')).toBeVisible();

    await page.goto('/funeral');
    await fill(false);
    await page.getByTestId('funeral-submit').click();
    await expect(page).toHaveURL(/\/cases\/BZ\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\?sent=1$/);
    await expect(page.getByTestId('case-notice')).toContainText('申请已提交');
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();
    await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'submitted');
    await expect(page.getByTestId('case-deadline')).toContainText('还有');
    await expect(page.getByTestId('case-people')).toContainText('李*');
    await expect(page.getByTestId('case-people')).not.toContainText('李建国');
    await expect(page.getByTestId('case-people')).toContainText('尾号 3445');
    await expect(page.getByTestId('case-estimate')).toBeVisible();
    await expect(page.locator('svg.qr')).toBeVisible();
    const slip = await page.request.get(`/cases/${reference}/slip.pdf`);
    expect(slip.status()).toBe(200);
    expect((await slip.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath('case-kiosk.png'), fullPage: true });

    // The street's caseworker asks for a document.
    const desk = await caseworker(browser, 'wujiashan', 'fun');
    await desk.goto('/staff/cases');
    await expect(desk.locator(`tr[data-reference="${reference}"]`)).toBeVisible();
    await desk.goto(`/staff/case?ref=${reference}`);
    await expect(desk.getByTestId('case-documents')).toContainText('死亡证明');
    await desk.getByTestId('action-request_documents').check();
    await desk.getByTestId('case-act').click();
    await expect(desk.getByTestId('error-summary')).toContainText('请写明原因');
    await act(desk, 'request_documents', '请补充亲属关系证明（户口簿或出生医学证明）');
    await expect(desk.getByTestId('case-state')).toHaveAttribute('data-state', 'more_documents');
    await expectNoAxeViolations(desk);

    // At home the applicant follows the claim on their phone: the reference and a code sent to
    // the phone they applied with (the kiosk has long forgotten them). They see why, and add the
    // document from the case's page.
    const home = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true, storageState: { cookies: [], origins: [] } });
    const mine = await home.newPage();
    await mine.goto(`/cases?ref=${reference.toLowerCase()}`);
    await expect(mine).toHaveURL(new RegExp(`/cases/${reference}$`));
    await expect(mine.getByTestId('cases-sign-in-first')).toBeVisible();
    // One code a minute per number: wait out the kiosk's.
    await mine.waitForTimeout(Math.max(0, 61_000 - (Date.now() - codeSent)));
    await signIn(mine, phone);
    await mine.goto('/cases');
    await expect(mine.getByTestId('case-list')).toContainText(reference);
    await mine.goto(`/cases/${reference}`);
    await expect(mine.getByTestId('case-state')).toHaveAttribute('data-state', 'more_documents');
    await expect(mine.getByTestId('case-steps')).toContainText('请补充亲属关系证明');
    await mine.getByTestId('kind').selectOption('relation_proof');
    await mine.getByTestId('doc_file').setInputFiles({ name: 'hukou.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await mine.getByTestId('add-documents-submit').click();
    await expect(mine.getByTestId('case-notice')).toContainText('已上传 1 份材料');
    await expect(mine.getByTestId('case-state')).toHaveAttribute('data-state', 'accepted');

    // Approved and paid.
    await desk.goto(`/staff/case?ref=${reference}`);
    await expect(desk.getByTestId('case-documents')).toContainText('亲属关系证明');
    await act(desk, 'approve');
    await expect(desk.getByTestId('case-state')).toHaveAttribute('data-state', 'approved');
    await act(desk, 'pay');
    await expect(desk.getByTestId('case-state')).toHaveAttribute('data-state', 'paid');

    await mine.goto(`/cases/${reference}`);
    await expect(mine.getByTestId('case-state')).toHaveAttribute('data-state', 'paid');
    const steps = mine.getByTestId('case-steps').locator('li');
    await expect(steps).toHaveCount(5);
    for (const state of ['submitted', 'more_documents', 'accepted', 'approved', 'paid']) {
      await expect(mine.getByTestId('case-steps').locator(`li[data-state="${state}"]`)).toHaveCount(1);
    }
    await expect(mine.getByTestId('case-decided')).toBeVisible();
    await expect(mine.getByTestId('add-documents')).toHaveCount(0);
  });

  test('a pre-application from the check reaches the right street', async ({ page, browser }, info) => {
    test.skip(info.project.name !== 'phone', 'one pre-application journey per run');
    test.setTimeout(150_000);
    // The street's caseworker reads the plan dashboard before and after (exact counts for staff).
    const right = await caseworker(browser, 'wujiashan', 'pre');
    const preapplications = async () => {
      await right.goto('/staff/dashboard');
      const text = (await right.getByTestId('total-preapplications').textContent()) ?? '';
      return Number(text.replace(/\D/g, '') || '0');
    };
    const before = await preapplications();

    const phone = phoneNumber();
    await signIn(page, phone);
    await page.goto('/check');
    // The check's steps move in the browser: answer once it has hydrated (a tick made before is lost).
    await waitForHydration(page);
    await page.locator('#ev-hardship').check();
    await page.getByTestId('next').click();
    for (let i = 0; i < 25 && (await page.getByTestId('results').count()) === 0; i++) {
      for (const [sel, value] of Object.entries(commonCase)) {
        const el = page.locator(sel);
        if ((await el.count()) === 0) continue;
        if (value === 'check') await el.check();
        else await el.fill(value);
      }
      await page.getByTestId('next').click();
    }
    await expect(page.getByTestId('preapply-form')).toBeVisible();
    await page.getByTestId('pre-program-Dibao').check();
    await page.getByTestId('pre-name').fill('王阿姨');
    await page.getByTestId('pre-street').selectOption('wujiashan');
    // Without the consent nothing is sent.
    await page.getByTestId('preapply-submit').click();
    await expect(page.getByTestId('error-summary')).toContainText('请先勾选同意');
    await page.getByTestId('pre-program-Dibao').check();
    await page.getByTestId('pre-name').fill('王阿姨');
    await page.getByTestId('pre-street').selectOption('wujiashan');
    await page.getByTestId('pre-consent').check();
    await page.getByTestId('preapply-submit').click();
    await expect(page).toHaveURL(/\/cases\/YS\d{4}-/);
    const reference = (await page.getByTestId('case-reference').textContent())!.trim();

    await right.goto('/staff/cases');
    await expect(right.locator(`tr[data-reference="${reference}"]`)).toBeVisible();
    await right.goto(`/staff/case?ref=${reference}`);
    await expect(right.getByTestId('case-people')).toContainText('最低生活保障');
    // The contact number, masked until the caseworker asks for it (an audited reveal).
    await expect(right.getByTestId('case-people')).toContainText(masked(phone));
    await expect(right.getByTestId('case-people')).not.toContainText(phone);
    await right.getByTestId('reveal-phone').click();
    await expect(right.getByTestId('case-people')).toContainText(phone);
    await expectNoAxeViolations(right);
    expect(await preapplications()).toBe(before + 1);
    await expect(right.getByTestId('street-chart')).toContainText('吴家山街道');

    const other = await caseworker(browser, 'jinghe', 'oth');
    await other.goto('/staff/cases');
    await expect(other.locator(`tr[data-reference="${reference}"]`)).toHaveCount(0);
    await other.goto(`/staff/case?ref=${reference}`);
    await expect(other.locator('body')).toContainText('这是其他街道的案件');
  });
});
