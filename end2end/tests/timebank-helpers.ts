import { expect, Page } from '@playwright/test';
import { staffSignIn, totp } from './staff-helpers';

/** The demo coordinator of 吴家山街道志愿服务站. */
export const COORDINATOR = { username: 'wjs-coordinator', password: 'Wujiashan-Volunteer-2026', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' };

/** Now in Shanghai: the year, the month (1-12), the date and a window around now for an activity. */
export function shanghaiNow() {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  const minutes = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes();
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    year: shanghai.getUTCFullYear(),
    month: shanghai.getUTCMonth() + 1,
    date: shanghai.toISOString().slice(0, 10),
    start: hhmm(Math.max(0, minutes - 10)),
    end: hhmm(Math.min(23 * 60 + 59, minutes + 120)),
  };
}

/** The signed-in resident registers as a volunteer of 吴家山 under this name and ID number. */
export async function registerVolunteer(page: Page, name: string, id: string) {
  await page.goto('/volunteer');
  await page.getByTestId('vol-name').fill(name);
  await page.getByTestId('vol-id').fill(id);
  await page.locator('#street_code').selectOption('wujiashan');
  await page.locator('#cat-elderly').check();
  await page.getByTestId('vol-consent').check();
  await page.getByTestId('vol-register').click();
  await expect(page.getByTestId('notice')).toContainText('登记成功');
}

/** The coordinator signs in on `desk` and publishes an activity happening now. */
export async function publishActivityNow(desk: Page, name: string, content: string) {
  const now = shanghaiNow();
  await staffSignIn(desk, COORDINATOR, totp(COORDINATOR.secret));
  await desk.getByRole('link', { name: '志愿服务活动' }).click();
  await desk.getByTestId('act-name').fill(name);
  await desk.getByTestId('act-date').fill(now.date);
  await desk.getByTestId('act-start').fill(now.start);
  await desk.getByTestId('act-end').fill(now.end);
  await desk.getByTestId('act-place').fill('吴家山街道养老服务中心');
  await desk.getByTestId('act-content').fill(content);
  await desk.getByTestId('act-capacity').fill('20');
  await desk.getByTestId('act-organizer_unit').fill('吴家山街道志愿服务站');
  await desk.getByTestId('act-person_in_charge').fill('李老师');
  await desk.getByTestId('create-activity').click();
  await expect(desk.getByTestId('notice')).toContainText('已发布');
}

/** The volunteer opens the address of the desk's current QR code and confirms. */
export async function scanDesk(desk: Page, volunteer: Page, expected: string) {
  await desk.reload();
  const url = await desk.getByTestId('desk-qr').getAttribute('data-url');
  await volunteer.goto(url!);
  await volunteer.getByTestId('confirm-scan').click();
  await expect(volunteer.getByTestId('notice')).toContainText(expected);
}
