import { APIRequestContext, Browser, expect } from '@playwright/test';
import { staffSignIn, totp } from './staff-helpers';

/** The demo staff member of the charity (seeded in development with a fixed TOTP secret). */
export const CHARITY = { username: 'charity-staff', password: 'Dongxihu-Charity-2026', secret: 'MNUGC4TJORMXG5DBMZTGG2DBOJUXI6LT' };

/** Today (plus `days`) in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiDay(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Something unique to this run and test, so parallel tests never share a project. */
export function tag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
}

export type OpenProject = { id: string; title: string; filingNo: string };

/**
 * The charity's staff member signs in (in a context of their own) and sets up a project through
 * the JSON API: created as a draft with one budget line, then opened for donations.
 */
export async function openProject(browser: Browser, title: string): Promise<OpenProject> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await staffSignIn(page, CHARITY, totp(CHARITY.secret));
  await expect(page.getByTestId('staff-role')).toBeVisible();
  const filingNo = `53420100MJH${tag()}`;
  const created = await page.request.post('/api/v1/charity/projects', {
    data: {
      title,
      story: `${title}：为困难家庭的孩子添置学习用品和冬衣。\n每一笔支出都会在账本中公开。`,
      goal_fen: 1_000_000,
      filing_no: filingNo,
      emergency: false,
      starts_on: shanghaiDay(0),
      ends_on: shanghaiDay(60),
      budget: [['物资采购', 100_000]],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id: string = (await created.json()).id;
  const opened = await page.request.post(`/api/v1/charity/projects/${id}/status`, { data: { status: 'open' } });
  expect(opened.ok(), await opened.text()).toBeTruthy();
  await context.close();
  return { id, title, filingNo };
}

/** A donation through the JSON API and the sandbox gateway, waited for until it is recorded. */
export async function giveThroughApi(request: APIRequestContext, projectId: string, amountFen: number, name: string): Promise<string> {
  const placed = await request.post('/api/v1/charity/orders', {
    data: { project_id: projectId, amount_fen: amountFen, donor_name: name, receipt_wanted: false, channel: 'api' },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const orderNo: string = (await placed.json()).order_no;
  const paid = await request.post(`/api/v1/payments/sandbox/${orderNo}/pay`);
  expect(paid.ok(), await paid.text()).toBeTruthy();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/charity/orders/${orderNo}`)).json()).status, { timeout: 30_000 })
    .toBe('paid');
  return orderNo;
}
