import { test, expect, Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';
import { donateThroughApi, openCharityDesk, pledgeGoods, shanghaiDate, tinyPdf, tinyPng } from './charity-desk-helpers';

function projectRow(page: Page, title: string) {
  return page.locator(`[data-testid="project-row"][data-title="${title}"]`);
}

test.describe('charity staff desk', () => {
  test('project, donation, disbursement with evidence, refusals, goods in and out, reconciliation', async ({ page, request }, info) => {
    test.skip(info.project.name !== 'phone', 'one desk walk-through per run');
    test.setTimeout(180_000);
    const n = Date.now() % 100_000;
    const title = `困境儿童助学 ${n}`;
    const purpose = `购买学习用品 ${n}`;

    await openCharityDesk(page);
    await page.screenshot({ path: '/tmp/charity-desk-phone-empty.png', fullPage: true });

    // A new project through the form: a bad budget line is refused at its field and creates nothing.
    const fillProject = async (budget: string) => {
      await page.getByTestId('new-title').fill(title);
      await page.getByTestId('new-story').fill('为辖区困境儿童购买学习用品、发放助学金。');
      await page.getByTestId('new-goal').fill('10,000');
      await page.getByTestId('new-filing').fill(`53420100MJ0000000X-2026-${n}`);
      await page.getByTestId('new-starts').fill(shanghaiDate(0));
      await page.getByTestId('new-ends').fill(shanghaiDate(60));
      await page.getByTestId('new-budget').fill(budget);
      await page.getByTestId('create-project').click();
    };
    await fillProject('助学金 8000\n交通补助 两千');
    await expect(page.getByTestId('error-summary')).toContainText('预算第 2 行');
    await expect(page.locator('#new-budget-error')).toBeVisible();
    await expect(projectRow(page, title)).toHaveCount(0);
    await fillProject('助学金 8000\n交通补助 2000');
    await expect(page.getByTestId('notice')).toContainText('已创建项目草稿');
    const row = projectRow(page, title);
    await expect(row.getByTestId('project-status')).toHaveText('草稿');
    const projectId = (await row.getAttribute('data-id'))!;
    expect(projectId).toMatch(/^CP-/);

    // Opened for donations; the disclosure clock now lists it.
    await row.getByTestId('open-project').click();
    await expect(page.getByTestId('notice')).toContainText('已开始募捐');
    await expect(projectRow(page, title).getByTestId('project-status')).toHaveText('募捐中');
    // (a 60-day project owes its final report before its first three-monthly update)
    await expect(page.locator(`[data-testid="due-line"][data-project="${projectId}"]`)).toContainText(/进展公开|结项报告/);

    // Money arrives as a donor would send it: the API, the sandbox gateway, its notification.
    await donateThroughApi(request, projectId, 50_000);
    await page.goto('/staff/charity');
    await expect(projectRow(page, title).getByTestId('project-raised')).toHaveText('500.00 元');
    await expect(projectRow(page, title).getByTestId('project-balance')).toHaveText('500.00 元');

    const disburse = async (amount: string, what: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
      await page.getByTestId('dis-project').selectOption(projectId);
      await page.getByTestId('dis-amount').fill(amount);
      await page.getByTestId('dis-purpose').fill(what);
      await page.getByTestId('dis-payee').selectOption('supplier');
      await page.getByTestId('dis-line').fill('1');
      await page.getByTestId('dis-evidence').setInputFiles(file);
      await page.getByTestId('disburse').click();
    };
    const disbursementLines = () => page.locator(`[data-testid="disbursement-line"][data-project="${projectId}"]`);

    // Above the balance: refused with the clear message, nothing recorded.
    await disburse('600', purpose, { name: 'invoice.png', mimeType: 'image/png', buffer: tinyPng() });
    await expect(page.getByTestId('error-summary')).toContainText('支出超过项目余额（余额 500.00 元）');
    await expect(page.locator('#dis-amount-error')).toContainText('支出超过项目余额');
    await expect(projectRow(page, title).getByTestId('project-balance')).toHaveText('500.00 元');
    await expect(disbursementLines()).toHaveCount(0);

    // A text file named .pdf is not evidence.
    await disburse('100', purpose, { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a pdf at all') });
    await expect(page.getByTestId('error-summary')).toContainText('凭证须为 PDF、JPEG 或 PNG 文件');
    await expect(page.locator('#dis-evidence-error')).toBeVisible();
    await expect(disbursementLines()).toHaveCount(0);

    // A real disbursement with a PDF: listed with its evidence, the balance goes down.
    await disburse('120.50', purpose, { name: '发票.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await expect(page.getByTestId('notice')).toContainText('已记录');
    await expect(projectRow(page, title).getByTestId('project-disbursed')).toHaveText('120.50 元');
    await expect(projectRow(page, title).getByTestId('project-balance')).toHaveText('379.50 元');
    const line = disbursementLines();
    await expect(line).toHaveCount(1);
    await expect(line.getByTestId('disbursement-purpose')).toContainText(purpose);
    await expect(line.getByTestId('disbursement-amount')).toHaveText('120.50 元');
    const href = (await line.getByTestId('evidence-link').getAttribute('href'))!;
    const file = await page.request.get(href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectNoAxeViolations(page);

    // The public project page shows the disbursement too.
    const pub = await page.context().newPage();
    await pub.goto(`/charity/projects/${projectId}`);
    await expect(pub.locator('body')).toContainText(purpose);
    await pub.close();

    // Goods: a pledge through the API, signed for with 10, 4 handed out, 7 more refused.
    const description = `冬季棉衣 ${n}`;
    const pledgeNo = await pledgeGoods(request, description, 10);
    await page.goto('/staff/charity');
    const pledge = page.locator(`[data-testid="pledge"][data-id="${pledgeNo}"]`);
    await expect(pledge).toContainText(description);
    await pledge.getByTestId('receive-quantity').fill('10');
    await pledge.getByTestId('receive-note').fill('包装完好');
    await pledge.getByTestId('receive').click();
    await expect(page.getByTestId('notice')).toContainText('已签收');
    await expect(page.locator(`[data-testid="pledge"][data-id="${pledgeNo}"]`)).toHaveCount(0);
    const lot = () => page.locator(`[data-testid="lot"][data-description="${description}"]`);
    await expect(lot().getByTestId('stock-remaining')).toHaveText('10');
    await lot().getByTestId('hand-quantity').fill('4');
    await lot().getByTestId('hand-recipient').fill('困难老人');
    await lot().getByTestId('hand-out').click();
    await expect(page.getByTestId('notice')).toContainText('已从批次');
    await expect(lot().getByTestId('stock-remaining')).toHaveText('6');
    await lot().getByTestId('hand-quantity').fill('7');
    await lot().getByTestId('hand-recipient').fill('困难老人');
    await lot().getByTestId('hand-out').click();
    await expect(page.getByTestId('error-summary')).toContainText('发放数量超过库存（剩余 6 件）');
    await expect(lot().getByTestId('field-error')).toContainText('发放数量超过库存');
    await expect(lot().getByTestId('stock-remaining')).toHaveText('6');

    // The disclosure clock still lists the project; the ledger reconciles.
    await page.goto('/staff/charity');
    await expect(page.locator(`[data-testid="due-line"][data-project="${projectId}"]`)).toBeVisible();
    await expect(page.getByTestId('reconciliation-outcome')).toHaveText('✓ 对账通过');
    await page.screenshot({ path: '/tmp/charity-desk-phone.png', fullPage: true });
    await page.getByTestId('projects').screenshot({ path: '/tmp/charity-desk-phone-projects.png' });
    await lot().screenshot({ path: '/tmp/charity-desk-phone-lot.png' });
    await page.getByTestId('reconciliation').screenshot({ path: '/tmp/charity-desk-phone-reconciliation.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: '/tmp/charity-desk-desktop.png', fullPage: true });
    await page.screenshot({ path: '/tmp/charity-desk-desktop-top.png' });

    // The desk in English (the switch on every page).
    await page.getByTestId('switch-lang').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Charity projects and goods');
    await expect(page.getByTestId('reconciliation-outcome')).toHaveText('✓ The ledger reconciles');
    await page.screenshot({ path: '/tmp/charity-desk-desktop-en.png', fullPage: true });
  });
});
