import { APIRequestContext, expect, Page } from '@playwright/test';
import { staffSignIn, totp } from './staff-helpers';

// The demo charity staff member seeded in development (fixed secret so the test can compute codes).
export const CHARITY_STAFF = { username: 'charity-staff', password: 'Dongxihu-Charity-2026', secret: 'MNUGC4TJORMXG5DBMZTGG2DBOJUXI6LT' };

/** Signs the charity staff member in and opens the desk. */
export async function openCharityDesk(page: Page) {
  await staffSignIn(page, CHARITY_STAFF, totp(CHARITY_STAFF.secret));
  await expect(page.getByTestId('staff-role')).toBeVisible();
  await page.goto('/staff/charity');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('慈善项目与款物');
}

/** A date `days` from today in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDate(days = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A donor gives through the JSON API and the sandbox gateway; waits until the order is paid. */
export async function donateThroughApi(request: APIRequestContext, projectId: string, amountFen: number): Promise<string> {
  const placed = await request.post('/api/v1/charity/orders', {
    data: { project_id: projectId, amount_fen: amountFen, donor_name: '赵捐赠', receipt_wanted: false, channel: 'api' },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const orderNo: string = (await placed.json()).order_no;
  const paid = await request.post(`/api/v1/payments/sandbox/${orderNo}/pay`);
  expect(paid.status(), await paid.text()).toBe(204);
  // The gateway's notification arrives asynchronously.
  await expect
    .poll(async () => (await (await request.get(`/api/v1/charity/orders/${orderNo}`)).json()).status, { timeout: 20_000 })
    .toBe('paid');
  return orderNo;
}

/** A goods pledge through the JSON API; answers its number. */
export async function pledgeGoods(request: APIRequestContext, description: string, quantity: number): Promise<string> {
  const res = await request.post('/api/v1/charity/goods/pledges', {
    data: { category: 'clothing', description, quantity, unit: '件', condition: 'good', street_code: 'wujiashan' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).pledge_no;
}

/** A tiny but real PDF (the server checks the bytes, not the name). */
export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/** A 1×1 PNG. */
export function tinyPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
}
